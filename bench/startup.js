import { fileURLToPath } from 'node:url';
import { benchEntry, sseStream } from './lib/entries.js';
import { runUntilScreenShows } from './lib/pty.js';
import { timeCommand } from './lib/run-process.js';
import { startStreamServer } from './lib/server.js';
import { median, repeat, spread } from './lib/stats.js';

const bin = fileURLToPath(new URL('../bin/livetail.js', import.meta.url));
/** The floor: a bare Ink app built like livetail (bench/floor/bare-app.js, bundled by run.js). */
const bareApp = fileURLToPath(new URL('../dist/bench/bare-app.js', import.meta.url));

export async function runStartupBench({ runs = 10 } = {}) {
  const node = await repeat(runs, () => timeCommand(process.execPath, ['-e', '0']));
  const version = await repeat(runs, () => timeCommand(process.execPath, [bin, '--version']));
  const server = await startStreamServer(sseStream(20));
  try {
    const frame = await repeat(runs, () => runUntilScreenShows([bin, server.url], benchEntry(19).title));
    const bareFrame = await repeat(runs, () => runUntilScreenShows([bareApp, '20'], benchEntry(19).title));
    const row = (name, values, extra = {}) => ({ group: 'startup', name, value: median(values), unit: 'ms', spread: spread(values), ...extra });
    return [
      row('node -e 0 (baseline)', node),
      row('livetail --version', version, { ratio: median(version) / median(node), baseline: 'of node -e 0' }),
      row('bare Ink app: first frame of the same entries (pty, floor)', bareFrame, { ratio: median(bareFrame) / median(node), baseline: 'of node -e 0' }),
      row('livetail URL: first frame with the newest entry (pty)', frame, {
        ratio: median(frame) / median(bareFrame),
        baseline: 'of bare Ink app',
        target: '<= 1.5x bare Ink app',
        met: median(frame) <= 1.5 * median(bareFrame),
        note: `${(median(frame) / median(node)).toFixed(2)}x node -e 0`,
      }),
    ];
  } finally {
    await server.close();
  }
}
