import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../src/schema/feed.js';
import type { SourceSignal } from '../../src/schema/signal.js';
import { selectVisible, summarize } from '../../src/timeline/select.js';
import { batchChanges } from '../../src/timeline/changes.js';
import { applySignals, emptyTimeline, getItem, isRetracted, itemsNewestFirst, type Timeline, type TimelineItem } from '../../src/timeline/timeline.js';
import { makeEntry, signal } from '../helpers/entries.js';

const A = 'http://127.0.0.1:1/a';
const B = 'http://127.0.0.1:1/b';

function ids(timeline: Timeline): string[] {
  return selectVisible(timeline, { tags: [] }).map((item) => item.entry.id);
}

describe('timeline reducer', () => {
  it('orders entries newest first whatever order they arrive in', () => {
    const timeline = applySignals(emptyTimeline(), [
      signal(A, { event: 'entry', entry: makeEntry('b', 10) }),
      signal(A, { event: 'entry', entry: makeEntry('c', 20) }),
      signal(A, { event: 'entry', entry: makeEntry('a', 0) }),
    ]);
    expect(ids(timeline)).toEqual(['c', 'b', 'a']);
  });

  it('merges several feeds by time and keeps equal ids apart', () => {
    const timeline = applySignals(emptyTimeline({ feeds: [A, B] }), [
      signal(A, { event: 'entry', entry: makeEntry('1', 0) }),
      signal(B, { event: 'entry', entry: makeEntry('1', 5) }),
      signal(A, { event: 'entry', entry: makeEntry('2', 10) }),
    ]);
    expect(selectVisible(timeline, { tags: [] }).map((item) => `${item.feed === A ? 'A' : 'B'}${item.entry.id}`)).toEqual(['A2', 'B1', 'A1']);
  });

  it('replaces an updated entry in place and counts the revision', () => {
    let timeline = applySignals(emptyTimeline(), [
      signal(A, { event: 'entry', entry: makeEntry('a', 0) }),
      signal(A, { event: 'entry', entry: makeEntry('b', 10) }),
    ]);
    timeline = applySignals(timeline, [signal(A, { event: 'update', entry: makeEntry('a', 0, { body: '訂正' }) })]);
    const item = getItem(timeline, A, 'a')!;
    expect(item.entry.body).toBe('訂正');
    expect(item.revision).toBe(1);
    expect(ids(timeline)).toEqual(['b', 'a']);
  });

  it('moves an entry whose time was corrected', () => {
    let timeline = applySignals(emptyTimeline(), [
      signal(A, { event: 'entry', entry: makeEntry('a', 0) }),
      signal(A, { event: 'entry', entry: makeEntry('b', 10) }),
    ]);
    timeline = applySignals(timeline, [signal(A, { event: 'update', entry: makeEntry('a', 30) })]);
    expect(ids(timeline)).toEqual(['a', 'b']);
  });

  it('drops an exact duplicate and keeps the timeline object when nothing changed', () => {
    const event: FeedEvent = { event: 'entry', entry: makeEntry('a', 0) };
    const once = applySignals(emptyTimeline(), [signal(A, event)]);
    const twice = applySignals(once, [signal(A, event)]);
    expect(twice).toBe(once);
    expect(getItem(twice, A, 'a')!.revision).toBe(0);
  });

  it('keeps a deleted entry where it stood, retracted with its last text, and a replay does not bring it back', () => {
    const entry = makeEntry('a', 0);
    let timeline = applySignals(emptyTimeline(), [signal(A, { event: 'entry', entry }), signal(A, { event: 'delete', id: 'a' })], 5000);
    expect(ids(timeline)).toEqual(['a']);
    expect(getItem(timeline, A, 'a')).toMatchObject({ entry, history: { retractedMs: 5000 } });
    timeline = applySignals(timeline, [signal(A, { event: 'entry', entry: { ...entry, body: 'again' } })]);
    expect(getItem(timeline, A, 'a')).toMatchObject({ entry, history: { retractedMs: 5000 } });
  });

  it('keeps blog status, connection, readiness and invalid counts per feed', () => {
    const timeline = applySignals(emptyTimeline({ feeds: [A] }), [
      signal(A, { event: 'blog', blog: { id: 'b', title: '港湾サミット', status: 'live' } }),
      { type: 'state', feed: A, state: { status: 'connected' } },
      { type: 'invalid', feed: A, reason: 'entry 3: time: bad' },
      { type: 'ready', feed: A },
      signal(A, { event: 'blog', blog: { id: 'b', title: '港湾サミット', status: 'ended' } }),
    ]);
    const info = timeline.feeds.get(A)!;
    expect(info).toMatchObject({ ready: true, invalid: 1, lastInvalid: 'entry 3: time: bad', connection: { status: 'connected' } });
    expect(summarize(timeline, 0)).toMatchObject({ ended: true, title: '港湾サミット', invalid: 1 });
  });

  it("keeps a source's latest notice for the status line, and nothing else about it", () => {
    const before = applySignals(emptyTimeline({ feeds: [A] }), [signal(A, { event: 'entry', entry: makeEntry('a', 0) })]);
    expect(summarize(before, 1).notice).toBeUndefined();
    const timeline = applySignals(before, [{ type: 'notice', feed: A, text: 'no access token: polling the timeline every 30s' }]);
    expect(timeline.feeds.get(A)).toMatchObject({ notice: 'no access token: polling the timeline every 30s', invalid: 0 });
    expect(summarize(timeline, 1)).toMatchObject({ notice: 'no access token: polling the timeline every 30s', entries: 1 });
  });

  it('filters by any of several tags and by time', () => {
    const timeline = applySignals(emptyTimeline(), [
      signal(A, { event: 'entry', entry: makeEntry('a', 0, { tags: ['会見'] }) }),
      signal(A, { event: 'entry', entry: makeEntry('b', 10, { tags: ['交通'] }) }),
      signal(A, { event: 'entry', entry: makeEntry('c', 20, { tags: ['天気'] }) }),
    ]);
    expect(selectVisible(timeline, { tags: ['会見', '天気'] }).map((item) => item.entry.id)).toEqual(['c', 'a']);
    expect(selectVisible(timeline, { tags: [], since: Date.parse(makeEntry('x', 10).time) }).map((item) => item.entry.id)).toEqual(['c', 'b']);
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const signals = Array.from({ length: 10 }, (_, index) => signal(A, { event: 'entry', entry: makeEntry(`e${index}`, index) }));
    const timeline = applySignals(emptyTimeline({ maxEntries: 3 }), signals);
    expect(ids(timeline)).toEqual(['e9', 'e8', 'e7']);
    expect(timeline.size).toBe(3);
    expect(getItem(timeline, A, 'e6')).toBeUndefined();
  });
});

const arbitrarySignal: fc.Arbitrary<SourceSignal> = fc.oneof(
  fc
    .record({ feed: fc.constantFrom(A, B), id: fc.constantFrom('1', '2', '3', '4', '5', '6'), minute: fc.nat(90), body: fc.constantFrom('x', 'y') })
    .map(({ feed, id, minute, body }) => signal(feed, { event: 'entry', entry: makeEntry(id, minute, { body }) })),
  fc
    .record({ feed: fc.constantFrom(A, B), id: fc.constantFrom('1', '2', '3', '4', '5', '6'), minute: fc.nat(90) })
    .map(({ feed, id, minute }) => signal(feed, { event: 'update', entry: makeEntry(id, minute, { body: 'fixed' }) })),
  fc.record({ feed: fc.constantFrom(A, B), id: fc.constantFrom('1', '2', '3') }).map(({ feed, id }) => signal(feed, { event: 'delete', id })),
);

/** Entries oldest first. */
function itemsOf(timeline: Timeline): TimelineItem[] {
  return [...itemsNewestFirst(timeline)].reverse();
}

const keysOf = (timeline: Timeline): string[] => itemsOf(timeline).map((item) => item.key);

/** Sorted by (time, arrival), each key once, and the key map holds exactly the ordered entries. */
function expectConsistent(timeline: Timeline): void {
  const items = itemsOf(timeline);
  expect(new Set(items.map((item) => item.key)).size).toBe(items.length);
  expect(items.length).toBe(timeline.size);
  expect(timeline.items.size).toBe(timeline.size);
  expect(items.filter((item) => getItem(timeline, item.feed, item.entry.id) !== item)).toEqual([]);
  const unsorted = items.filter((after, index) => {
    const before = items[index - 1];
    return before !== undefined && !(before.timeMs < after.timeMs || (before.timeMs === after.timeMs && before.seq < after.seq));
  });
  expect(unsorted).toEqual([]);
  expect(items.filter((item) => timeline.deleted.has(item.key) !== isRetracted(item))).toEqual([]);
}

describe('timeline properties', () => {
  it('stays sorted, unique and consistent; batching does not change the result', () => {
    fc.assert(
      fc.property(fc.array(arbitrarySignal, { maxLength: 60 }), fc.nat(60), (signals, cut) => {
        const whole = applySignals(emptyTimeline(), signals);
        const split = applySignals(applySignals(emptyTimeline(), signals.slice(0, cut)), signals.slice(cut));
        const one = signals.reduce((timeline, each) => applySignals(timeline, [each]), emptyTimeline());
        for (const timeline of [whole, split, one]) expectConsistent(timeline);
        expect(keysOf(split)).toEqual(keysOf(whole));
        expect(keysOf(one)).toEqual(keysOf(whole));
        expect(itemsOf(whole).map((item) => item.entry)).toEqual(itemsOf(one).map((item) => item.entry));
      }),
    );
  });

  it('is idempotent: replaying the same entries changes nothing', () => {
    fc.assert(
      fc.property(fc.array(arbitrarySignal, { maxLength: 40 }), (signals) => {
        const entriesOnly = signals.filter((each) => each.type === 'event' && each.event.event === 'entry');
        const once = applySignals(emptyTimeline(), entriesOnly);
        const replayed = applySignals(once, entriesOnly);
        expect(keysOf(replayed)).toEqual(keysOf(once));
      }),
    );
  });

  // A backlog of several chunks with equal times throughout, so later signals land in the middle.
  const backlog = Array.from({ length: 1500 }, (_, index) => signal(B, { event: 'entry', entry: makeEntry(`bulk-${index}`, (index * 7) % 91) }));
  const large = { unbounded: applySignals(emptyTimeline(), backlog), trimmed: applySignals(emptyTimeline({ maxEntries: 1400 }), backlog) };

  it('is persistent: deriving newer timelines leaves an older one as it was', () => {
    const snapshot = (timeline: Timeline) => ({ size: timeline.size, items: itemsOf(timeline), deleted: [...timeline.deleted] });
    fc.assert(
      fc.property(
        fc.constantFrom('unbounded', 'trimmed' as const),
        fc.array(arbitrarySignal, { maxLength: 40 }),
        fc.array(fc.array(arbitrarySignal, { maxLength: 20 }), { maxLength: 4 }),
        (bound, first, later) => {
          const base = applySignals(large[bound], first);
          const before = snapshot(base);
          const derived = later.reduce((timeline, batch) => applySignals(timeline, batch), base);
          const again = applySignals(base, later.flat());
          expectConsistent(derived);
          expectConsistent(again);
          expect(snapshot(base)).toEqual(before);
          expectConsistent(base);
        },
      ),
    );
  });

  it('lists as arrivals, from the batch alone, exactly the entries with a seq the older version had not reached, newest first', () => {
    fc.assert(
      fc.property(fc.constantFrom('unbounded', 'trimmed' as const), fc.array(arbitrarySignal, { maxLength: 40 }), fc.array(arbitrarySignal, { maxLength: 40 }), (bound, first, later) => {
        const previous = applySignals(large[bound], first);
        const next = applySignals(previous, later);
        expect(batchChanges(previous, next, later).arrivals).toEqual([...itemsNewestFirst(next)].filter((item) => item.seq > previous.seq));
      }),
    );
  });
});
