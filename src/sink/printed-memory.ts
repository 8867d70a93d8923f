import type { FeedEvent } from '../schema/feed.js';
import { hash53 } from '../timeline/fingerprint.js';
import { deleted, FingerprintTable, type Printed } from './fingerprint-table.js';

/*
 * What the pipe has already printed, so that a reconnect, or a restarted server, replaying events
 * does not print them twice. Per entry (and per feed's blog) it keeps the 53-bit fingerprints of
 * the revisions printed, or a mark that the entry was deleted, under a 53-bit hash of the feed and
 * the entry id: two different ids would share one only by a chance far below one in a billion per
 * run, and even then only a delete of one could hide the other. Memory stays bounded: two
 * generations of at most `capacity / 2` entries each; when the newer fills up, the older is
 * forgotten. A replay older than that would print again, which only a server replaying hundreds
 * of thousands of events could cause.
 */

export const defaultCapacity = 400_000;

/** Per feed: entry ids, and a key no entry id can take for the blog's state. */
const blogKey = '\0blog';

function keyOf(event: FeedEvent): string {
  switch (event.event) {
    case 'entry':
    case 'update':
      return event.entry.id;
    case 'delete':
      return event.id;
    case 'blog':
      return blogKey;
  }
}

function includes(printed: Printed, fingerprint: number): boolean {
  if (typeof printed === 'number') return printed === fingerprint;
  return 'has' in printed ? printed.has(fingerprint) : printed.includes(fingerprint);
}

/** Past this many revisions of one entry, they move from an array to a set. */
const arrayRevisions = 8;

/** `printed` with `fingerprint` added; a set already owned by the newer generation grows in place. */
function withRevision(printed: Printed, fingerprint: number, owned: boolean): Printed {
  if (typeof printed === 'number') return [printed, fingerprint];
  if ('has' in printed) {
    const set = owned ? (printed as Set<number>) : new Set(printed);
    return set.add(fingerprint);
  }
  return printed.length < arrayRevisions ? [...printed, fingerprint] : new Set([...printed, fingerprint]);
}

export class PrintedMemory {
  private newer = new FingerprintTable();
  private older = new FingerprintTable(1);
  /** Each feed's hash seeds its keys' hashes, so equal ids in two feeds are different keys. */
  private readonly feedSeeds = new Map<string, number>();

  constructor(private readonly capacity = defaultCapacity) {}

  /**
   * True the first time an event is offered, false for a replay of any revision printed before
   * (and for entries deleted since). `payloadJson` is the event's JSON as printed: the pipe makes
   * it once for both the line and this check.
   */
  firstTime(feed: string, event: FeedEvent, payloadJson: string): boolean {
    const key = hash53(keyOf(event), this.seedOf(feed));
    let printed = this.newer.get(key);
    const inNewer = printed !== undefined;
    printed ??= this.older.get(key);
    if (printed === deleted) return false;
    let next: Printed;
    if (event.event === 'delete') next = deleted;
    else {
      const fingerprint = hash53(payloadJson);
      if (printed === undefined) next = fingerprint;
      else if (includes(printed, fingerprint)) return false;
      else next = withRevision(printed, fingerprint, inNewer);
    }
    // The newer generation takes every key it does not hold yet; when full, it becomes the older.
    if (!inNewer && this.newer.size >= this.capacity / 2) {
      this.older = this.newer;
      this.newer = new FingerprintTable();
    }
    this.newer.set(key, next);
    return true;
  }

  private seedOf(feed: string): number {
    let seed = this.feedSeeds.get(feed);
    if (seed === undefined) {
      seed = hash53(feed) % 4294967296;
      this.feedSeeds.set(feed, seed);
    }
    return seed;
  }
}
