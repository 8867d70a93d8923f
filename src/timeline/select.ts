import type { Entry } from '../schema/feed.js';
import type { FeedInfo, Timeline, TimelineItem } from './timeline.js';

export interface Filter {
  /** Keep entries carrying any of these tags; empty keeps everything. */
  readonly tags: readonly string[];
  /** Keep entries at or after this time (epoch ms). */
  readonly since?: number | undefined;
}

export const noFilter: Filter = { tags: [] };

export function matchesFilter(entry: Entry, filter: Filter): boolean {
  if (filter.since !== undefined && Date.parse(entry.time) < filter.since) return false;
  if (filter.tags.length === 0) return true;
  return entry.tags.some((tag) => filter.tags.includes(tag));
}

/** Entries to show, newest first. */
export function selectVisible(timeline: Timeline, filter: Filter): TimelineItem[] {
  const visible: TimelineItem[] = [];
  for (let index = timeline.order.length - 1; index >= 0; index -= 1) {
    const item = timeline.items.get(timeline.order[index]!)!;
    if (matchesFilter(item.entry, filter)) visible.push(item);
  }
  return visible;
}

export interface TimelineSummary {
  readonly entries: number;
  readonly hidden: number;
  readonly invalid: number;
  readonly lastInvalid: string | undefined;
  readonly ended: boolean;
  readonly title: string | undefined;
}

export function summarize(timeline: Timeline, visibleCount: number): TimelineSummary {
  const feeds = [...timeline.feeds.values()];
  const blogs = feeds.map((info) => info.blog).filter((blog) => blog !== undefined);
  const invalid = feeds.reduce((sum, info) => sum + info.invalid, 0);
  const lastInvalid = feeds.findLast((info: FeedInfo) => info.lastInvalid !== undefined)?.lastInvalid;
  return {
    entries: timeline.order.length,
    hidden: timeline.order.length - visibleCount,
    invalid,
    lastInvalid,
    ended: blogs.length > 0 && blogs.every((blog) => blog.status === 'ended'),
    title: blogs[0]?.title,
  };
}
