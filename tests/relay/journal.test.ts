import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LockBusy } from '../../src/settings/lock.js';
import { compact, decodeLine, encodeLine, openJournal, type JournalLine } from '../../src/relay/journal.js';

const scratch = (): string => join(mkdtempSync(join(tmpdir(), 'journal-')), 'relay.ndjson');

const line = (index: number, source = 'http://127.0.0.1:1/live'): JournalLine => ({
  source,
  cursor: String(index),
  hubBefore: `1796:${index - 1}`,
  channel: 'http://hub/pub/summit',
  event: 'entry',
  feed: source,
  payload: JSON.stringify({ id: `e${index}`, time: '2026-12-01T10:00:00+09:00', body: '「安全」,"p":\u2028', tags: [] }),
});

describe('relay journal', () => {
  it('decodes what it encodes, payload text verbatim, whatever the strings hold', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.option(fc.string(), { nil: undefined }), fc.jsonValue(), (source, feed, cursor, value) => {
        const payload = JSON.stringify(value) ?? 'null';
        const written: JournalLine = { source, feed, channel: 'http://hub/pub/x', event: 'update', payload, ...(cursor === undefined ? {} : { cursor }) };
        const text = encodeLine(written);
        expect(decodeLine(text.slice(0, -1))).toEqual(written);
      }),
    );
  });

  it('reads back what a run appended, and takes back the last line on request', () => {
    const path = scratch();
    const first = openJournal(path);
    first.append(line(1));
    first.append(line(2));
    first.append(line(3));
    first.dropLast();
    first.close();
    const second = openJournal(path);
    expect(second.lines).toEqual([line(1), line(2)]);
    second.close();
  });

  it('repairs a line torn by a kill mid-write instead of keeping it', () => {
    const path = scratch();
    writeFileSync(path, encodeLine(line(1)));
    appendFileSync(path, encodeLine(line(2)).slice(0, 30));
    const journal = openJournal(path);
    expect(journal.lines).toEqual([line(1)]);
    journal.append(line(2));
    journal.close();
    expect(readFileSync(path, 'utf8')).toBe(encodeLine(line(1)) + encodeLine(line(2)));
  });

  it('refuses a second relay on the same journal, and takes over the lock of a dead one', () => {
    const path = scratch();
    const first = openJournal(path);
    expect(() => openJournal(path)).toThrow(LockBusy);
    first.close();
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim();
    writeFileSync(`${path}.lock`, dead);
    openJournal(path).close();
  });

  it('compacting keeps the newest lines and the last line of every source', () => {
    const quiet = line(1, 'http://127.0.0.1:2/quiet');
    const busy = Array.from({ length: 30 }, (_, index) => line(index + 2));
    expect(compact([quiet, ...busy], 10)).toEqual([quiet, ...busy.slice(-10)]);
  });
});
