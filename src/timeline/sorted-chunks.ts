/*
 * A persistent sorted list: a short array of small immutable chunks. A draft copies the chunk
 * array once and each chunk it changes once, so a batch of changes costs in proportion to the
 * batch (plus the short top array), not to the list, and every earlier version stays as it was.
 */

/** Appends fill a chunk to this length before starting the next one. */
export const chunkLength = 512;
/** A chunk grown past this by inserts in the middle is split in two. */
export const maxChunkLength = 2 * chunkLength;
/** A chunk shrunk below this by removals joins a neighbour. */
export const minChunkLength = chunkLength / 4;

export interface SortedChunks<T> {
  /** In order, none empty. */
  readonly chunks: readonly (readonly T[])[];
  readonly size: number;
}

const empty: SortedChunks<never> = { chunks: [], size: 0 };

export function emptySortedChunks<T>(): SortedChunks<T> {
  return empty;
}

/** Last item first. */
export function* descending<T>(list: SortedChunks<T>): Generator<T, void, undefined> {
  for (let chunkIndex = list.chunks.length - 1; chunkIndex >= 0; chunkIndex -= 1) {
    const chunk = list.chunks[chunkIndex]!;
    for (let index = chunk.length - 1; index >= 0; index -= 1) yield chunk[index]!;
  }
}

/** The first index whose element is not below: elements below come first. */
function lowerBound<E>(elements: readonly E[], isBelow: (element: E) => boolean): number {
  let low = 0;
  let high = elements.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (isBelow(elements[middle]!)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Changes to one version, made in place on copies it owns; `freeze` makes them the next version.
 * Items must sort strictly (no two equal under `isBefore`), which lets removal find an item by
 * binary search.
 */
export class SortedChunksDraft<T> {
  private chunks: (readonly T[])[] | undefined;
  /** Chunks this draft created: no other version can see them, so they are written in place. */
  private readonly owned = new Set<readonly T[]>();
  private length: number;

  constructor(
    private readonly base: SortedChunks<T>,
    private readonly isBefore: (a: T, b: T) => boolean,
  ) {
    this.length = base.size;
  }

  get size(): number {
    return this.length;
  }

  insert(item: T): void {
    const chunks = this.chunks ?? this.base.chunks;
    const lastChunk = chunks[chunks.length - 1];
    this.length += 1;
    if (lastChunk === undefined || this.isBefore(lastChunk[lastChunk.length - 1]!, item)) {
      // Appending is the common case; full chunks stay as they are, so they are shared from then on.
      if (lastChunk === undefined || lastChunk.length >= chunkLength) this.addChunk(this.writableChunks().length, [item]);
      else this.writable(chunks.length - 1).push(item);
      return;
    }
    const { chunkIndex, index } = this.position(item);
    const chunk = this.writable(chunkIndex);
    chunk.splice(index, 0, item);
    if (chunk.length > maxChunkLength) this.split(chunkIndex);
  }

  remove(item: T): void {
    const { chunkIndex, index } = this.find(item);
    const chunk = this.writable(chunkIndex);
    chunk.splice(index, 1);
    this.length -= 1;
    if (chunk.length < minChunkLength) this.rebalance(chunkIndex);
  }

  /** Puts `next` in the place of `item`; both must sort to the same place. */
  replace(item: T, next: T): void {
    const { chunkIndex, index } = this.find(item);
    this.writable(chunkIndex)[index] = next;
  }

  /** Removes the first `count` items and returns them. */
  dropFirst(count: number): T[] {
    const dropped: T[] = [];
    if (count <= 0 || this.length === 0) return dropped;
    const chunks = this.writableChunks();
    let whole = 0;
    while (whole < chunks.length && dropped.length + chunks[whole]!.length <= count) dropped.push(...chunks[whole++]!);
    chunks.splice(0, whole);
    // Whatever is left to drop is shorter than the (new) first chunk, so that chunk is not emptied.
    if (dropped.length < count && chunks.length > 0) dropped.push(...this.writable(0).splice(0, count - dropped.length));
    this.length -= dropped.length;
    return dropped;
  }

  /** The next version; the draft must not be used after this. */
  freeze(): SortedChunks<T> {
    return this.chunks === undefined ? this.base : { chunks: this.chunks, size: this.length };
  }

  /** Where `item` is or would go: the first chunk that does not end before it, and the place in that chunk. */
  private position(item: T): { chunkIndex: number; index: number } {
    const chunks = this.chunks ?? this.base.chunks;
    const chunkIndex = lowerBound(chunks, (chunk) => this.isBefore(chunk[chunk.length - 1]!, item));
    return { chunkIndex, index: lowerBound(chunks[chunkIndex] ?? [], (each) => this.isBefore(each, item)) };
  }

  private find(item: T): { chunkIndex: number; index: number } {
    const position = this.position(item);
    if ((this.chunks ?? this.base.chunks)[position.chunkIndex]?.[position.index] !== item) throw new Error('sorted chunks: the item is not in the list');
    return position;
  }

  private writableChunks(): (readonly T[])[] {
    this.chunks ??= [...this.base.chunks];
    return this.chunks;
  }

  private writable(chunkIndex: number): T[] {
    const chunks = this.writableChunks();
    const chunk = chunks[chunkIndex]!;
    // Only chunks in `owned` are cast to writable: this draft made them, no version shares them.
    if (this.owned.has(chunk)) return chunk as T[];
    const copy = [...chunk];
    this.owned.add(copy);
    chunks[chunkIndex] = copy;
    return copy;
  }

  private addChunk(chunkIndex: number, chunk: T[]): void {
    this.owned.add(chunk);
    this.writableChunks().splice(chunkIndex, 0, chunk);
  }

  private split(chunkIndex: number): void {
    const chunk = this.writable(chunkIndex);
    this.addChunk(chunkIndex + 1, chunk.splice(chunk.length >>> 1));
  }

  /** An emptied chunk goes; a small one joins its shorter neighbour, split again if that is too long. */
  private rebalance(chunkIndex: number): void {
    const chunks = this.writableChunks();
    if (chunks[chunkIndex]!.length === 0) {
      chunks.splice(chunkIndex, 1);
      return;
    }
    const previous = chunks[chunkIndex - 1];
    const next = chunks[chunkIndex + 1];
    if (previous === undefined && next === undefined) return;
    const first = previous !== undefined && (next === undefined || previous.length <= next.length) ? chunkIndex - 1 : chunkIndex;
    const merged = [...chunks[first]!, ...chunks[first + 1]!];
    chunks.splice(first, 2);
    this.addChunk(first, merged);
    if (merged.length > maxChunkLength) this.split(first);
  }
}
