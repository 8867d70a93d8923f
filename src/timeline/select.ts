import type { Entry } from '../schema/feed.js';
import { carriesAnyTag, followedTopicOf, isMuted, labelKey } from './follow.js';
import { ChunkedItems, toArray, type ItemList } from './item-list.js';
import { matchesQuery } from './search.js';
import { isRetracted, itemsNewestFirst, type FeedInfo, type Timeline, type TimelineItem } from './timeline.js';

export interface Filter {
  /** Keep entries carrying any of these tags; empty keeps everything. */
  readonly tags: readonly string[];
  /** Keep entries at or after this time (epoch ms). */
  readonly since?: number | undefined;
  /** Keep entries whose headline, body, tags or captions contain this (see search.ts). */
  readonly query?: string | undefined;
  /** Keep only entries matching one of these followed topics (`F`, `--followed`). */
  readonly followed?: readonly string[] | undefined;
  /** Keep only key events (`K`). */
  readonly keyOnly?: boolean | undefined;
  /** Leave out the lines of retracted entries (the `hideRetracted` setting, `R`). */
  readonly hideRetracted?: boolean | undefined;
}

export function matchesFilter(entry: Entry, filter: Filter): boolean {
  if (filter.since !== undefined && Date.parse(entry.time) < filter.since) return false;
  // Tags match as the picker matches them, ignoring case and full/half width (`--tag ＭＤ`).
  if (filter.tags.length > 0 && !carriesAnyTag(entry, filter.tags)) return false;
  if (filter.query !== undefined && !matchesQuery(entry, filter.query)) return false;
  if (filter.followed !== undefined && followedTopicOf(entry, filter.followed) === undefined) return false;
  if (filter.keyOnly === true && entry.key !== true) return false;
  return true;
}

function keeps(item: TimelineItem, filter: Filter): boolean {
  return matchesFilter(item.entry, filter) && !(filter.hideRetracted === true && isRetracted(item));
}

/** True when the filter can drop anything. */
export function isFiltering(filter: Filter): boolean {
  return (
    filter.tags.length > 0 ||
    filter.since !== undefined ||
    (filter.query ?? '').trim() !== '' ||
    filter.followed !== undefined ||
    filter.keyOnly === true ||
    filter.hideRetracted === true
  );
}

/** Entries to show, newest first. */
export function selectVisible(timeline: Timeline, filter: Filter): TimelineItem[] {
  return toArray(selectView(timeline, filter, []).items);
}

export interface TimelineView {
  /** Entries to show, newest first. */
  readonly items: ItemList;
  /** Entries the filter hides (muted ones not counted). */
  readonly hidden: number;
  /** Entries hidden because they carry a muted tag. */
  readonly muted: number;
}

interface ChunkSelection {
  readonly items: readonly TimelineItem[];
  readonly hidden: number;
  readonly muted: number;
  readonly filter: Filter;
  readonly mutedTags: readonly string[];
}

/*
 * A chunk of the timeline never changes once a timeline holds it, and a batch replaces only the
 * chunks it touches: what the current filter keeps of each chunk is remembered with the chunk,
 * so a frame filters only the chunks the last batch replaced.
 */
const selections = new WeakMap<readonly TimelineItem[], ChunkSelection>();

function selectChunk(chunk: readonly TimelineItem[], filter: Filter, mutedTags: readonly string[]): ChunkSelection {
  const known = selections.get(chunk);
  if (
    known !== undefined &&
    known.mutedTags === mutedTags &&
    known.filter.tags === filter.tags &&
    known.filter.since === filter.since &&
    known.filter.query === filter.query &&
    known.filter.followed === filter.followed &&
    known.filter.keyOnly === filter.keyOnly &&
    known.filter.hideRetracted === filter.hideRetracted
  ) {
    return known;
  }
  const items: TimelineItem[] = [];
  let hidden = 0;
  let muted = 0;
  for (const item of chunk) {
    if (isMuted(item.entry, mutedTags)) muted += 1;
    else if (keeps(item, filter)) items.push(item);
    else hidden += 1;
  }
  const selection = { items, hidden, muted, filter, mutedTags };
  selections.set(chunk, selection);
  return selection;
}

/** The entries to show under a filter and mutes, with what each of them hides. */
export function selectView(timeline: Timeline, filter: Filter, mutedTags: readonly string[]): TimelineView {
  const { chunks } = timeline.order;
  if (!isFiltering(filter) && mutedTags.length === 0) return { items: new ChunkedItems(chunks), hidden: 0, muted: 0 };
  const parts: (readonly TimelineItem[])[] = [];
  let hidden = 0;
  let muted = 0;
  for (const chunk of chunks) {
    const selection = selectChunk(chunk, filter, mutedTags);
    if (selection.items.length > 0) parts.push(selection.items);
    hidden += selection.hidden;
    muted += selection.muted;
  }
  return { items: new ChunkedItems(parts), hidden, muted };
}

export interface TagCount {
  readonly tag: string;
  readonly count: number;
}

/** Every tag in the timeline with how many entries carry it: most used first, then by name. */
export function tagCounts(timeline: Timeline): TagCount[] {
  const counts = new Map<string, number>();
  for (const item of itemsNewestFirst(timeline)) {
    for (const tag of new Set(item.entry.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  }
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}

/** Entries carrying `tag` that no other of `mutedTags` hides: what muting or unmuting `tag` changes. */
export function countMutedOnlyBy(timeline: Timeline, tag: string, mutedTags: readonly string[]): number {
  const wanted = [tag];
  const others = mutedTags.filter((muted) => labelKey(muted) !== labelKey(tag));
  let count = 0;
  for (const item of itemsNewestFirst(timeline)) if (carriesAnyTag(item.entry, wanted) && !isMuted(item.entry, others)) count += 1;
  return count;
}

export interface TimelineSummary {
  readonly entries: number;
  readonly hidden: number;
  readonly invalid: number;
  readonly lastInvalid: string | undefined;
  /** The latest notice of any source. */
  readonly notice: string | undefined;
  readonly ended: boolean;
  readonly title: string | undefined;
}

export function summarize(timeline: Timeline, visibleCount: number): TimelineSummary {
  const feeds = [...timeline.feeds.values()];
  const blogs = feeds.map((info) => info.blog).filter((blog) => blog !== undefined);
  const invalid = feeds.reduce((sum, info) => sum + info.invalid, 0);
  const lastInvalid = feeds.findLast((info: FeedInfo) => info.lastInvalid !== undefined)?.lastInvalid;
  return {
    entries: timeline.size,
    hidden: timeline.size - visibleCount,
    invalid,
    lastInvalid,
    notice: feeds.findLast((info: FeedInfo) => info.notice !== undefined)?.notice,
    ended: blogs.length > 0 && blogs.every((blog) => blog.status === 'ended'),
    title: blogs[0]?.title,
  };
}
