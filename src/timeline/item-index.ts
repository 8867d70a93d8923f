/*
 * A persistent index of entries by feed and id: hash buckets that are short arrays of the entries
 * themselves. A draft copies the bucket array once and replaces each bucket it writes to, so a
 * batch costs in proportion to the batch, and every earlier version stays as it was.
 *
 * Memory is the point of its shape: at 100,000 entries a bucket is an array of a few pointers
 * (no key string per entry, no hash table per bucket), and a batch copies a few pointers per
 * entry it touches. The bucket count doubles as the index grows, so buckets stay short.
 */

export interface Identified {
  readonly feed: string;
  readonly entry: { readonly id: string };
}

export interface ItemIndex<T extends Identified> {
  /** A power of two of them. */
  readonly buckets: readonly (readonly T[])[];
  readonly size: number;
}

const initialBucketCount = 64;
/** Past this many entries a bucket on average, the bucket count doubles. */
const maxLoad = 8;

const noItems: readonly never[] = Object.freeze([]);
const empty: ItemIndex<never> = { buckets: new Array<readonly never[]>(initialBucketCount).fill(noItems), size: 0 };

export function emptyItemIndex<T extends Identified>(): ItemIndex<T> {
  return empty;
}

/** FNV-1a over feed, a separator and id: cheap, and spreads ids that differ in a digit or two. */
function hashOf(feed: string, id: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < feed.length; index += 1) hash = Math.imul(hash ^ feed.charCodeAt(index), 0x01000193);
  hash = Math.imul(hash ^ 10, 0x01000193);
  for (let index = 0; index < id.length; index += 1) hash = Math.imul(hash ^ id.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}

function positionIn<T extends Identified>(bucket: readonly T[], feed: string, id: string): number {
  for (let index = 0; index < bucket.length; index += 1) {
    const item = bucket[index]!;
    if (item.entry.id === id && item.feed === feed) return index;
  }
  return -1;
}

export function findIn<T extends Identified>(index: ItemIndex<T>, feed: string, id: string): T | undefined {
  const bucket = index.buckets[hashOf(feed, id) & (index.buckets.length - 1)]!;
  return bucket[positionIn(bucket, feed, id)];
}

/**
 * Changes to one version; `freeze` makes them the next version. Every write makes a new bucket of
 * exactly the length it needs (a bucket grown by push keeps room for a dozen more pointers), and
 * a bucket is short, so writing one twice in a batch costs little.
 */
export class ItemIndexDraft<T extends Identified> {
  private buckets: (readonly T[])[] | undefined;
  private count: number;

  constructor(private readonly base: ItemIndex<T>) {
    this.count = base.size;
  }

  get(feed: string, id: string): T | undefined {
    const bucket = this.current()[this.bucketOf(feed, id)]!;
    return bucket[positionIn(bucket, feed, id)];
  }

  /** Adds the item, or puts it in the place of the one with the same feed and id. */
  set(item: T): void {
    const bucketIndex = this.bucketOf(item.feed, item.entry.id);
    const bucket = this.current()[bucketIndex]!;
    const at = positionIn(bucket, item.feed, item.entry.id);
    if (at !== -1) {
      this.writable()[bucketIndex] = bucket.with(at, item);
      return;
    }
    this.writable()[bucketIndex] = bucket.concat([item]);
    this.count += 1;
    if (this.count > maxLoad * this.current().length) this.grow();
  }

  delete(feed: string, id: string): void {
    const bucketIndex = this.bucketOf(feed, id);
    const bucket = this.current()[bucketIndex]!;
    const at = positionIn(bucket, feed, id);
    if (at === -1) return;
    this.writable()[bucketIndex] = bucket.length === 1 ? noItems : bucket.toSpliced(at, 1);
    this.count -= 1;
  }

  /** The next version; the draft must not be used after this. */
  freeze(): ItemIndex<T> {
    return this.buckets === undefined ? this.base : { buckets: this.buckets, size: this.count };
  }

  private current(): readonly (readonly T[])[] {
    return this.buckets ?? this.base.buckets;
  }

  private bucketOf(feed: string, id: string): number {
    return hashOf(feed, id) & (this.current().length - 1);
  }

  private writable(): (readonly T[])[] {
    this.buckets ??= [...this.base.buckets];
    return this.buckets;
  }

  private grow(): void {
    const filling = Array.from({ length: 2 * this.current().length }, (): T[] => []);
    for (const bucket of this.current()) for (const item of bucket) filling[hashOf(item.feed, item.entry.id) & (filling.length - 1)]!.push(item);
    this.buckets = filling.map((bucket) => (bucket.length === 0 ? noItems : bucket.slice()));
  }
}
