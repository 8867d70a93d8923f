import type { FeedEvent } from '../schema/feed.js';
import { hash53 } from '../timeline/fingerprint.js';

/*
 * What the pipe has already printed, so that a reconnect, or a restarted server, replaying events
 * does not print them twice. Per entry (and per feed's blog) it keeps the 53-bit fingerprints of
 * the revisions printed, or a mark that the entry was deleted. Memory stays bounded: two
 * generations of at most `capacity / 2` entries each; when the newer fills up, the older is
 * forgotten. A replay older than that would print again, which only a server replaying hundreds
 * of thousands of events could cause.
 */

export const defaultCapacity = 400_000;

const deleted = -1;
type Printed = number | readonly number[];

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
  return typeof printed === 'number' ? printed === fingerprint : printed.includes(fingerprint);
}

type Generation = Map<string, Map<string, Printed>>;

export class PrintedMemory {
  private newer: Generation = new Map();
  private older: Generation = new Map();
  private newerSize = 0;

  constructor(private readonly capacity = defaultCapacity) {}

  /**
   * True the first time an event is offered, false for a replay of any revision printed before
   * (and for entries deleted since). `payloadJson` is the event's JSON as printed: the pipe makes
   * it once for both the line and this check.
   */
  firstTime(feed: string, event: FeedEvent, payloadJson: string): boolean {
    const key = keyOf(event);
    let ids = this.newer.get(feed);
    let printed = ids?.get(key);
    const inNewer = printed !== undefined;
    printed ??= this.older.get(feed)?.get(key);
    if (printed === deleted) return false;
    let next: Printed;
    if (event.event === 'delete') next = deleted;
    else {
      const fingerprint = hash53(payloadJson);
      if (printed === undefined) next = fingerprint;
      else if (includes(printed, fingerprint)) return false;
      else next = [...(typeof printed === 'number' ? [printed] : printed), fingerprint];
    }
    // The newer generation takes every key it does not hold yet; when full, it becomes the older.
    if (!inNewer && this.newerSize >= this.capacity / 2) {
      this.older = this.newer;
      this.newer = new Map();
      this.newerSize = 0;
      ids = undefined;
    }
    if (ids === undefined) {
      ids = new Map<string, Printed>();
      this.newer.set(feed, ids);
    }
    if (!inNewer) this.newerSize += 1;
    ids.set(key, next);
    return true;
  }
}
