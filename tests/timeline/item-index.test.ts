import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyItemIndex, findIn, ItemIndexDraft, type ItemIndex } from '../../src/timeline/item-index.js';

interface Thing {
  readonly feed: string;
  readonly entry: { readonly id: string };
  readonly version: number;
}

const feeds = ['http://127.0.0.1:1/a', 'http://127.0.0.1:1/b'];
const keyOf = (feed: string, id: string): string => `${feed} ${id}`;

const arbitraryChange = fc.oneof(
  fc.record({ set: fc.nat(400), feed: fc.nat(1), version: fc.nat(3) }),
  fc.record({ remove: fc.nat(400), feed: fc.nat(1) }),
  fc.record({ many: fc.nat(1200), from: fc.nat(5000) }),
);

describe('item index', () => {
  it('finds what a Map would, keeps buckets short, and leaves every older version as it was (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(arbitraryChange, { maxLength: 8 }), { maxLength: 6 }), (batches) => {
        const versions: { index: ItemIndex<Thing>; model: Map<string, Thing> }[] = [{ index: emptyItemIndex(), model: new Map() }];
        // The most entries the index can have held at any moment, for the bound on its buckets.
        let peak = 0;
        for (const batch of batches) {
          const { index, model: before } = versions[versions.length - 1]!;
          const model = new Map(before);
          const draft = new ItemIndexDraft(index);
          for (const change of batch) {
            if ('set' in change) {
              const thing = { feed: feeds[change.feed]!, entry: { id: `${change.set}` }, version: change.version };
              draft.set(thing);
              model.set(keyOf(thing.feed, thing.entry.id), thing);
            } else if ('remove' in change) {
              draft.delete(feeds[change.feed]!, `${change.remove}`);
              model.delete(keyOf(feeds[change.feed]!, `${change.remove}`));
            } else {
              for (let id = change.from; id < change.from + change.many; id += 1) {
                const thing = { feed: feeds[0]!, entry: { id: `${id}` }, version: 0 };
                draft.set(thing);
                model.set(keyOf(thing.feed, thing.entry.id), thing);
              }
            }
          }
          const next = draft.freeze();
          peak = Math.max(peak, before.size + batch.reduce((sum, change) => sum + ('set' in change ? 1 : 'many' in change ? change.many : 0), 0));
          expect(next.size).toBe(model.size);
          expect(next.buckets.flat().length).toBe(model.size);
          expect(next.buckets.length).toBeLessThanOrEqual(Math.max(64, peak / 4));
          versions.push({ index: next, model });
        }
        for (const { index, model } of versions) {
          // One expect for the whole model: an expect per key made this test take 15 s.
          const misses = [...model].filter(([, thing]) => findIn(index, thing.feed, thing.entry.id) !== thing).map(([key]) => key);
          expect(misses).toEqual([]);
          for (const id of ['0', '399', '4999', 'none']) for (const feed of feeds) expect(findIn(index, feed, id)).toBe(model.get(keyOf(feed, id)));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('tells the same id in two feeds apart', () => {
    const draft = new ItemIndexDraft<Thing>(emptyItemIndex());
    draft.set({ feed: feeds[0]!, entry: { id: '1' }, version: 0 });
    draft.set({ feed: feeds[1]!, entry: { id: '1' }, version: 1 });
    draft.delete(feeds[0]!, '1');
    const index = draft.freeze();
    expect(findIn(index, feeds[0]!, '1')).toBeUndefined();
    expect(findIn(index, feeds[1]!, '1')?.version).toBe(1);
  });
});
