import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

/**
 * The screen benchmarks mount the App themselves, on a fake terminal. They bundle it here with
 * React and Ink, as the real build does, so one copy of each is measured in production mode.
 */
export async function bundleApp() {
  const outdir = fileURLToPath(new URL('../../dist/bench/', import.meta.url));
  await build({
    stdin: {
      contents: "export { App } from './src/tui/App.tsx'; export { render } from 'ink'; export { createElement } from 'react';",
      resolveDir: fileURLToPath(new URL('../../', import.meta.url)),
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir,
    entryNames: 'app',
    // Ink loads its devtools lazily; splitting keeps that import lazy (and unresolved).
    splitting: true,
    external: ['react-devtools-core'],
    define: { 'process.env.NODE_ENV': '"production"' },
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return outdir;
}
