/*
 * A persistent string-keyed map: a fixed fan-out of small Map buckets. A draft copies the bucket
 * array once and each bucket it writes to once, so a batch of changes costs in proportion to the
 * batch, not to the map, and every earlier version stays as it was.
 */

/** A power of two, so a hash is masked into it; ~25 keys a bucket at 100,000 entries. */
const bucketCount = 4096;

export interface HashedMap<V> {
  readonly buckets: readonly ReadonlyMap<string, V>[];
  readonly size: number;
}

const emptyBucket: ReadonlyMap<string, never> = new Map<string, never>();
const empty: HashedMap<never> = { buckets: new Array<ReadonlyMap<string, never>>(bucketCount).fill(emptyBucket), size: 0 };

export function emptyHashedMap<V>(): HashedMap<V> {
  return empty;
}

/** FNV-1a: cheap, and spreads keys that differ in a digit or two (`feed\nid-17`, `feed\nid-18`). */
function bucketOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index += 1) hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
  return hash & (bucketCount - 1);
}

export function getFrom<V>(map: HashedMap<V>, key: string): V | undefined {
  return map.buckets[bucketOf(key)]!.get(key);
}

/** Changes to one version, made in place on copies it owns; `freeze` makes them the next version. */
export class HashedMapDraft<V> {
  private buckets: ReadonlyMap<string, V>[] | undefined;
  /** Buckets this draft copied, by index: no other version can see them, so they are written in place. */
  private readonly owned = new Array<Map<string, V> | undefined>(bucketCount);
  private size: number;

  constructor(private readonly base: HashedMap<V>) {
    this.size = base.size;
  }

  get(key: string): V | undefined {
    return (this.buckets ?? this.base.buckets)[bucketOf(key)]!.get(key);
  }

  set(key: string, value: V): void {
    const bucket = this.writable(bucketOf(key));
    if (!bucket.has(key)) this.size += 1;
    bucket.set(key, value);
  }

  delete(key: string): void {
    const index = bucketOf(key);
    if (!(this.buckets ?? this.base.buckets)[index]!.has(key)) return;
    this.writable(index).delete(key);
    this.size -= 1;
  }

  /** The next version; the draft must not be used after this. */
  freeze(): HashedMap<V> {
    return this.buckets === undefined ? this.base : { buckets: this.buckets, size: this.size };
  }

  private writable(index: number): Map<string, V> {
    const buckets = (this.buckets ??= [...this.base.buckets]);
    let bucket = this.owned[index];
    if (bucket === undefined) {
      bucket = new Map(buckets[index]);
      this.owned[index] = bucket;
      buckets[index] = bucket;
    }
    return bucket;
  }
}
