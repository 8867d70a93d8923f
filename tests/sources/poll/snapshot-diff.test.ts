import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../../src/schema/feed.js';
import { diffSnapshot, emptyPollState, type PollState } from '../../../src/sources/poll/snapshot-diff.js';

const minute = (n: number): string => new Date(Date.parse('2026-11-25T09:00:00+09:00') + n * 60_000).toISOString();
const entry = (id: number, version: number): Entry => ({ id: `u${id}`, time: minute(id), title: `第${id}報`, body: `本文${version}`, tags: [] });

/** What a follower holds after applying events to what it held. */
function apply(held: Map<string, Entry>, events: ReturnType<typeof diffSnapshot>['events']): void {
  for (const { event } of events) {
    if (event.event === 'entry') {
      expect(held.has(event.entry.id)).toBe(false);
      held.set(event.entry.id, event.entry);
    } else if (event.event === 'update') {
      expect(held.has(event.entry.id)).toBe(true);
      held.set(event.entry.id, event.entry);
    } else if (event.event === 'delete') {
      expect(held.delete(event.id)).toBe(true);
    }
  }
}

describe('diffSnapshot', () => {
  it('any sequence of snapshots: the events rebuild every snapshot, up to updates that scrolled out of the window', () => {
    const snapshot = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 2 })), { selector: ([id]) => id, maxLength: 12 });
    fc.assert(
      fc.property(fc.array(snapshot, { minLength: 1, maxLength: 8 }), (snapshots) => {
        let state: PollState = emptyPollState;
        const held = new Map<string, Entry>();
        for (const items of snapshots) {
          const entries = items.map(([id, version]) => entry(id, version));
          const diffed = diffSnapshot(state, { entries });
          state = diffed.state;
          apply(held, diffed.events);
          // Everything in the snapshot is held as the snapshot has it.
          for (const each of entries) expect(held.get(each.id)).toEqual(each);
          // What is held beyond it is older than the snapshot's oldest (scrolled out), unless empty.
          const oldest = Math.min(...entries.map((each) => Date.parse(each.time)));
          for (const [id, kept] of held) if (!entries.some((each) => each.id === id)) expect(entries.length === 0 || Date.parse(kept.time) < oldest).toBe(true);
          // What scrolled out is forgotten: it will be new again if it comes back.
          for (const id of [...held.keys()]) if (!entries.some((each) => each.id === id)) held.delete(id);
        }
      }),
    );
  });

  it('an unchanged snapshot gives nothing; a correction gives one update; a blog only when it changes', () => {
    const blog = { id: 'b', title: 'ほしぞら港湾サミット（架空）', status: 'live' as const };
    const first = diffSnapshot(emptyPollState, { blog, entries: [entry(1, 0), entry(2, 0)] });
    expect(first.events.map(({ event }) => event.event)).toEqual(['blog', 'entry', 'entry']);
    expect(diffSnapshot(first.state, { blog, entries: [entry(1, 0), entry(2, 0)] }).events).toEqual([]);
    const corrected = diffSnapshot(first.state, { blog, entries: [entry(1, 1), entry(2, 0)] });
    expect(corrected.events.map(({ event }) => event.event)).toEqual(['update']);
    const ended = diffSnapshot(first.state, { blog: { ...blog, status: 'ended' }, entries: [entry(1, 0), entry(2, 0)] });
    expect(ended.events.map(({ event }) => event.event)).toEqual(['blog']);
  });

  it('cursors grow with each event, and a resumed first snapshot skips what was printed up to the cursor', () => {
    const entries = [entry(3, 0), entry(1, 0), entry(2, 0)];
    const first = diffSnapshot(emptyPollState, { entries });
    const cursors = first.events.map((each) => each.cursor!);
    expect(cursors).toEqual([minute(1), minute(2), minute(3)]);
    const resumed = diffSnapshot(emptyPollState, { entries: [...entries, entry(4, 0)] }, { knownUpTo: Date.parse(minute(2)), cursor: minute(2) });
    expect(resumed.events.map(({ event }) => (event.event === 'entry' ? event.entry.id : event.event))).toEqual(['u3', 'u4']);
  });

  it('an empty answer deletes nothing', () => {
    const first = diffSnapshot(emptyPollState, { entries: [entry(1, 0)] });
    expect(diffSnapshot(first.state, { entries: [] }).events).toEqual([]);
  });
});
