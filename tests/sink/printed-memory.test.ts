import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventPayload, type FeedEvent } from '../../src/schema/feed.js';
import { PrintedMemory } from '../../src/sink/printed-memory.js';
import { makeEntry } from '../helpers/entries.js';

const entry = (id: string, body?: string): FeedEvent => ({ event: 'entry', entry: makeEntry(id, 0, body ? { body } : {}) });
const update = (id: string, body: string): FeedEvent => ({ event: 'update', entry: makeEntry(id, 0, { body }) });

/** The memory as the pipe uses it: with the event's payload JSON. */
function offer(memory: PrintedMemory, feed: string, event: FeedEvent): boolean {
  return memory.firstTime(feed, event, JSON.stringify(eventPayload(event)));
}

describe('printed memory', () => {
  it('lets each revision, delete and blog state through once, per feed', () => {
    const memory = new PrintedMemory();
    const blog: FeedEvent = { event: 'blog', blog: { id: 'b', title: 'T', status: 'live' } };
    const history = [blog, entry('1'), update('1', 'fix'), entry('2'), { event: 'delete', id: '2' } as FeedEvent];
    expect(history.map((event) => offer(memory, 'f', event))).toEqual([true, true, true, true, true]);
    expect(history.map((event) => offer(memory, 'f', event))).toEqual([false, false, false, false, false]);
    expect(offer(memory, 'other feed', entry('1'))).toBe(true);
    expect(offer(memory, 'f', update('1', 'second fix'))).toBe(true);
  });

  it('never lets a deleted entry back, not even as a new correction', () => {
    const memory = new PrintedMemory();
    offer(memory, 'f', entry('1'));
    offer(memory, 'f', { event: 'delete', id: '1' });
    expect(offer(memory, 'f', update('1', 'after the delete'))).toBe(false);
  });

  it('stays bounded: the oldest generation is forgotten', () => {
    const memory = new PrintedMemory(4);
    for (const id of ['1', '2', '3', '4', '5']) offer(memory, 'f', entry(id));
    expect(offer(memory, 'f', entry('5'))).toBe(false);
    expect(offer(memory, 'f', entry('3'))).toBe(false);
    expect(offer(memory, 'f', entry('1'))).toBe(true);
  });
});

describe('printed memory against a model', () => {
  it('lets through exactly the revisions a plain per-feed map of printed texts would', () => {
    const events = fc.array(
      fc.tuple(fc.constantFrom('f', 'g'), fc.constantFrom('1', '2', '3', '4'), fc.constantFrom('entry', 'update', 'delete'), fc.constantFrom('a', 'b', 'c')),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(events, (history) => {
        const memory = new PrintedMemory();
        const model = new Map<string, Set<string> | 'deleted'>();
        for (const [feed, id, kind, body] of history) {
          const event: FeedEvent = kind === 'delete' ? { event: 'delete', id } : kind === 'entry' ? entry(id, body) : update(id, body);
          const key = `${feed}\n${id}`;
          const seen = model.get(key);
          const text = JSON.stringify(eventPayload(event));
          let expected: boolean;
          if (seen === 'deleted') expected = false;
          else if (kind === 'delete') {
            expected = true;
            model.set(key, 'deleted');
          } else {
            expected = !seen?.has(text);
            model.set(key, new Set([...(seen ?? []), text]));
          }
          expect(offer(memory, feed, event)).toBe(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('many corrections of one entry', () => {
  it('still recognise a replay of any earlier revision once they are kept in a set', () => {
    const memory = new PrintedMemory();
    const revision = (n: number) => ({ id: 'one', time: '2026-11-25T14:00:00+09:00', body: `訂正${n}`, tags: [] });
    const offer = (n: number) => memory.firstTime('f', { event: 'update', entry: revision(n) }, JSON.stringify(revision(n)));
    for (let n = 0; n < 100; n += 1) expect(offer(n)).toBe(true);
    expect(offer(3)).toBe(false);
    expect(offer(99)).toBe(false);
    expect(offer(100)).toBe(true);
  });
});
