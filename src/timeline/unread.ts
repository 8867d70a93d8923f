import type { ItemList } from './item-list.js';
import type { TimelineItem } from './timeline.js';

/*
 * Unread entries, per feed. A read mark is the newest entry (by time) the reader has had on
 * screen in a feed; entries newer than the mark are unread. Marks are kept across sessions, so
 * a reopened feed shows what came in meanwhile. A feed never seen before has no mark and
 * nothing in it counts as unread: a first visit is not a backlog of chores. Within a session an
 * entry stops being unread once it is read (its key in `read`): what counts as read is the
 * screen's business (see use-read-marks).
 */

export interface ReadMark {
  readonly timeMs: number;
  readonly id: string;
}

export type ReadMarks = ReadonlyMap<string, ReadMark>;

const nothingRead: ReadonlySet<string> = new Set();

export function isUnread(item: TimelineItem, marks: ReadMarks, read: ReadonlySet<string> = nothingRead): boolean {
  const mark = marks.get(item.feed);
  return mark !== undefined && item.timeMs > mark.timeMs && !read.has(item.key);
}

export function countUnread(items: ItemList, marks: ReadMarks, read: ReadonlySet<string> = nothingRead): number {
  if (marks.size === 0) return 0;
  let count = 0;
  items.forEach((item) => {
    if (isUnread(item, marks, read)) count += 1;
  });
  return count;
}

/** Index of the oldest unread entry in the newest-first list, or -1 when nothing is unread. */
export function oldestUnreadIndex(items: ItemList, marks: ReadMarks, read: ReadonlySet<string> = nothingRead): number {
  if (marks.size === 0) return -1;
  for (let index = items.length - 1; index >= 0; index -= 1) {
    if (isUnread(items.at(index)!, marks, read)) return index;
  }
  return -1;
}

/** Moves each feed's mark up to the newest of `seen`; the same map when nothing moved. */
export function advanceMarks(marks: ReadMarks, seen: Iterable<TimelineItem>): ReadMarks {
  let next: Map<string, ReadMark> | undefined;
  for (const item of seen) {
    const mark = (next ?? marks).get(item.feed);
    if (mark !== undefined && mark.timeMs >= item.timeMs) continue;
    next ??= new Map(marks);
    next.set(item.feed, { timeMs: item.timeMs, id: item.entry.id });
  }
  return next ?? marks;
}
