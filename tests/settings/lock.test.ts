import { spawnSync } from 'node:child_process';
import { mkdtempSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { holdLock, LockBusy, withFileLock } from '../../src/settings/lock.js';

describe('settings lock', () => {
  it('takes at once a fresh lock whose holder is dead', () => {
    const lockPath = join(mkdtempSync(join(tmpdir(), 'livetail-lock-')), 'settings.json.lock');
    // A pid that surely existed and has exited: a finished child's.
    const child = spawnSync(process.execPath, ['-e', '']);
    writeFileSync(lockPath, String(child.pid));
    // With no time to wait, only recognising the dead holder can take the lock.
    expect(withFileLock(lockPath, () => 'taken', { timeoutMs: 0 })).toBe('taken');
    expect(existsSync(lockPath)).toBe(false);
  });

  it('waits for a live holder and then gives up', () => {
    const lockPath = join(mkdtempSync(join(tmpdir(), 'livetail-lock-')), 'settings.json.lock');
    writeFileSync(lockPath, String(process.pid));
    expect(() => withFileLock(lockPath, () => 'taken', { timeoutMs: 50 })).toThrow(/locked by another livetail/);
  });

  it('holds a lock for a run: a live holder is refused at once, a dead one taken over at once', () => {
    const lockPath = join(mkdtempSync(join(tmpdir(), 'livetail-lock-')), 'run.lock');
    const release = holdLock(lockPath, (pid) => `held by ${pid}`);
    expect(() => holdLock(lockPath, (pid) => `held by ${pid}`)).toThrow(new LockBusy(`held by ${process.pid}`));
    release();
    expect(existsSync(lockPath)).toBe(false);
    writeFileSync(lockPath, String(spawnSync(process.execPath, ['-e', '']).pid));
    holdLock(lockPath, () => 'busy')();
  });

  it('takes a lock file with no pid in it only once its maker has had time to write one', () => {
    const lockPath = join(mkdtempSync(join(tmpdir(), 'livetail-lock-')), 'run.lock');
    writeFileSync(lockPath, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockPath, old, old);
    holdLock(lockPath, () => 'busy')();
  });
});
