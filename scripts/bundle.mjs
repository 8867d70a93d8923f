// `npm run build`: bundles src/ into dist/ with esbuild. Lazy chunks keep the pipe from loading
// Ink and let the screen's code load while the first connection is made.
import { readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/*
 * Ink 6.8 memoizes every string it measures or wraps in module-level caches that are never
 * emptied (field notes). A timeline that receives entries for hours gives Ink new strings all
 * the time, so these caches would grow without bound. Ink offers no way to reach them; the
 * bundle bounds them instead, by patching the two lines that fill them. The patterns are exact
 * on purpose: if an Ink update changes them, the build fails instead of silently unbounding.
 */
const cacheLimit = 4000;

/*
 * Each patch records here that it ran. A patch keyed on a file name that upstream renames would
 * otherwise just never run: the build checks that every patch applied (failing closed).
 */
const applied = new Set();
const inkCachePatches = [
  {
    name: 'ink measure-text cache',
    file: /ink[\\/]build[\\/]measure-text\.js$/,
    edits: [{ from: 'cache.set(text, dimensions);', to: `if (cache.size >= ${cacheLimit}) cache.clear(); cache.set(text, dimensions);` }],
  },
  {
    name: 'ink wrap-text cache',
    file: /ink[\\/]build[\\/]wrap-text\.js$/,
    edits: [
      { from: 'const cache = {};', to: 'let cache = {}; let cacheSize = 0;' },
      { from: 'cache[cacheKey] = wrappedText;', to: `if (++cacheSize > ${cacheLimit}) { cache = {}; cacheSize = 1; } cache[cacheKey] = wrappedText;` },
    ],
  },
  /*
   * Ink measures and tokenizes every line of every frame through caches it makes afresh for each
   * frame, so a keypress that redraws the same rows pays for all of them again (most of a frame
   * at 100,000 entries, bench/tui.js). One set of caches, bounded like the others, lasts across
   * frames; what they hold are pure functions of the string, and Ink only reads them.
   */
  {
    name: 'ink output caches across frames',
    file: /ink[\\/]build[\\/]output\.js$/,
    edits: [
      { from: 'export default class Output {', to: 'const cachesAcrossFrames = new OutputCaches();\nexport default class Output {' },
      { from: '    caches = new OutputCaches();', to: '    caches = cachesAcrossFrames;' },
      // A line's styled characters are an object each: a few screens of lines, not thousands.
      ...[['styledChars.set(line', 512], ['widths.set(text', cacheLimit], ['blockWidths.set(text', 1024]].map(([call, limit]) => {
        const map = call.slice(0, call.indexOf('.'));
        return { from: `this.${call}, cached);`, to: `if (this.${map}.size >= ${limit}) this.${map}.clear(); this.${call}, cached);` };
      }),
    ],
  },
  {
    // The same text's width, asked again for every text node of every frame: measure-text's cache answers it.
    name: 'ink render width through measure-text',
    file: /ink[\\/]build[\\/]render-node-to-output\.js$/,
    edits: [
      { from: "import widestLine from 'widest-line';", to: "import measureText from './measure-text.js';" },
      { from: 'const currentWidth = widestLine(text);', to: 'const currentWidth = measureText(text).width;' },
    ],
  },
];

export const boundInkCaches = {
  name: 'bound-ink-caches',
  setup(builder) {
    for (const patch of inkCachePatches) {
      builder.onLoad({ filter: patch.file }, async ({ path }) => {
        let source = await readFile(path, 'utf8');
        for (const { from, to } of patch.edits) {
          if (!source.includes(from)) throw new Error(`${path}: expected "${from}" (Ink changed: review scripts/bundle.mjs)`);
          source = source.replace(from, to);
        }
        applied.add(patch.name);
        return { contents: source, loader: 'js' };
      });
    }
  },
};

/*
 * conf imports ajv (with ajv-formats) and semver for its `schema` and `migrations` options.
 * livetail uses neither (zod validates in `deserialize`), yet they are nine tenths of conf's
 * code, and the full-screen view would parse them before its first frame. The bundle gives conf
 * stand-ins that throw if those options are ever used, so such a change fails loudly.
 */
const confUnused = /^(ajv\/dist\/2020\.js|ajv-formats|semver)$/;

const leaveOutConfSchemaSupport = {
  name: 'leave-out-conf-schema-support',
  setup(builder) {
    builder.onResolve({ filter: confUnused }, ({ path, importer }) =>
      /[\\/]node_modules[\\/]conf[\\/]/.test(importer) ? { path, namespace: 'conf-unused' } : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'conf-unused' }, ({ path }) => (applied.add(`conf without ${path}`), {
      contents: `const unavailable = () => { throw new Error(${JSON.stringify(`${path} is left out of livetail's bundle: conf's schema and migrations options are not supported`)}); };
export class Ajv2020 { constructor() { unavailable(); } }
export default new Proxy(unavailable, { get: () => unavailable });`,
      loader: 'js',
    }));
  },
};

/*
 * Yoga (Ink's layout engine) carries its WebAssembly as a base64 data: URL and reads it with
 * fetch() when fetch exists. Node's fetch decodes data: URLs slowly (tens of ms on a small
 * machine, before the first frame); Buffer decodes the same bytes in well under one.
 * Emscripten documents the `wasmBinary` module option for handing over the bytes, but
 * yoga-layout's entry calls its loader with no options, so the bundle passes them there: the
 * one edit is in yoga's readable entry (`await loadYoga()`), not in minified code. The payload
 * moves out of the Emscripten module (its data: URL literal, the SINGLE_FILE format, is left
 * empty, never read once `wasmBinary` is given) so the bundle does not carry it twice.
 */
const yogaDataUrl = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/g;
const yogaEntry = { file: /yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/, from: 'wrapAssembly(await loadYoga())' };
const yogaBinaries = /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/;

async function yogaWasmBase64(entryPath) {
  const path = fileURLToPath(new URL('../binaries/yoga-wasm-base64-esm.js', pathToFileURL(entryPath)));
  const payloads = [...(await readFile(path, 'utf8')).matchAll(yogaDataUrl)];
  if (payloads.length !== 1) throw new Error(`${path}: expected one base64 data: URL, found ${payloads.length} (yoga-layout changed: review scripts/bundle.mjs)`);
  return payloads[0][1];
}

const yogaWasmBinary = {
  name: 'yoga-wasm-binary',
  setup(builder) {
    builder.onLoad({ filter: yogaEntry.file }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      if (!source.includes(yogaEntry.from)) throw new Error(`${path}: expected "${yogaEntry.from}" (yoga-layout changed: review scripts/bundle.mjs)`);
      const wasmBinary = `Buffer.from(${JSON.stringify(await yogaWasmBase64(path))}, "base64")`;
      applied.add('yoga wasmBinary');
      return { contents: source.replace(yogaEntry.from, `wrapAssembly(await loadYoga({ wasmBinary: ${wasmBinary} }))`), loader: 'js' };
    });
    builder.onLoad({ filter: yogaBinaries }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const emptied = source.replace(yogaDataUrl, '"data:application/octet-stream;base64,"');
      if (emptied === source) throw new Error(`${path}: expected a base64 data: URL (yoga-layout changed: review scripts/bundle.mjs)`);
      applied.add('yoga payload moved out');
      return { contents: emptied, loader: 'js' };
    });
  },
};

/** Options shared by the app's build and the benchmark's bundle of the screen. */
export const commonOptions = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Ink loads its devtools lazily and only when asked to: never in livetail.
  external: ['react-devtools-core'],
  define: { 'process.env.NODE_ENV': '"production"' },
  // React and other CommonJS dependencies call require() inside an ES module bundle.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  plugins: [boundInkCaches, leaveOutConfSchemaSupport, yogaWasmBinary],
  logLevel: 'warning',
};

const expectedPatches = [...inkCachePatches.map((patch) => patch.name), 'conf without ajv/dist/2020.js', 'conf without ajv-formats', 'conf without semver', 'yoga wasmBinary', 'yoga payload moved out'];

// Compared as paths: a checkout path with a space is %20 in the URL but not in argv.
if (fileURLToPath(import.meta.url) === resolve(process.argv[1] ?? '')) {
  const root = fileURLToPath(new URL('../', import.meta.url));
  await rm(`${root}dist`, { recursive: true, force: true });
  await build({
    ...commonOptions,
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts', 'src/tui/App.tsx', 'src/text/index.ts'],
    outbase: 'src',
    outdir: 'dist',
    chunkNames: 'chunks/[name]-[hash]',
    minifySyntax: true,
    minifyWhitespace: true,
  });
  const missing = expectedPatches.filter((name) => !applied.has(name));
  if (missing.length > 0) {
    await rm(`${root}dist`, { recursive: true, force: true });
    throw new Error(`patches not applied (their target moved upstream? review scripts/bundle.mjs): ${missing.join(', ')}`);
  }
}
