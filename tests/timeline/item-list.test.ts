import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkedItems, toArray } from '../../src/timeline/item-list.js';
import { matchesFilter, selectView, type Filter } from '../../src/timeline/select.js';
import { isMuted } from '../../src/timeline/follow.js';
import { applySignals, emptyTimeline, itemsNewestFirst, type Timeline, type TimelineItem } from '../../src/timeline/timeline.js';
import { makeEntry, makeItem, signal } from '../helpers/entries.js';

const A = 'http://127.0.0.1:1/a';

const itemOf = (seq: number) => makeItem(makeEntry(`${seq}`, 0), { feed: A, seq, timeMs: seq });

describe('ChunkedItems', () => {
  it('reads parts newest first, in any order of positions, and nothing outside them (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 8 }), fc.array(fc.integer({ min: -3, max: 40 }), { maxLength: 60 }), (lengths, positions) => {
        let seq = 0;
        const parts = lengths.map((length) => Array.from({ length }, () => itemOf(seq++)));
        const expected = parts.flat().reverse();
        const list = new ChunkedItems(parts);
        expect(list.length).toBe(expected.length);
        for (const position of [...positions, 0.5, Number.NaN]) expect(list.at(position)).toBe(Number.isInteger(position) && position >= 0 ? expected[position] : undefined);
        expect(toArray(list)).toEqual(expected);
        const visited: TimelineItem[] = [];
        list.forEach((item) => visited.push(item));
        expect(visited).toEqual(expected);
      }),
    );
  });
});

describe('selectView over timeline versions', () => {
  const tagSets = [['会見'], ['港湾'], ['会見', '港湾'], []];
  const filters: Filter[] = [{ tags: [] }, { tags: ['会見'] }, { tags: [], query: '本文1' }, { tags: ['港湾'], query: '本文' }];
  const mutes: (readonly string[])[] = [[], ['港湾']];

  it('matches filtering every entry afresh, whatever was selected from earlier versions (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ entries: fc.nat(1500), seed: fc.nat(), deletes: fc.nat(5), filter: fc.nat(filters.length - 1), muted: fc.nat(mutes.length - 1) }), { minLength: 1, maxLength: 6 }),
        (steps) => {
          let timeline: Timeline = emptyTimeline();
          let next = 0;
          for (const step of steps) {
            const signals = Array.from({ length: step.entries }, (_, index) => {
              const id = next++;
              const minute = (step.seed + index * 7919) % 600;
              return signal(A, { event: 'entry', entry: makeEntry(`${id}`, minute, { tags: tagSets[id % tagSets.length]! }) });
            });
            for (let index = 0; index < step.deletes; index += 1) signals.push(signal(A, { event: 'delete', id: `${(step.seed + index) % Math.max(next, 1)}` }));
            timeline = applySignals(timeline, signals);
            const filter = filters[step.filter]!;
            const muted = mutes[step.muted]!;
            const all = [...itemsNewestFirst(timeline)];
            const view = selectView(timeline, filter, muted);
            expect(toArray(view.items)).toEqual(all.filter((item) => !isMuted(item.entry, muted) && matchesFilter(item.entry, filter)));
            expect(view.muted).toBe(all.filter((item) => isMuted(item.entry, muted)).length);
            expect(view.items.length + view.hidden + view.muted).toBe(timeline.size);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
