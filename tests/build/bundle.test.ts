import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root, runNode } from '../helpers/processes.js';

/*
 * Tests import src/, so they run Ink, Yoga and conf as published. What ships is the bundle, with
 * the build's patches: these tests build a copy of the checkout, at a path with a space in it
 * (the build once exited 0 there, writing nothing), and run what it built.
 */

const copies: string[] = [];

/** A copy of what the build reads (node_modules linked), at a path with a space. */
function copyCheckout(): string {
  const copy = mkdtempSync(join(tmpdir(), 'live tail checkout '));
  copies.push(copy);
  for (const part of ['src', 'scripts', 'bin', 'package.json']) cpSync(join(root, part), join(copy, part), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
  return copy;
}

const checkout = copyCheckout();
const built = (...parts: string[]) => join(checkout, 'dist', ...parts);

/** Runs an ES module given as text and returns what it printed. */
async function runModule(text: string): Promise<string> {
  const result = await runNode(['--input-type=module', '-e', text], {});
  if (result.code !== 0) throw new Error(`node exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

beforeAll(async () => {
  const build = await runNode([join(checkout, 'scripts', 'bundle.mjs')]);
  if (build.code !== 0) throw new Error(`the build failed: ${build.stderr}`);
}, 60_000);

afterAll(() => {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
});

describe('the built bundle', () => {
  it('is built at a checkout path with a space', () => {
    expect(readdirSync(built('cli'))).toContain('main.js');
  });

  it('loads Yoga from the bytes it was handed (wasmBinary), never through fetch', async () => {
    const probe = `
      const fetched = [];
      globalThis.fetch = (url) => { fetched.push(String(url).slice(0, 30)); throw new Error('fetch'); };
      await import(${JSON.stringify(pathToFileURL(built('tui', 'App.js')).href)});
      console.log(JSON.stringify(fetched));`;
    expect(JSON.parse(await runModule(probe))).toEqual([]);
  });

  it("bounds Ink's measure and wrap caches", async () => {
    // Ink's caches are not exported: the probe bundles Ink's two modules with the build's options.
    const url = (path: string) => JSON.stringify(pathToFileURL(path).href);
    const ink = (file: string) => JSON.stringify(join(checkout, 'node_modules', 'ink', 'build', file));
    const probe = `
      import { build } from ${url(join(root, 'node_modules', 'esbuild', 'lib', 'main.js'))};
      import { commonOptions } from ${url(join(checkout, 'scripts', 'bundle.mjs'))};
      const contents = 'export { default as measureText } from ' + ${JSON.stringify(ink('measure-text.js'))} + '; export { default as wrapText } from ' + ${JSON.stringify(ink('wrap-text.js'))} + ';';
      await build({ ...commonOptions, stdin: { contents, resolveDir: ${JSON.stringify(checkout)} }, outdir: ${JSON.stringify(join(checkout, 'probe'))}, entryNames: 'ink-caches' });
      const { measureText, wrapText } = await import(${url(join(checkout, 'probe', 'ink-caches.js'))});
      const measured = measureText('港湾');
      // Ink keys its wrap cache on text + width + mode, so ('a', 11) and ('a1', 1) share a slot:
      // what the second call returns shows whether the first is still cached.
      wrapText('a', 11, 'wrap');
      const collided = wrapText('a1', 1, 'wrap');
      for (let i = 0; i < 5000; i++) { measureText('entry ' + i); wrapText('entry ' + i, 80, 'wrap'); }
      console.log(JSON.stringify({ measuredAgain: measureText('港湾') === measured, collided, wrappedAfterFill: wrapText('a1', 1, 'wrap') }));`;
    // Unbounded, both calls after the fill would be answered from the first entries.
    expect(JSON.parse(await runModule(probe))).toEqual({ measuredAgain: false, collided: 'a', wrappedAfterFill: 'a\n1' });
  });

  it('bundles conf without ajv, and settings still work', async () => {
    const script = join(checkout, 'bin', 'livetail.js');
    const env = { LIVETAIL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'livetail-bundle-config-')) };
    expect((await runNode([script, 'topics', 'add', '港湾'], { env })).code).toBe(0);
    expect((await runNode([script, 'topics', 'list'], { env })).stdout).toBe('港湾\n');
    const code = readdirSync(built('chunks')).map((name) => readFileSync(built('chunks', name), 'utf8'));
    // `strictTuples` is one of ajv's own options: its code would carry the name.
    expect(code.filter((text) => text.includes('strictTuples'))).toEqual([]);
    expect(code.filter((text) => text.includes("is left out of livetail's bundle"))).toHaveLength(1);
  });
});

describe('the build fails closed', () => {
  /** Builds a copy whose build script expects something else of a dependency (as after an upgrade). */
  async function buildExpecting(from: string, to: string) {
    const copy = copyCheckout();
    const script = join(copy, 'scripts', 'bundle.mjs');
    const text = readFileSync(script, 'utf8');
    expect(text).toContain(from);
    writeFileSync(script, text.replace(from, to));
    return { ...(await runNode([script])), dist: existsSync(join(copy, 'dist')) };
  }

  it('when a patch target text changed upstream', async () => {
    const build = await buildExpecting("from: 'wrapAssembly(await loadYoga())'", "from: 'wrapAssembly(await loadYogaRenamed())'");
    expect(build).toMatchObject({ code: 1, dist: false });
    expect(build.stderr).toContain('yoga-layout changed');
  });

  it('when a patched file is renamed upstream, so the patch never runs', async () => {
    const build = await buildExpecting('measure-text\\.js$/', 'measure-text-renamed\\.js$/');
    expect(build).toMatchObject({ code: 1, dist: false });
    expect(build.stderr).toContain('patches not applied');
    expect(build.stderr).toContain('ink measure-text cache');
  });
});
