import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';

/*
 * A lock file around read-modify-write of a settings file. conf writes atomically, but two
 * processes that each read, change and write lose one of the changes (field notes: 408 of 600
 * keys survived); with the lock, each change is made to what the previous one wrote.
 */

const staleAfterMs = 10_000;
const pause = new Int32Array(new SharedArrayBuffer(4));

function sleepSync(ms: number): void {
  Atomics.wait(pause, 0, 0, ms);
}

/** False only for a pid that names no process (ESRCH): a live one of another user counts as alive. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** True when the lock names a process that no longer exists. */
function holderIsDead(lockPath: string): boolean {
  const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
  return Number.isInteger(pid) && pid > 0 && !isProcessAlive(pid);
}

export function withFileLock<T>(lockPath: string, action: () => T, { timeoutMs = 5000 } = {}): T {
  const deadline = Date.now() + timeoutMs;
  let descriptor: number | undefined;
  for (let attempt = 0; descriptor === undefined; attempt += 1) {
    try {
      descriptor = openSync(lockPath, 'wx');
      writeSync(descriptor, String(process.pid));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        // A process that died holding the lock must not block everyone: a dead holder's lock is
        // taken at once; one whose holder cannot be told (an old lock, no pid yet) after a while.
        if (holderIsDead(lockPath) || Date.now() - statSync(lockPath).mtimeMs > staleAfterMs) {
          rmSync(lockPath, { force: true });
          continue;
        }
      } catch (problem) {
        // The holder released it between our two calls: try again at once.
        if ((problem as NodeJS.ErrnoException).code === 'ENOENT') continue;
      }
      if (Date.now() > deadline) throw new Error(`settings are locked by another livetail (${lockPath})`);
      sleepSync(Math.min(2 + attempt * 2, 25));
    }
  }
  try {
    return action();
  } finally {
    closeSync(descriptor);
    rmSync(lockPath, { force: true });
  }
}
