import type { Entry } from '../schema/feed.js';

/*
 * What an entry said before: its latest revisions (the current one included), bounded, with
 * when each arrived, plus a memory of every revision's fingerprint so a replay of any of them
 * (after a reconnect, from a restarted server) is dropped.
 */

/** Revisions kept per entry, the current one included; older ones are only counted. */
export const keptRevisions = 20;

export interface Revision {
  readonly entry: Entry;
  /** When livetail received it, epoch ms (the source's own time is `entry.modified`). */
  readonly arrivedMs: number;
}

export interface History {
  /** Oldest first; the last one is the entry as it stands. */
  readonly revisions: readonly Revision[];
  /** Earlier revisions no longer kept. */
  readonly dropped: number;
  readonly seen: SeenRevisions;
  /** When the source deleted the entry, epoch ms: it stays as a retracted line showing its last text. */
  readonly retractedMs?: number;
  /** The timeline's seq at the latest correction or retraction (see changesSince). */
  readonly changeSeq: number;
}

/*
 * Fingerprints of every revision an entry had, in a map shared by the successive values of one
 * entry: each value owns the first `count` fingerprints (map value = ordinal). The newest value
 * appends in place, so a long run of corrections costs linear time instead of copying the list
 * per correction; an older value that is corrected again (a Timeline kept and derived from
 * twice) copies its own part first, so every Timeline value keeps meaning what it meant.
 */
export class SeenRevisions {
  // A true private field: the map is shared, so what a value means is its `count` of it.
  readonly #ordinals: Map<number, number>;

  private constructor(
    ordinals: Map<number, number>,
    readonly count: number,
  ) {
    this.#ordinals = ordinals;
  }

  static of(fingerprint: number): SeenRevisions {
    return new SeenRevisions(new Map([[fingerprint, 0]]), 1);
  }

  has(fingerprint: number): boolean {
    const ordinal = this.#ordinals.get(fingerprint);
    return ordinal !== undefined && ordinal < this.count;
  }

  /** The same memory with `fingerprint` added (the caller checked `has` first). */
  with(fingerprint: number): SeenRevisions {
    if (this.#ordinals.size === this.count) {
      this.#ordinals.set(fingerprint, this.count);
      return new SeenRevisions(this.#ordinals, this.count + 1);
    }
    const own = new Map<number, number>();
    for (const [known, ordinal] of this.#ordinals) if (ordinal < this.count) own.set(known, ordinal);
    own.set(fingerprint, this.count);
    return new SeenRevisions(own, this.count + 1);
  }
}

/** An entry not corrected yet has no history object: this makes its first one. */
export function firstHistory(original: Revision, originalFingerprint: number, changeSeq: number): History {
  return { revisions: [original], dropped: 0, seen: SeenRevisions.of(originalFingerprint), changeSeq };
}

/** The history once the correction `entry` (with `fingerprint`, not seen before) replaces the current revision. */
export function corrected(history: History, entry: Entry, fingerprint: number, arrivedMs: number, changeSeq: number): History {
  const revisions = [...history.revisions, { entry, arrivedMs }];
  const excess = Math.max(revisions.length - keptRevisions, 0);
  return {
    revisions: excess > 0 ? revisions.slice(excess) : revisions,
    dropped: history.dropped + excess,
    seen: history.seen.with(fingerprint),
    changeSeq,
  };
}
