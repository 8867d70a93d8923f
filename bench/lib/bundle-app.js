import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { commonOptions } from '../../src/build/bundle.mjs';

/**
 * The screen benchmarks mount the App themselves, on a fake terminal. They bundle it here with
 * React and Ink exactly as the real build does, so one copy of each is measured in production mode.
 * The bare app they are compared with is built beside it with the same options.
 */
export async function bundleApp() {
  const outdir = fileURLToPath(new URL('../../dist/bench/', import.meta.url));
  await build({
    ...commonOptions,
    stdin: {
      contents:
        "export { App } from './src/tui/App.tsx'; export { render } from 'ink'; export { createElement } from 'react'; export { applySignals, emptyTimeline } from './src/timeline/timeline.ts';",
      resolveDir: fileURLToPath(new URL('../../', import.meta.url)),
      loader: 'ts',
    },
    outdir,
    entryNames: 'app',
  });
  // The floor: a bare Ink app (bench/floor/bare-app.js), built the same way.
  await build({
    ...commonOptions,
    entryPoints: [fileURLToPath(new URL('../floor/bare-app.js', import.meta.url))],
    outdir,
    entryNames: 'bare-app',
  });
  return outdir;
}
