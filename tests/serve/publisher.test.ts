import { describe, expect, it } from 'vitest';
import { FeedLog } from '../../src/serve/feed-log.js';
import {
  runPublisher,
  shiftIsoTime,
  loopRoundEvent,
  type InvalidLine,
  type PublisherOptions,
} from '../../src/serve/publisher.js';
import type { FeedEvent } from '../../src/schema/feed.js';
import { notUtf8 } from '../../src/serve/input-lines.js';
import { followerEventLimit } from '../../src/sources/sse-parser.js';

/*
 * Pacing is tested by recording the waits the publisher asks for: the injected sleep returns
 * at once, so no test waits for real time.
 */

const blog = (status: 'live' | 'ended' = 'live'): string =>
  JSON.stringify({ event: 'blog', feed: 'f', id: 'b', title: 'テスト', status });
const entry = (id: string, time: string, extra: object = {}): string =>
  JSON.stringify({ event: 'entry', feed: 'f', id, time: `2026-11-25T${time}+09:00`, body: id, tags: [], ...extra });
const update = (id: string, time: string): string =>
  JSON.stringify({ event: 'update', id, time: `2026-11-25T${time}+09:00`, body: `${id} 訂正` });
const del = (id: string): string => JSON.stringify({ event: 'delete', id });

interface Trace {
  log: FeedLog;
  /** 'sleep N' and 'publish <name> <id>' in the order they happened. */
  steps: string[];
  sleeps: number[];
  invalid: InvalidLine[];
}

function idOf(e: FeedEvent): string {
  return e.event === 'delete' ? e.id : e.event === 'blog' ? e.blog.id : e.entry.id;
}

async function run(lines: PublisherOptions['lines'], options: Partial<PublisherOptions> = {}): Promise<Trace> {
  const log = new FeedLog();
  const steps: string[] = [];
  const sleeps: number[] = [];
  const invalid: InvalidLine[] = [];
  log.subscribe((l) => steps.push(`publish ${l.event.event} ${idOf(l.event)}`));
  await runPublisher({
    lines,
    log,
    onInvalidLine: (i) => invalid.push(i),
    sleep: async (ms) => {
      sleeps.push(ms);
      steps.push(`sleep ${ms}`);
    },
    ...options,
  });
  return { log, steps, sleeps, invalid };
}

const story = [
  blog(),
  entry('e1', '13:00:00'),
  entry('e2', '13:05:00'),
  update('e1', '13:00:00'),
  entry('e3', '13:06:30'),
  del('e2'),
  entry('e4', '13:06:30'),
  blog('ended'),
];

describe('runPublisher pacing', () => {
  it('default: one entry per second, first entry at once, other events without waiting', async () => {
    const t = await run(story);
    expect(t.steps).toEqual([
      'publish blog b',
      'publish entry e1',
      'sleep 1000',
      'publish entry e2',
      'publish update e1',
      'sleep 1000',
      'publish entry e3',
      'publish delete e2',
      'sleep 1000',
      'publish entry e4',
      'publish blog b',
    ]);
    expect(t.log.lastCursor).toBe(8);
  });

  it('interval 0 (stdin): as they arrive', async () => {
    const t = await run(story, { interval: 0 });
    expect(t.sleeps).toEqual([]);
    expect(t.log.lastCursor).toBe(8);
  });

  it('speed X: gaps between entry times divided by X', async () => {
    const t = await run(story, { speed: 60 });
    // 5 min / 60 = 5 s, 90 s / 60 = 1.5 s, same time = no wait
    expect(t.sleeps).toEqual([5000, 1500]);
    expect(t.steps.indexOf('sleep 5000')).toBe(t.steps.indexOf('publish entry e2') - 1);
    expect(t.steps.indexOf('sleep 1500')).toBe(t.steps.indexOf('publish entry e3') - 1);
  });

  it('speed 1 caps a long pause at 60 s and never waits for entries that go back in time', async () => {
    const t = await run([entry('a', '10:00:00'), entry('b', '13:00:00'), entry('c', '12:00:00'), entry('d', '12:00:30')], {
      speed: 1,
    });
    expect(t.sleeps).toEqual([60_000, 30_000]);
    const capped = await run([entry('a', '10:00:00'), entry('b', '10:10:00')], { speed: 2, maxGapMs: 120_000 });
    expect(capped.sleeps).toEqual([120_000]);
  });

  it('speed Infinity publishes everything without waiting', async () => {
    const t = await run(story, { speed: Infinity });
    expect(t.sleeps).toEqual([]);
    expect(t.log.lastCursor).toBe(8);
  });

  it('backlog n publishes the first n events at once, then paces', async () => {
    const t = await run(story, { backlog: 4 });
    expect(t.steps).toEqual([
      'publish blog b',
      'publish entry e1',
      'publish entry e2',
      'publish update e1',
      'sleep 1000',
      'publish entry e3',
      'publish delete e2',
      'sleep 1000',
      'publish entry e4',
      'publish blog b',
    ]);
    const fast = await run(story, { backlog: 100, speed: 2 });
    expect(fast.sleeps).toEqual([]);
  });

  it('rejects a speed that is not positive', async () => {
    await expect(run(story, { speed: 0 })).rejects.toThrow(/speed/);
    await expect(run(story, { speed: -1 })).rejects.toThrow(/speed/);
    await expect(run(story, { speed: Number.NaN })).rejects.toThrow(/speed/);
  });
});

describe('runPublisher input', () => {
  it('reports bad lines with their line number and publishes the rest', async () => {
    const t = await run(
      [
        blog(),
        '{not json',
        '',
        entry('e1', '13:00:00'),
        '   ',
        JSON.stringify({ event: 'entry', id: 'x', time: 'yesterday' }),
        '[1,2]',
        JSON.stringify({ event: 'shout', id: 'y' }),
        entry('e2', '13:01:00'),
      ],
      { speed: Infinity },
    );
    expect(t.invalid.map((i) => i.message)).toEqual([
      'line 2: not valid JSON',
      expect.stringMatching(/^line 6: time: /),
      'line 7: not a JSON object',
      'line 8: unknown event "shout"',
    ]);
    expect(t.invalid[0]).toEqual({ line: 2, error: 'not valid JSON', message: 'line 2: not valid JSON' });
    expect(t.log.since(0).map((l) => idOf(l.event))).toEqual(['b', 'e1', 'e2']);
  });

  it('skips, by line number, a line that is not UTF-8 and an entry no follower would take', async () => {
    const huge = entry('big', '13:02:00', { body: '長い本文。'.repeat(followerEventLimit / 5 + 1) });
    const t = await run([blog(), notUtf8, entry('e1', '13:00:00'), huge, entry('e2', '13:01:00')], { speed: Infinity });
    expect(t.invalid.map((i) => i.message)).toEqual([
      'line 2: not valid UTF-8',
      expect.stringMatching(new RegExp(`^line 4: entry too large for followers \\(\\d+ characters as sent; they take at most ${followerEventLimit}\\)$`)),
    ]);
    expect(t.log.since(0).map((l) => idOf(l.event))).toEqual(['b', 'e1', 'e2']);
  });

  it('does not replay a skipped entry in a loop', async () => {
    const controller = new AbortController();
    const log = new FeedLog();
    const huge = entry('big', '13:02:00', { body: 'x'.repeat(followerEventLimit) });
    let roundPauses = 0;
    const sleep = async (): Promise<void> => {
      if (++roundPauses === 2) controller.abort();
    };
    await runPublisher({ lines: [entry('e1', '13:00:00'), huge], log, loop: true, speed: Infinity, signal: controller.signal, sleep });
    expect(log.since(0).map((l) => idOf(l.event))).toEqual(['e1', 'e1~1']);
  });

  it('accepts CRLF line ends, a BOM, an async iterable, and entries without an event field', async () => {
    async function* lines(): AsyncGenerator<string> {
      yield `\uFEFF${blog()}\r`;
      yield `${JSON.stringify({ id: 'plain', time: '2026-11-25T13:00:00Z', body: 'x' })}\r`;
    }
    const t = await run(lines(), { speed: Infinity });
    expect(t.invalid).toEqual([]);
    expect(t.steps).toEqual(['publish blog b', 'publish entry plain']);
  });

  it('resolves when aborted while the input is silent', async () => {
    const controller = new AbortController();
    const never: AsyncIterable<string> = {
      [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<string>>(() => {}) }),
    };
    const done = run(never, { signal: controller.signal });
    controller.abort();
    await expect(done).resolves.toBeDefined();
  });

  it('stops publishing when aborted during a wait', async () => {
    const controller = new AbortController();
    const log = new FeedLog();
    await runPublisher({
      lines: story,
      log,
      signal: controller.signal,
      sleep: async () => controller.abort(),
    });
    expect(log.since(0).map((l) => idOf(l.event))).toEqual(['b', 'e1']);
  });
});

describe('runPublisher loop', () => {
  /** Runs a loop with a recognisable round pause (777 ms) and aborts after `rounds` replays. */
  async function loopRounds(rounds: number, options: Partial<PublisherOptions> = {}): Promise<Trace> {
    const controller = new AbortController();
    const log = new FeedLog();
    const sleeps: number[] = [];
    let pauses = 0;
    await runPublisher({
      lines: story,
      log,
      loop: true,
      speed: 60,
      minRoundGapMs: 777,
      signal: controller.signal,
      sleep: async (ms) => {
        sleeps.push(ms);
        if (ms === 777) pauses += 1;
        if (pauses > rounds) controller.abort();
      },
      ...options,
    });
    return { log, steps: [], sleeps, invalid: [] };
  }

  it('replays the input with ~k ids and shifted times until aborted', async () => {
    const t = await loopRounds(2);
    const events = t.log.since(0).map((l) => l.event);
    expect(events).toHaveLength(story.length * 3);
    const ids = events.map((e) => `${e.event}:${idOf(e)}`);
    expect(ids.slice(0, 8)).toEqual([
      'blog:b', 'entry:e1', 'entry:e2', 'update:e1', 'entry:e3', 'delete:e2', 'entry:e4', 'blog:b',
    ]);
    expect(ids.slice(8, 16)).toEqual([
      'blog:b', 'entry:e1~1', 'entry:e2~1', 'update:e1~1', 'entry:e3~1', 'delete:e2~1', 'entry:e4~1', 'blog:b',
    ]);
    expect(ids.slice(16)).toEqual([
      'blog:b', 'entry:e1~2', 'entry:e2~2', 'update:e1~2', 'entry:e3~2', 'delete:e2~2', 'entry:e4~2', 'blog:b',
    ]);
    // span 6.5 min + 1 min = 7.5 min per round, offset kept
    const times = events.filter((e) => e.event === 'entry').map((e) => (e.event === 'entry' ? e.entry.time : ''));
    expect(times.slice(0, 2)).toEqual(['2026-11-25T13:00:00+09:00', '2026-11-25T13:05:00+09:00']);
    expect(times.slice(4, 6)).toEqual(['2026-11-25T13:07:30+09:00', '2026-11-25T13:12:30+09:00']);
    expect(times.slice(8, 10)).toEqual(['2026-11-25T13:15:00+09:00', '2026-11-25T13:20:00+09:00']);
    // entry ids stay unique across rounds
    const entryIds = events.filter((e) => e.event === 'entry').map(idOf);
    expect(new Set(entryIds).size).toBe(entryIds.length);
    // the blog events are replayed unchanged
    expect(events.filter((e) => e.event === 'blog').map((e) => (e.event === 'blog' ? e.blog.status : ''))).toEqual([
      'live', 'ended', 'live', 'ended', 'live', 'ended',
    ]);
  });

  it('paces round k: the round pause, then the first entry one story minute after the last one', async () => {
    const t = await loopRounds(1);
    // round 0: 5000, 1500; then the round pause (777), 60 s / 60 = 1000 for e1~1, then 5000, 1500
    expect(t.sleeps.slice(0, 7)).toEqual([5000, 1500, 777, 1000, 5000, 1500, 777]);
  });

  it('at speed Infinity rounds are still separated by the minimum round gap', async () => {
    const t = await loopRounds(3, { speed: Infinity });
    expect(t.sleeps).toEqual([777, 777, 777, 777]);
    expect(t.log.lastCursor).toBe(story.length * 4);
  });

  it('does not loop over an input without valid events', async () => {
    const t = await run(['nope'], { loop: true });
    expect(t.log.lastCursor).toBe(0);
    expect(t.invalid).toHaveLength(1);
  });

  it('loopRoundEvent leaves round 0 alone', () => {
    const e: FeedEvent = { event: 'delete', id: 'x' };
    expect(loopRoundEvent(e, 0, 1000)).toBe(e);
    expect(loopRoundEvent(e, 3, 1000)).toEqual({ event: 'delete', id: 'x~3' });
  });
});

describe('shiftIsoTime', () => {
  it('shifts and keeps the offset and precision', () => {
    expect(shiftIsoTime('2026-11-25T23:30:00+09:00', 60 * 60_000)).toBe('2026-11-26T00:30:00+09:00');
    expect(shiftIsoTime('2026-11-25T13:00:00.250Z', 1000)).toBe('2026-11-25T13:00:01.250Z');
    expect(shiftIsoTime('2026-11-25T13:00:00-05:30', 0)).toBe('2026-11-25T13:00:00-05:30');
    expect(shiftIsoTime('2026-11-25T13:00:00+0900', 60_000)).toBe('2026-11-25T13:01:00+09:00');
    expect(shiftIsoTime('garbage', 1000)).toBe('garbage');
  });

  it('produces times the schema accepts, at the same instant as plain arithmetic', () => {
    for (const iso of ['2026-11-25T13:00:00+09:00', '2026-01-01T00:00:00Z', '2026-03-08T01:59:59.123-08:00']) {
      const shifted = shiftIsoTime(iso, 7 * 3_600_000 + 123);
      expect(Date.parse(shifted)).toBe(Date.parse(iso) + 7 * 3_600_000 + 123);
    }
  });
});
