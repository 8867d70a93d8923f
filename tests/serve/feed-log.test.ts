import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FeedLog, type LoggedEvent } from '../../src/serve/feed-log.js';
import type { FeedEvent } from '../../src/schema/feed.js';

const entry = (id: string): FeedEvent => ({
  event: 'entry',
  entry: { id, time: '2026-11-25T13:00:00+09:00', body: 'b', tags: [] },
});
const del = (id: string): FeedEvent => ({ event: 'delete', id });

describe('FeedLog', () => {
  it('assigns cursors 1, 2, 3, ... and formats each event once', () => {
    const log = new FeedLog();
    expect(log.lastCursor).toBe(0);
    expect(log.since(0)).toEqual([]);
    const a = log.publish(entry('a'));
    const b = log.publish(del('a'));
    expect([a.cursor, b.cursor]).toEqual([1, 2]);
    expect(a.wire).toBe(`id: 1\nevent: entry\ndata: ${a.data}\n\n`);
    expect(JSON.parse(a.data)).toMatchObject({ id: 'a', body: 'b' });
    expect(b.wire).toBe('id: 2\nevent: delete\ndata: {"id":"a"}\n\n');
    expect(log.lastCursor).toBe(2);
  });

  it('cursors are strictly increasing for any sequence, and since() returns exactly the later ones', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 60 }), fc.integer({ min: -5, max: 70 }), (kinds, from) => {
        const log = new FeedLog();
        const cursors = kinds.map((k, i) => log.publish(k ? entry(`e${i}`) : del(`e${i}`)).cursor);
        cursors.forEach((c, i) => expect(c).toBe(i + 1));
        const later = log.since(from).map((e) => e.cursor);
        expect(later).toEqual(cursors.filter((c) => c > from));
      }),
    );
  });

  it('since() treats non-integers sensibly', () => {
    const log = new FeedLog();
    for (let i = 0; i < 5; i++) log.publish(entry(`e${i}`));
    expect(log.since(2.7).map((e) => e.cursor)).toEqual([3, 4, 5]);
    expect(log.since(Number.NaN)).toHaveLength(5);
    expect(log.since(Infinity)).toEqual([]);
    expect(log.get(3)?.cursor).toBe(3);
    expect(log.get(6)).toBeUndefined();
    expect(log.get(0)).toBeUndefined();
  });

  it('tells subscribers about every publish until they unsubscribe; a throwing listener harms nobody', () => {
    const log = new FeedLog();
    const seen: number[] = [];
    log.subscribe(() => {
      throw new Error('boom');
    });
    const off = log.subscribe((e: LoggedEvent) => seen.push(e.cursor));
    log.publish(entry('a'));
    log.publish(entry('b'));
    off();
    log.publish(entry('c'));
    expect(seen).toEqual([1, 2]);
    expect(log.listenerCount).toBe(1);
  });

  it('maxEvents drops the oldest events but cursors keep counting', () => {
    const log = new FeedLog({ maxEvents: 10 });
    for (let i = 0; i < 100; i++) log.publish(entry(`e${i}`));
    expect(log.size).toBeLessThanOrEqual(10);
    expect(log.lastCursor).toBe(100);
    const all = log.since(0).map((e) => e.cursor);
    expect(all.at(-1)).toBe(100);
    expect(all[0]).toBe(log.firstCursor);
    all.forEach((c, i) => expect(c).toBe(log.firstCursor + i));
    expect(log.get(1)).toBeUndefined();
    expect(log.since(95).map((e) => e.cursor)).toEqual([96, 97, 98, 99, 100]);
    expect(() => new FeedLog({ maxEvents: 0 })).toThrow(RangeError);
  });
});
