import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkLength, emptySortedChunks, maxChunkLength, minChunkLength, SortedChunksDraft, type SortedChunks } from '../../src/timeline/sorted-chunks.js';

const isBefore = (a: number, b: number): boolean => a < b;

function change(list: SortedChunks<number>, edit: (draft: SortedChunksDraft<number>) => void): SortedChunks<number> {
  const draft = new SortedChunksDraft(list, isBefore);
  edit(draft);
  return draft.freeze();
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, index) => from + index);
const listOf = (values: readonly number[]) => change(emptySortedChunks(), (draft) => values.forEach((value) => draft.insert(value)));
const lengths = (list: SortedChunks<number>) => list.chunks.map((chunk) => chunk.length);
const valuesOf = (list: SortedChunks<number>) => list.chunks.flat();

describe('sorted chunks', () => {
  it('fills chunks to chunkLength when appending, and a new version shares the chunks it did not touch', () => {
    const list = listOf(range(0, 2 * chunkLength + 10));
    expect(lengths(list)).toEqual([chunkLength, chunkLength, 10]);
    const next = change(list, (draft) => draft.insert(1e9));
    expect(lengths(next)).toEqual([chunkLength, chunkLength, 11]);
    expect(next.chunks[0]).toBe(list.chunks[0]);
    expect(next.chunks[1]).toBe(list.chunks[1]);
    expect(lengths(list)).toEqual([chunkLength, chunkLength, 10]);
  });

  it('splits a chunk in halves once inserts in the middle grow it past maxChunkLength', () => {
    const evens = range(1, chunkLength + 1).map((index) => 2 * index);
    const list = listOf([...evens, ...range(1e6, 1e6 + chunkLength)]);
    const full = change(list, (draft) => evens.forEach((even) => draft.insert(even - 1)));
    expect(lengths(full)).toEqual([maxChunkLength, chunkLength]);
    const split = change(full, (draft) => draft.insert(-1));
    expect(lengths(split)).toEqual([maxChunkLength / 2, maxChunkLength / 2 + 1, chunkLength]);
    expect(valuesOf(split)).toEqual([-1, ...range(1, maxChunkLength + 1), ...range(1e6, 1e6 + chunkLength)]);
  });

  it('drops a chunk that a removal empties', () => {
    const list = listOf(range(0, chunkLength + 1));
    expect(lengths(change(list, (draft) => draft.remove(chunkLength)))).toEqual([chunkLength]);
    expect(change(listOf([1, 2]), (draft) => [1, 2].forEach((value) => draft.remove(value)))).toEqual({ chunks: [], size: 0 });
  });

  it('joins a chunk shrunk below minChunkLength to its shorter neighbour', () => {
    const list = listOf(range(0, 2 * chunkLength + 200));
    const shrunk = change(list, (draft) => range(chunkLength, 2 * chunkLength - minChunkLength + 1).forEach((value) => draft.remove(value)));
    expect(lengths(shrunk)).toEqual([chunkLength, minChunkLength - 1 + 200]);
    expect(valuesOf(shrunk)).toEqual([...range(0, chunkLength), ...range(2 * chunkLength - minChunkLength + 1, 2 * chunkLength + 200)]);
  });

  it('splits again when the joined chunk would be too long', () => {
    // Chunks of [912, 512, 912]: appended tens, then ones inserted into the first and last chunk.
    const tens = range(0, 3 * chunkLength).map((index) => 10 * index);
    const grown = change(listOf(tens), (draft) => [...range(0, 400), ...range(2 * chunkLength, 2 * chunkLength + 400)].forEach((index) => draft.insert(10 * index + 1)));
    expect(lengths(grown)).toEqual([912, chunkLength, 912]);
    const removed = range(chunkLength, 2 * chunkLength - minChunkLength + 1).map((index) => 10 * index);
    const rebalanced = change(grown, (draft) => removed.forEach((value) => draft.remove(value)));
    // 127 left joins the previous chunk (ties go left): 1039 is too long, so it splits.
    expect(lengths(rebalanced)).toEqual([519, 520, 912]);
    expect(rebalanced.chunks[2]).toBe(grown.chunks[2]);
    expect(valuesOf(rebalanced)).toEqual(valuesOf(grown).filter((value) => !removed.includes(value)));
  });

  it('drops the first items at a chunk boundary, inside a chunk, and all of them', () => {
    const list = listOf(range(0, 2 * chunkLength + 10));
    const dropOf = (count: number) => {
      let dropped: number[] = [];
      const next = change(list, (draft) => {
        dropped = draft.dropFirst(count);
      });
      return { dropped, next };
    };
    const atBoundary = dropOf(chunkLength);
    expect(atBoundary.dropped).toEqual(range(0, chunkLength));
    expect(lengths(atBoundary.next)).toEqual([chunkLength, 10]);
    const inside = dropOf(chunkLength + 100);
    expect(inside.dropped).toEqual(range(0, chunkLength + 100));
    expect(lengths(inside.next)).toEqual([chunkLength - 100, 10]);
    expect(inside.next.chunks[1]).toBe(list.chunks[2]);
    const all = dropOf(1e6);
    expect(all.dropped).toEqual(range(0, 2 * chunkLength + 10));
    expect(all.next).toEqual({ chunks: [], size: 0 });
    expect(dropOf(0).next).toBe(list);
    expect(valuesOf(list)).toEqual(range(0, 2 * chunkLength + 10));
  });

  it('refuses to remove an item that is not in the list', () => {
    expect(() => change(listOf([1, 3]), (draft) => draft.remove(2))).toThrow(/not in the list/);
    expect(() => change(listOf([1, 3]), (draft) => draft.remove(4))).toThrow(/not in the list/);
  });

  /** Deterministic pseudo-random integers in [0, below): changes are described by a count and a seed, which shrink fast. */
  function randomInts(seed: number, count: number, below: number): number[] {
    let state = seed;
    return Array.from({ length: count }, () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state >>> 8) % below;
    });
  }

  const arbitraryChange = fc.oneof(
    fc.record({ insert: fc.nat(1500), seed: fc.nat() }),
    fc.record({ remove: fc.nat(300), seed: fc.nat() }),
    fc.record({ dropFirst: fc.nat(600) }),
  );

  /** Where `value` goes in the sorted `values`. */
  const insertionPoint = (values: readonly number[], value: number): number => {
    let low = 0;
    let high = values.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (values[middle]! < value) low = middle + 1;
      else high = middle;
    }
    return low;
  };

  it('matches a sorted array, keeps chunks non-empty and short, and leaves every older version as it was (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(arbitraryChange, { maxLength: 3 }), { maxLength: 5 }), (batches) => {
        const versions: { list: SortedChunks<number>; values: number[] }[] = [{ list: emptySortedChunks(), values: [] }];
        for (const batch of batches) {
          const { list, values } = versions[versions.length - 1]!;
          const model = [...values];
          const next = change(list, (draft) => {
            for (const each of batch) {
              if ('insert' in each) {
                for (const value of randomInts(each.seed, each.insert, 6000)) {
                  const at = insertionPoint(model, value);
                  if (model[at] === value) continue;
                  draft.insert(value);
                  model.splice(at, 0, value);
                }
              } else if ('remove' in each) {
                for (const pick of randomInts(each.seed, Math.min(each.remove, model.length), 1 << 20)) {
                  draft.remove(model.splice(pick % model.length, 1)[0]!);
                }
              } else {
                expect(draft.dropFirst(each.dropFirst)).toEqual(model.splice(0, each.dropFirst));
              }
            }
          });
          expect(valuesOf(next)).toEqual(model);
          expect(next.size).toBe(model.length);
          expect(lengths(next).filter((length) => length === 0 || length > maxChunkLength)).toEqual([]);
          versions.push({ list: next, values: model });
        }
        for (const { list, values } of versions) expect(valuesOf(list)).toEqual(values);
      }),
      { numRuns: 50 },
    );
  });
});
