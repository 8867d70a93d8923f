/*
 * A hash table from 53-bit key hashes to what was printed for that key, kept in a typed array.
 * Written by hand because the obvious Map keyed by entry id keeps every id string alive: at ingest
 * rates (hundreds of thousands of entries a minute) moving those strings and the boxed numbers
 * beside them through the garbage collector costs more than all the rest of an event's work.
 * Open addressing with linear probing; each slot is a key and its value side by side, so a
 * lookup touches one cache line.
 */

/**
 * What was printed for a key: one fingerprint (the common case), several, or `deleted`. Many
 * revisions of one entry (a feed correcting it thousands of times) are kept in a set, so each new
 * one costs the same however many came before.
 */
export type Printed = number | readonly number[] | ReadonlySet<number>;

export const deleted = -1;

/** Marks a slot whose fingerprints live in `revisions`. */
const several = -2;
/** Key hashes are non-negative integers below 2^53; -1 never is one. */
const emptySlot = -1;

export class FingerprintTable {
  /** Slot i holds its key at 2i and its value at 2i + 1. */
  private slots: Float64Array;
  private readonly revisions = new Map<number, readonly number[] | ReadonlySet<number>>();
  private count = 0;
  /** The pipe asks for a key and then stores it: the second probe reuses the first. */
  private lastKey = emptySlot;
  private lastSlot = 0;

  constructor(initialSlots = 1024) {
    this.slots = new Float64Array(initialSlots * 2).fill(emptySlot);
  }

  get size(): number {
    return this.count;
  }

  get(key: number): Printed | undefined {
    const slot = this.find(key);
    if (this.slots[slot] !== key) return undefined;
    const value = this.slots[slot + 1]!;
    return value === several ? this.revisions.get(key) : value;
  }

  set(key: number, printed: Printed): void {
    let slot = this.find(key);
    if (this.slots[slot] !== key) {
      if ((this.count + 1) * 4 > this.slots.length) {
        this.grow();
        slot = this.find(key);
      }
      this.slots[slot] = key;
      this.count += 1;
    }
    if (typeof printed === 'number') {
      this.slots[slot + 1] = printed;
      this.revisions.delete(key);
    } else {
      this.slots[slot + 1] = several;
      this.revisions.set(key, printed);
    }
  }

  /** The index of the slot holding `key`, or of the empty slot where it would go. */
  private find(key: number): number {
    if (key === this.lastKey) return this.lastSlot;
    const mask = this.slots.length / 2 - 1;
    // The low bits of a good hash are as good as any; 2^32 splits it without overflowing.
    let slot = (key % 4294967296) & mask;
    for (;;) {
      const found = this.slots[slot * 2]!;
      if (found === key || found === emptySlot) break;
      slot = (slot + 1) & mask;
    }
    this.lastKey = key;
    this.lastSlot = slot * 2;
    return slot * 2;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2).fill(emptySlot);
    this.lastKey = emptySlot;
    for (let index = 0; index < old.length; index += 2) {
      const key = old[index]!;
      if (key === emptySlot) continue;
      const slot = this.find(key);
      this.slots[slot] = key;
      this.slots[slot + 1] = old[index + 1]!;
    }
    this.lastKey = emptySlot;
  }
}
