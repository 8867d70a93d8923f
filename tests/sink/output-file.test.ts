import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../src/schema/feed.js';
import { formatNdjsonLine } from '../../src/schema/ndjson.js';
import type { SourceSignal } from '../../src/schema/signal.js';
import { LockBusy } from '../../src/settings/lock.js';
import { NotOutputFile, openOutputFile, type OutputFileOptions } from '../../src/sink/output-file.js';
import { runPipe } from '../../src/sink/pipe.js';
import { makeEntry } from '../helpers/entries.js';
import { FakeSource } from '../helpers/fake-source.js';
import { until } from '../helpers/until.js';

const F = 'http://127.0.0.1:9/live';
const scratch = (): string => join(mkdtempSync(join(tmpdir(), 'livetail-output-')), 'desk.ndjson');
const entry = (id: string, body = `本文${id}`): FeedEvent => ({ event: 'entry', entry: makeEntry(id, 1, { body }) });
/** An event as an SSE source hands it over: with its cursor. */
const sent = (event: FeedEvent, cursor: string): SourceSignal => ({ type: 'event', feed: F, event, cursor });
const lines = (path: string): string[] => readFileSync(path, 'utf8').split('\n').filter(Boolean);
const ids = (path: string): string[] => lines(path).map((line) => (JSON.parse(line) as { id: string }).id);

/** One run of the pipe into the file, as `livetail URL --once --output FILE` makes it. */
async function runInto(path: string, signals: readonly SourceSignal[], options: Partial<OutputFileOptions> = {}) {
  const warnings: string[] = [];
  const file = openOutputFile(path, { warn: (line) => warnings.push(line), ...options });
  const cursors = file.cursors;
  try {
    const code = await runPipe({
      sources: [new FakeSource(F, [...signals, { type: 'ready', feed: F }])],
      output: file.writer,
      printedBefore: file.earlier,
      saveCursors: (saved) => file.save(saved),
      warn: (line) => warnings.push(line),
      filter: { tags: [] },
      once: true,
      idleMs: 60_000,
      timeoutMs: 60_000,
      timeZone: 'Asia/Tokyo',
    });
    return { code, cursors, warnings };
  } finally {
    file.close();
  }
}

describe('--output file', () => {
  it('reads back what it holds: a replay of it is not written again, and the feed resumes from the saved cursor', async () => {
    const path = scratch();
    const first = await runInto(path, [sent(entry('1'), '1'), sent(entry('2'), '2')]);
    expect(first.code).toBe(0);
    expect(first.cursors).toEqual(new Map());
    const second = await runInto(path, [sent(entry('1'), '1'), sent(entry('2'), '2'), sent(entry('3'), '3')]);
    expect(second.cursors).toEqual(new Map([[F, '2']]));
    expect(ids(path)).toEqual(['1', '2', '3']);
    expect(JSON.parse(readFileSync(`${path}.position`, 'utf8'))).toMatchObject({ cursors: { [F]: '3' } });
  });

  it('recognises its own lines whatever their text (escaped controls, corrections, deletes)', async () => {
    const tricky = fc.stringMatching(/^[a-z\u2028\u202e\u0085\u009b"\\ 記事]{0,12}$/);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom('1', '2', '3'), tricky, fc.boolean()), { minLength: 1, maxLength: 8 }), async (steps) => {
        const path = scratch();
        const history: SourceSignal[] = steps.map(([id, body, remove], index) => sent(remove ? { event: 'delete', id } : entry(id, body), String(index + 1)));
        await runInto(path, history);
        const written = readFileSync(path, 'utf8');
        // No cursor to start from: the whole history is replayed, and every line of it recognised.
        writeFileSync(`${path}.position`, '{}');
        await runInto(path, history);
        expect(readFileSync(path, 'utf8')).toBe(written);
      }),
      { numRuns: 40 },
    );
  });

  it('repairs a torn last line, with no newline or not an event, instead of keeping it', async () => {
    const path = scratch();
    await runInto(path, [sent(entry('1'), '1'), sent(entry('2'), '2')]);
    const whole = readFileSync(path, 'utf8');
    appendFileSync(path, formatNdjsonLine(F, entry('3')).slice(0, 25));
    await runInto(path, []);
    expect(readFileSync(path, 'utf8')).toBe(whole);
    appendFileSync(path, '{"event":"entry","feed":\n');
    await runInto(path, []);
    expect(readFileSync(path, 'utf8')).toBe(whole);
    // A line cut just before its newline looks whole, but a kill made it: it goes, and comes again.
    appendFileSync(path, formatNdjsonLine(F, entry('3')));
    await runInto(path, [sent(entry('3'), '3')]);
    expect(ids(path)).toEqual(['1', '2', '3']);
  });

  it('keeps a line in the middle that is not an event, says so, and does not take it as printed', async () => {
    const path = scratch();
    await runInto(path, [sent(entry('1'), '1')]);
    appendFileSync(path, `not json\n${formatNdjsonLine(F, entry('2'))}\n`);
    const third = await runInto(path, [sent(entry('1'), '1'), sent(entry('2'), '2')]);
    expect(lines(path)).toHaveLength(3);
    expect(lines(path)[1]).toBe('not json');
    expect(third.warnings).toEqual([`${path}: 1 lines are not livetail events; kept, but not taken as printed`]);
  });

  it('ignores a saved cursor that belongs to another file (the file was replaced or emptied)', async () => {
    const path = scratch();
    await runInto(path, [sent(entry('1'), '1'), sent(entry('2'), '2')]);
    writeFileSync(path, '');
    const emptied = await runInto(path, [sent(entry('1'), '1'), sent(entry('2'), '2')]);
    expect(emptied.cursors).toEqual(new Map());
    writeFileSync(path, `${formatNdjsonLine(F, entry('9'))}\n${formatNdjsonLine(F, entry('8'))}\n${formatNdjsonLine(F, entry('7'))}\n`);
    expect((await runInto(path, [])).cursors).toEqual(new Map());
    for (const broken of ['null', '[]', '{"length":-3,"cursors":{}}', '{"length":"12"}', '{"length":']) {
      writeFileSync(`${path}.position`, broken);
      expect((await runInto(path, [])).cursors).toEqual(new Map());
    }
  });

  it('refuses a file that does not hold livetail NDJSON, and leaves it as it was', () => {
    const path = scratch();
    writeFileSync(path, 'meeting notes, no newline at the end');
    expect(() => openOutputFile(path, { warn: () => undefined })).toThrow(NotOutputFile);
    expect(readFileSync(path, 'utf8')).toBe('meeting notes, no newline at the end');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('is held by one process: a second is refused, a dead holder is taken over at once', () => {
    const path = scratch();
    const first = openOutputFile(path, { warn: () => undefined });
    expect(() => openOutputFile(path, { warn: () => undefined })).toThrow(new LockBusy(`another livetail (pid ${process.pid}) is writing to ${path}`));
    first.close();
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(`${path}.lock`, String(dead));
    openOutputFile(path, { warn: () => undefined }).close();
  });

  it('writes and syncs a batch at batchLines, and the rest once batchMs has passed', async () => {
    const path = scratch();
    const file = openOutputFile(path, { warn: () => undefined, batchLines: 3, batchMs: 20 });
    let synced = 0;
    const writer = file.writer(() => undefined, () => () => (synced += 1));
    for (const id of ['1', '2', '3', '4']) writer.write(formatNdjsonLine(F, entry(id)));
    expect([ids(path), synced]).toEqual([['1', '2', '3'], 1]);
    await until(() => synced === 2, () => `file holds ${ids(path).join(',')}`);
    expect(ids(path)).toEqual(['1', '2', '3', '4']);
    file.close();
  });
});
