import type { ItemList } from './item-list.js';
import type { TimelineItem } from './timeline.js';

/*
 * Unread entries, per feed. A read mark is the newest entry (by time) the reader has had on
 * screen in a feed; entries newer than the mark are unread. Marks are kept across sessions, so
 * a reopened feed shows what came in meanwhile. A feed never seen before has no mark and
 * nothing in it counts as unread: a first visit is not a backlog of chores.
 */

export interface ReadMark {
  readonly timeMs: number;
  readonly id: string;
}

export type ReadMarks = ReadonlyMap<string, ReadMark>;

export function isUnread(item: TimelineItem, marks: ReadMarks): boolean {
  const mark = marks.get(item.feed);
  return mark !== undefined && item.timeMs > mark.timeMs;
}

export function countUnread(items: ItemList, marks: ReadMarks): number {
  if (marks.size === 0) return 0;
  let count = 0;
  items.forEach((item) => {
    if (isUnread(item, marks)) count += 1;
  });
  return count;
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
