import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../src/format/template.js';
import { runPipe, type PipeOptions } from '../../src/sink/pipe.js';
import { makeEntry, signal } from '../helpers/entries.js';
import { FakeSource } from '../helpers/fake-source.js';
import type { SourceSignal } from '../../src/schema/signal.js';

const F = 'http://127.0.0.1:9/';

function harness(sources: FakeSource[], options: Partial<PipeOptions> = {}) {
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const warnings: string[] = [];
  const done = runPipe({ sources, output, warn: (line) => warnings.push(line), filter: { tags: [] }, once: true, idleMs: 60_000, timeoutMs: 60_000, timeZone: 'Asia/Tokyo', ...options });
  return { done, warnings, lines: () => text.split('\n').filter(Boolean) };
}

describe('pipe face', () => {
  it('prints one NDJSON line per event and ends at ready with --once', async () => {
    const source = new FakeSource(F, [
      { type: 'state', feed: F, state: { status: 'connected' } },
      signal(F, { event: 'blog', blog: { id: 'b', title: 'T', status: 'live' } }),
      signal(F, { event: 'entry', entry: makeEntry('1', 0) }),
      signal(F, { event: 'delete', id: '1' }),
      { type: 'ready', feed: F },
    ]);
    const run = harness([source]);
    expect(await run.done).toBe(0);
    expect(run.lines().map((line) => JSON.parse(line).event)).toEqual(['blog', 'entry', 'delete']);
    expect(JSON.parse(run.lines()[1]!)).toMatchObject({ feed: F, id: '1', body: '本文1' });
    expect(source.stopped).toBe(true);
  });

  it('waits for every feed before --once ends', async () => {
    const a = new FakeSource('a', [{ type: 'ready', feed: 'a' }]);
    const b = new FakeSource('b');
    const run = harness([a, b]);
    let finished = false;
    void run.done.then(() => (finished = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(finished).toBe(false);
    b.send(signal('b', { event: 'entry', entry: makeEntry('x', 1) }), { type: 'ready', feed: 'b' });
    expect(await run.done).toBe(0);
    expect(run.lines()).toHaveLength(1);
  });

  it('ends --once after the idle time on servers with no ready marker', async () => {
    const source = new FakeSource(F, [{ type: 'state', feed: F, state: { status: 'connected' } }, signal(F, { event: 'entry', entry: makeEntry('1', 0) })]);
    const run = harness([source], { idleMs: 1 });
    expect(await run.done).toBe(0);
    expect(run.lines()).toHaveLength(1);
  });

  it('ends --once by --idle while a server keeps replaying what was printed: only news keeps it going', async () => {
    const first = signal(F, { event: 'entry', entry: makeEntry('1', 0) });
    const source = new FakeSource(F, [{ type: 'state', feed: F, state: { status: 'connected' } }, first]);
    const run = harness([source], { idleMs: 300 });
    const replays = setInterval(() => source.send({ type: 'state', feed: F, state: { status: 'connected' } }, first), 5);
    try {
      expect(await run.done).toBe(0);
    } finally {
      clearInterval(replays);
    }
    expect(run.lines()).toHaveLength(1);
  });

  it('fails --once on a feed that cannot be reached within --timeout, naming the last failure', async () => {
    const source = new FakeSource(F, [{ type: 'state', feed: F, state: { status: 'reconnecting', attempt: 1, delayMs: 1000, reason: 'network error (ECONNREFUSED)', at: 0 } }]);
    const run = harness([source], { idleMs: 1, timeoutMs: 5 });
    expect(await run.done).toBe(1);
    expect(run.warnings.at(-1)).toBe(`${F}: no connection within 5ms (last failure: network error (ECONNREFUSED))`);
  });

  it('waits through failures longer than --idle, then takes the backlog of the feed that comes back', async () => {
    const failed = (attempt: number): SourceSignal => ({ type: 'state', feed: F, state: { status: 'reconnecting', attempt, delayMs: 5, reason: 'HTTP 503', at: 0 } });
    const source = new FakeSource(F, [failed(1)]);
    const run = harness([source], { idleMs: 1 });
    let finished = false;
    void run.done.then(() => (finished = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    source.send(failed(2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(finished).toBe(false);
    source.send({ type: 'state', feed: F, state: { status: 'connected' } }, signal(F, { event: 'entry', entry: makeEntry('1', 0) }));
    expect(await run.done).toBe(0);
    expect(run.lines()).toHaveLength(1);
  });

  it('keeps only tagged entries, and deletes only of entries it printed', async () => {
    const source = new FakeSource(F, [
      signal(F, { event: 'entry', entry: makeEntry('1', 0, { tags: ['会見'] }) }),
      signal(F, { event: 'entry', entry: makeEntry('2', 1, { tags: ['交通'] }) }),
      signal(F, { event: 'delete', id: '2' }),
      signal(F, { event: 'delete', id: '1' }),
      { type: 'ready', feed: F },
    ]);
    const run = harness([source], { filter: { tags: ['会見'] } });
    await run.done;
    expect(run.lines().map((line) => `${JSON.parse(line).event}:${JSON.parse(line).id}`)).toEqual(['entry:1', 'delete:1']);
  });

  it('prints templates for entries and updates only when the template does not name {event}', async () => {
    const source = new FakeSource(F, [
      signal(F, { event: 'blog', blog: { id: 'b', title: 'T', status: 'live' } }),
      signal(F, { event: 'entry', entry: makeEntry('1', 5, { title: '見出し' }) }),
      signal(F, { event: 'update', entry: makeEntry('1', 5, { title: '訂正' }) }),
      signal(F, { event: 'delete', id: '1' }),
      { type: 'ready', feed: F },
    ]);
    const run = harness([source], { template: compileTemplate('{time} {title}') });
    await run.done;
    expect(run.lines()).toEqual(['14:05 見出し', '14:05 訂正']);
  });

  it('warns about invalid events in one line and goes on', async () => {
    const source = new FakeSource(F, [
      { type: 'invalid', feed: F, reason: 'entry 3: not valid JSON\u001b[2J' },
      signal(F, { event: 'entry', entry: makeEntry('1', 0) }),
      { type: 'ready', feed: F },
    ]);
    const run = harness([source]);
    expect(await run.done).toBe(0);
    expect(run.warnings).toEqual([`${F}: skipped entry 3: not valid JSON`]);
    expect(run.lines()).toHaveLength(1);
  });

  it('exits 1 with the reason when a feed stops for good', async () => {
    const source = new FakeSource(F, [{ type: 'state', feed: F, state: { status: 'stopped', reason: 'not found (HTTP 404)' } }]);
    const run = harness([source], { once: false });
    expect(await run.done).toBe(1);
    expect(run.warnings).toEqual([`${F}: stopped: not found (HTTP 404)`]);
  });

  it('prints a replayed event once: reconnects and restarted servers replay what was printed', async () => {
    const history = [
      signal(F, { event: 'entry', entry: makeEntry('1', 0) }),
      signal(F, { event: 'update', entry: makeEntry('1', 0, { body: '訂正' }) }),
      signal(F, { event: 'entry', entry: makeEntry('2', 1) }),
      signal(F, { event: 'delete', id: '2' }),
    ];
    const source = new FakeSource(F, [...history, ...history, { type: 'ready', feed: F }]);
    const run = harness([source]);
    await run.done;
    expect(run.lines().map((line) => `${JSON.parse(line).event}:${JSON.parse(line).id}`)).toEqual(['entry:1', 'update:1', 'entry:2', 'delete:2']);
  });

  it('keeps only entries since --since, also without tags', async () => {
    const source = new FakeSource(F, [
      signal(F, { event: 'entry', entry: makeEntry('old', 0) }),
      signal(F, { event: 'entry', entry: makeEntry('new', 30) }),
      { type: 'ready', feed: F },
    ]);
    const run = harness([source], { filter: { tags: [], since: Date.parse(makeEntry('x', 10).time) } });
    await run.done;
    expect(run.lines().map((line) => JSON.parse(line).id)).toEqual(['new']);
  });

  it('saves the cursor of the last event written, skipped replays included, when the run ends', async () => {
    const saved: (ReadonlyMap<string, string>)[] = [];
    const event = (id: string, cursor: string): SourceSignal => ({ type: 'event', feed: F, event: { event: 'entry', entry: makeEntry(id, 0) }, cursor });
    const source = new FakeSource(F, [event('1', 'c1'), event('2', 'c2'), event('1', 'c3'), { type: 'ready', feed: F }]);
    const run = harness([source], { saveCursors: (cursors) => saved.push(cursors) });
    await run.done;
    expect(run.lines()).toHaveLength(2);
    expect(saved.at(-1)).toEqual(new Map([[F, 'c3']]));
  });

  it('stops following on request, with what was written saved', async () => {
    const saved: (ReadonlyMap<string, string>)[] = [];
    const stop = new AbortController();
    const source = new FakeSource(F, [{ type: 'event', feed: F, event: { event: 'entry', entry: makeEntry('1', 0) }, cursor: '7' }]);
    const run = harness([source], { once: false, stop: stop.signal, saveCursors: (cursors) => saved.push(cursors) });
    stop.abort();
    expect(await run.done).toBe(0);
    expect(source.stopped).toBe(true);
    expect(run.lines()).toHaveLength(1);
    expect(saved.at(-1)).toEqual(new Map([[F, '7']]));
  });

  it('ends with 0 when the reader of the output has gone, even after a feed failed', async () => {
    const readerGone = new AbortController();
    const failed = new FakeSource('a', [{ type: 'state', feed: 'a', state: { status: 'stopped', reason: 'HTTP 404' } }]);
    const quiet = new FakeSource(F, [signal(F, { event: 'entry', entry: makeEntry('1', 0) })]);
    const run = harness([failed, quiet], { once: false, readerGone: readerGone.signal });
    readerGone.abort();
    expect(await run.done).toBe(0);
    expect(quiet.stopped).toBe(true);
  });

  it('exits 0 when following input that ends', async () => {
    const source = new FakeSource('stdin', [
      signal('stdin', { event: 'entry', entry: makeEntry('1', 0) }),
      { type: 'ready', feed: 'stdin' },
      { type: 'state', feed: 'stdin', state: { status: 'ended' } },
    ]);
    const run = harness([source], { once: false });
    expect(await run.done).toBe(0);
  });
});
