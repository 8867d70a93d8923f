import type { FeedEvent } from '../schema/feed.js';
import { hash53 } from '../timeline/fingerprint.js';

/*
 * What the pipe has already printed, so that a reconnect, or a restarted server, replaying events
 * does not print them twice. One 53-bit fingerprint per printed revision of an entry (feed, id
 * and content), per deleted entry and per blog state. Memory stays bounded: two generations of
 * at most `capacity / 2` fingerprints each; when the newer fills up, the older is forgotten. A
 * replay older than that would print again, which only a server replaying hundreds of thousands
 * of events could cause.
 */

export const defaultCapacity = 400_000;

function fingerprint(feed: string, event: FeedEvent): number {
  switch (event.event) {
    case 'entry':
    case 'update':
      // An update identical to what was printed says nothing new either.
      return hash53(`${feed}\n${event.entry.id}\n${JSON.stringify(event.entry)}`);
    case 'delete':
      return deletedFingerprint(feed, event.id);
    case 'blog':
      return hash53(`${feed}\n\0blog\n${JSON.stringify(event.blog)}`);
  }
}

function deletedFingerprint(feed: string, id: string): number {
  return hash53(`${feed}\n${id}\n\0deleted`);
}

export class PrintedMemory {
  private newer = new Set<number>();
  private older = new Set<number>();

  constructor(private readonly capacity = defaultCapacity) {}

  /** True the first time an event is offered, false for a replay (and for entries deleted since). */
  firstTime(feed: string, event: FeedEvent): boolean {
    if ((event.event === 'entry' || event.event === 'update') && this.has(deletedFingerprint(feed, event.entry.id))) return false;
    const print = fingerprint(feed, event);
    if (this.has(print)) return false;
    if (this.newer.size >= this.capacity / 2) {
      this.older = this.newer;
      this.newer = new Set();
    }
    this.newer.add(print);
    return true;
  }

  private has(print: number): boolean {
    return this.newer.has(print) || this.older.has(print);
  }
}
