import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFileLock } from '../../src/settings/lock.js';

describe('settings lock', () => {
  it('takes over at once a lock left by a process that was killed', () => {
    const lockPath = join(mkdtempSync(join(tmpdir(), 'livetail-lock-')), 'state.json.lock');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    writeFileSync(lockPath, dead);
    // A timeout of 0: waiting even once for the dead holder would fail.
    expect(withFileLock(lockPath, () => 'taken', { timeoutMs: 0 })).toBe('taken');
  });

  it('still waits for a live holder, then says who holds it', () => {
    const lockPath = join(mkdtempSync(join(tmpdir(), 'livetail-lock-')), 'state.json.lock');
    writeFileSync(lockPath, String(process.pid));
    expect(() => withFileLock(lockPath, () => 'taken', { timeoutMs: 0 })).toThrow(/locked by another livetail/);
  });
});
