import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchEntry, sseStream } from './lib/entries.js';
import { timeCommand } from './lib/run-process.js';
import { startStreamServer } from './lib/server.js';
import { median, repeat, spread } from './lib/stats.js';

const bin = fileURLToPath(new URL('../bin/livetail.js', import.meta.url));

/**
 * Time from spawn until the terminal shows `text`. `script` gives the app a real pseudo-terminal
 * (so it takes the full-screen path); the app is killed once the frame is seen.
 */
function timeToFrame(url, text) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, TERM: 'xterm-256color' };
    delete env.CI;
    const started = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', `stty cols 100 rows 30; "${process.execPath}" "${bin}" "${url}"`, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'ignore'], detached: true });
    let seen = '';
    const timer = setTimeout(() => {
      process.kill(-child.pid, 'SIGKILL');
      reject(new Error('no frame within 10 s'));
    }, 10_000);
    child.stdout.on('data', (chunk) => {
      seen += chunk.toString();
      if (seen.includes(text)) {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        clearTimeout(timer);
        process.kill(-child.pid, 'SIGTERM');
        resolve(ms);
      }
    });
  });
}

export async function runStartupBench({ runs = 10 } = {}) {
  const node = await repeat(runs, () => timeCommand(process.execPath, ['-e', '0']));
  const version = await repeat(runs, () => timeCommand(process.execPath, [bin, '--version']));
  const server = await startStreamServer(sseStream(20));
  try {
    const frame = await repeat(runs, () => timeToFrame(server.url, benchEntry(19).title));
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
