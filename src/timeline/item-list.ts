import type { TimelineItem } from './timeline.js';

/*
 * Entries newest first, read by position. The screen reads a few dozen entries a frame out of
 * 100,000: copying them all into one array per frame made a large short-lived array each time,
 * which V8 keeps in its large-object space until a full collection. A view instead points at the
 * timeline's own immutable chunks (or their filtered copies) and finds a position through their
 * running lengths. A plain array is an ItemList too.
 */
export interface ItemList {
  readonly length: number;
  /** Undefined outside 0..length-1. */
  at(index: number): TimelineItem | undefined;
  /** Every item in order: a pass over all of them without a lookup per item. */
  forEach(visit: (item: TimelineItem) => void): void;
}

export function toArray(list: ItemList): TimelineItem[] {
  return Array.from({ length: list.length }, (_, index) => list.at(index)!);
}

/** A newest-first list over parts in ascending order (oldest first, each oldest first), none empty. */
export class ChunkedItems implements ItemList {
  readonly length: number;
  /** `ends[part]`: how many items the parts up to and including `part` hold. */
  private readonly ends: number[];
  /** The part the last lookup found: reading neighbours one after another skips the search. */
  private lastPart = 0;

  constructor(private readonly parts: readonly (readonly TimelineItem[])[]) {
    this.ends = new Array<number>(parts.length);
    let total = 0;
    for (let part = 0; part < parts.length; part += 1) {
      total += parts[part]!.length;
      this.ends[part] = total;
    }
    this.length = total;
  }

  at(index: number): TimelineItem | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) return undefined;
    const ascending = this.length - 1 - index;
    let part = this.lastPart;
    if (!this.holds(part, ascending)) {
      let low = 0;
      let high = this.parts.length - 1;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (this.ends[middle]! <= ascending) low = middle + 1;
        else high = middle;
      }
      part = low;
      this.lastPart = part;
    }
    return this.parts[part]![ascending - (part === 0 ? 0 : this.ends[part - 1]!)];
  }

  forEach(visit: (item: TimelineItem) => void): void {
    for (let part = this.parts.length - 1; part >= 0; part -= 1) {
      const items = this.parts[part]!;
      for (let index = items.length - 1; index >= 0; index -= 1) visit(items[index]!);
    }
  }

  private holds(part: number, ascending: number): boolean {
    return ascending < this.ends[part]! && (part === 0 || ascending >= this.ends[part - 1]!);
  }
}
