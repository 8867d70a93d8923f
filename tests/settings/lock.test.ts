import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFileLock } from '../../src/settings/lock.js';

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
});
