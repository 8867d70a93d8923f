import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs `node <args>` in a pseudo-terminal (`script`), so livetail takes its full-screen path, with
 * CI unset and a settings folder of the benchmark's own, shared by its runs as a user's would be
 * (runs must not depend on, or fill, the real one). Resolves
 * with the ms from spawn until the screen shows `text`; then `andThen` is 'kill' (SIGTERM at once)
 * or 'quit' (press q and wait for the process to exit).
 */
let configDir;

export function runUntilScreenShows(args, text, { env = {}, andThen = 'kill', timeoutMs = 30_000 } = {}) {
  return new Promise((resolve, reject) => {
    configDir ??= mkdtempSync(join(tmpdir(), 'livetail-bench-config-'));
    const childEnv = { ...process.env, TERM: 'xterm-256color', LIVETAIL_CONFIG_DIR: configDir, ...env };
    delete childEnv.CI;
    const command = [process.execPath, ...args].map((word) => `"${word}"`).join(' ');
    const started = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', `stty cols 100 rows 30; ${command}`, '/dev/null'], { env: childEnv, stdio: ['pipe', 'pipe', 'ignore'], detached: true });
    const timer = setTimeout(() => {
      process.kill(-child.pid, 'SIGKILL');
      reject(new Error(`the screen did not show "${text}" within ${timeoutMs} ms`));
    }, timeoutMs);
    // Only the tail is kept: the text may arrive split across two reads.
    let tail = '';
    let seenMs;
    child.stdout.on('data', (chunk) => {
      if (seenMs !== undefined) return;
      tail = (tail + chunk.toString()).slice(-4 * text.length - 4096);
      if (!tail.includes(text)) return;
      seenMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (andThen === 'kill') {
        clearTimeout(timer);
        process.kill(-child.pid, 'SIGTERM');
        resolve(seenMs);
      } else child.stdin.write('q');
    });
    child.on('close', () => {
      clearTimeout(timer);
      if (seenMs !== undefined) resolve(seenMs);
    });
  });
}
