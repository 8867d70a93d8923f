/*
 * A hash table from 53-bit key hashes to what was printed for that key, kept in typed arrays.
 * Written by hand because the obvious Map keyed by entry id keeps every id string alive: at ingest
 * rates (hundreds of thousands of entries a minute) moving those strings and the boxed numbers
 * beside them through the garbage collector costs more than all the rest of an event's work.
 * Here a key is two numbers in a Float64Array, with open addressing and linear probing.
 */

/** What was printed for a key: one fingerprint (the common case), several, or `deleted`. */
export type Printed = number | readonly number[];

export const deleted = -1;

/** Marks a slot whose fingerprints live in `revisions`. */
const several = -2;
/** Key hashes are non-negative integers below 2^53; -1 never is one. */
const emptySlot = -1;

export class FingerprintTable {
  private keys: Float64Array;
  private values: Float64Array;
  private readonly revisions = new Map<number, readonly number[]>();
  private count = 0;

  constructor(initialSlots = 1024) {
    this.keys = new Float64Array(initialSlots).fill(emptySlot);
    this.values = new Float64Array(initialSlots);
  }

  get size(): number {
    return this.count;
  }

  get(key: number): Printed | undefined {
    const slot = this.find(key);
    if (this.keys[slot] !== key) return undefined;
    const value = this.values[slot]!;
    return value === several ? this.revisions.get(key) : value;
  }

  set(key: number, printed: Printed): void {
    let slot = this.find(key);
    if (this.keys[slot] !== key) {
      if ((this.count + 1) * 2 > this.keys.length) {
        this.grow();
        slot = this.find(key);
      }
      this.keys[slot] = key;
      this.count += 1;
    }
    if (typeof printed === 'number') {
      this.values[slot] = printed;
      this.revisions.delete(key);
    } else {
      this.values[slot] = several;
      this.revisions.set(key, printed);
    }
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  private find(key: number): number {
    const mask = this.keys.length - 1;
    // The low bits of a good hash are as good as any; 2^32 splits it without overflowing.
    let slot = (key % 4294967296) & mask;
    for (;;) {
      const found = this.keys[slot]!;
      if (found === key || found === emptySlot) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2).fill(emptySlot);
    this.values = new Float64Array(keys.length * 2);
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index]!;
      if (key === emptySlot) continue;
      const slot = this.find(key);
      this.keys[slot] = key;
      this.values[slot] = values[index]!;
    }
  }
}
