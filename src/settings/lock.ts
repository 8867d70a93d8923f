import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';

/*
 * Lock files holding the holder's pid. `withFileLock` waits around a read-modify-write of a
 * settings file: conf writes atomically, but two processes that each read, change and write lose
 * one of the changes (field notes: 408 of 600 keys survived); with the lock, each change is made
 * to what the previous one wrote. `holdLock` is for a whole run (a relay journal, an --output
 * file, a --resume feed): a second holder is refused at once instead of waiting.
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

/** The pid a lock names, or undefined while its holder has not written it yet (or never will). */
function lockHolder(lockPath: string): number | undefined {
  const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** True when the lock names a process that no longer exists. */
function holderIsDead(lockPath: string): boolean {
  const pid = lockHolder(lockPath);
  return pid !== undefined && !isProcessAlive(pid);
}

/** Creates the lock file with our pid in it; undefined when it exists. */
function createLock(lockPath: string): number | undefined {
  let descriptor: number;
  try {
    descriptor = openSync(lockPath, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return undefined;
    throw error;
  }
  writeSync(descriptor, String(process.pid));
  return descriptor;
}

export function withFileLock<T>(lockPath: string, action: () => T, { timeoutMs = 5000 } = {}): T {
  const deadline = Date.now() + timeoutMs;
  let descriptor: number | undefined;
  for (let attempt = 0; descriptor === undefined; attempt += 1) {
    descriptor = createLock(lockPath);
    if (descriptor === undefined) {
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

/** Another process holds a lock for its whole run; `message` says who and what. */
export class LockBusy extends Error {}

/** How long a lock file may lack its pid before it counts as left by a process that died creating it. */
const unnamedGraceMs = 1000;

/**
 * Removes a lock its holder left (dead, or never named), unless it changed meanwhile: of two
 * processes that both saw it left, the slower must not remove the lock the faster has just
 * taken. So the check and the removal happen under a second, short-lived lock.
 */
function removeLeftLock(lockPath: string, left: number | undefined): void {
  const guardPath = `${lockPath}.takeover`;
  const guard = createLock(guardPath);
  if (guard === undefined) {
    // Another process is taking it over; a guard whose maker was killed meanwhile soon counts as old.
    if (Date.now() - statSync(guardPath).mtimeMs > unnamedGraceMs) rmSync(guardPath, { force: true });
    else sleepSync(2);
    return;
  }
  try {
    if (lockHolder(lockPath) === left) rmSync(lockPath, { force: true });
  } finally {
    closeSync(guard);
    rmSync(guardPath, { force: true });
  }
}

/**
 * Takes `lockPath` for this process until the returned function releases it. A live holder is
 * refused at once with `LockBusy(busy(pid))`; a dead holder's lock is taken over at once.
 */
export function holdLock(lockPath: string, busy: (pid: number) => string): () => void {
  for (let attempt = 0; ; attempt += 1) {
    const descriptor = createLock(lockPath);
    if (descriptor !== undefined) {
      closeSync(descriptor);
      return () => rmSync(lockPath, { force: true });
    }
    try {
      const holder = lockHolder(lockPath);
      if (holder !== undefined && isProcessAlive(holder)) throw new LockBusy(busy(holder));
      // A holder between creating the file and writing its pid is alive: give it a moment.
      if (holder === undefined && Date.now() - statSync(lockPath).mtimeMs < unnamedGraceMs) {
        sleepSync(Math.min(2 + attempt * 2, 25));
        continue;
      }
      removeLeftLock(lockPath, holder);
    } catch (problem) {
      // Released between our calls: try again at once.
      if ((problem as NodeJS.ErrnoException).code !== 'ENOENT') throw problem;
    }
  }
}
