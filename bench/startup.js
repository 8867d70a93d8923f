import { fileURLToPath } from 'node:url';
import { benchEntry, sseStream } from './lib/entries.js';
import { runUntilScreenShows } from './lib/pty.js';
import { timeCommand } from './lib/run-process.js';
import { startStreamServer } from './lib/server.js';
import { median, repeat, spread } from './lib/stats.js';

const bin = fileURLToPath(new URL('../bin/livetail.js', import.meta.url));

export async function runStartupBench({ runs = 10 } = {}) {
  const node = await repeat(runs, () => timeCommand(process.execPath, ['-e', '0']));
  const version = await repeat(runs, () => timeCommand(process.execPath, [bin, '--version']));
  const server = await startStreamServer(sseStream(20));
  try {
    const frame = await repeat(runs, () => runUntilScreenShows([bin, server.url], benchEntry(19).title));
    const row = (name, values, extra = {}) => ({ group: 'startup', name, value: median(values), unit: 'ms', spread: spread(values), ...extra });
    return [
      row('node -e 0 (baseline)', node),
      row('livetail --version', version, { ratio: median(version) / median(node), baseline: 'of node -e 0' }),
      row('livetail URL: first frame with the newest entry (pty)', frame, {
        ratio: median(frame) / median(node),
        baseline: 'of node -e 0',
        target: '< 300 ms',
        met: median(frame) < 300,
      }),
    ];
  } finally {
    await server.close();
  }
}
