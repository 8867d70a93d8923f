import type { Blog, Entry, FeedEvent } from '../schema/feed.js';
import type { ConnectionState, SourceSignal } from '../sources/source.js';

/*
 * The timeline: every entry of every followed feed, ordered by entry time, plus what we know of
 * each feed. A pure reducer over batches of source signals; both faces (TUI and pipe) read it.
 * A batch copies the containers once, so a burst of thousands of events costs one copy.
 */

export interface TimelineItem {
  /** Unique across feeds: entry ids are only unique within a feed. */
  readonly key: string;
  readonly feed: string;
  readonly entry: Entry;
  /** 0 as first published; each accepted correction adds one. */
  readonly revision: number;
  /** Arrival order across the whole timeline; breaks ties between equal times. */
  readonly seq: number;
  readonly timeMs: number;
}

export interface FeedInfo {
  readonly feed: string;
  readonly blog: Blog | undefined;
  readonly connection: ConnectionState;
  /** The backlog has arrived (the server said `ready`, or the input ended). */
  readonly ready: boolean;
  readonly invalid: number;
  readonly lastInvalid: string | undefined;
}

export interface Timeline {
  readonly items: ReadonlyMap<string, TimelineItem>;
  /** Keys, oldest first (appending is the common case). */
  readonly order: readonly string[];
  readonly feeds: ReadonlyMap<string, FeedInfo>;
  /** Keys of deleted entries, so a replayed original cannot bring one back. */
  readonly deleted: ReadonlySet<string>;
  readonly seq: number;
  readonly maxEntries: number | undefined;
}

export function emptyTimeline({ feeds = [] as readonly string[], maxEntries = undefined as number | undefined } = {}): Timeline {
  const infos = new Map<string, FeedInfo>();
  for (const feed of feeds) infos.set(feed, newFeedInfo(feed));
  return { items: new Map(), order: [], feeds: infos, deleted: new Set(), seq: 0, maxEntries };
}

function newFeedInfo(feed: string): FeedInfo {
  return { feed, blog: undefined, connection: { status: 'connecting', attempt: 0 }, ready: false, invalid: 0, lastInvalid: undefined };
}

export function itemKey(feed: string, id: string): string {
  return `${feed}\n${id}`;
}

function sameEntry(a: Entry, b: Entry): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

function isBefore(a: TimelineItem, b: TimelineItem): boolean {
  return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);
}

/** Working copy for one batch: mutated freely, frozen into a new Timeline at the end. */
class Draft {
  readonly items: Map<string, TimelineItem>;
  order: string[];
  readonly feeds: Map<string, FeedInfo>;
  deleted: Set<string> | undefined;
  seq: number;
  changed = false;

  constructor(readonly base: Timeline) {
    this.items = new Map(base.items);
    this.order = [...base.order];
    this.feeds = new Map(base.feeds);
    this.seq = base.seq;
  }

  feed(feed: string): FeedInfo {
    return this.feeds.get(feed) ?? newFeedInfo(feed);
  }

  setFeed(feed: string, change: Partial<FeedInfo>): void {
    this.feeds.set(feed, { ...this.feed(feed), ...change });
    this.changed = true;
  }

  isDeleted(key: string): boolean {
    return (this.deleted ?? this.base.deleted).has(key);
  }

  insert(item: TimelineItem): void {
    this.items.set(item.key, item);
    const order = this.order;
    const last = order.length > 0 ? this.items.get(order[order.length - 1]!) : undefined;
    if (last === undefined || isBefore(last, item)) {
      order.push(item.key);
    } else {
      let low = 0;
      let high = order.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (isBefore(this.items.get(order[middle]!)!, item)) low = middle + 1;
        else high = middle;
      }
      order.splice(low, 0, item.key);
    }
    this.changed = true;
  }

  remove(key: string): void {
    this.items.delete(key);
    const index = this.order.lastIndexOf(key);
    if (index !== -1) this.order.splice(index, 1);
    this.changed = true;
  }

  upsert(feed: string, entry: Entry, isCorrection: boolean): void {
    const key = itemKey(feed, entry.id);
    if (this.isDeleted(key)) return;
    const existing = this.items.get(key);
    if (existing && sameEntry(existing.entry, entry)) return;
    this.seq += 1;
    const item: TimelineItem = {
      key,
      feed,
      entry,
      revision: existing ? existing.revision + 1 : isCorrection ? 1 : 0,
      seq: existing ? existing.seq : this.seq,
      timeMs: Date.parse(entry.time),
    };
    if (existing && existing.timeMs === item.timeMs) {
      this.items.set(key, item);
      this.changed = true;
    } else {
      if (existing) this.remove(key);
      this.insert(item);
    }
  }

  apply(feed: string, event: FeedEvent): void {
    switch (event.event) {
      case 'entry':
        this.upsert(feed, event.entry, false);
        break;
      case 'update':
        this.upsert(feed, event.entry, true);
        break;
      case 'delete': {
        const key = itemKey(feed, event.id);
        this.deleted ??= new Set(this.base.deleted);
        this.deleted.add(key);
        if (this.items.has(key)) this.remove(key);
        this.changed = true;
        break;
      }
      case 'blog':
        this.setFeed(feed, { blog: event.blog });
        break;
    }
  }

  trim(maxEntries: number | undefined): void {
    if (maxEntries === undefined || this.order.length <= maxEntries) return;
    const excess = this.order.length - maxEntries;
    for (const key of this.order.slice(0, excess)) this.items.delete(key);
    this.order = this.order.slice(excess);
  }
}

/** Applies a batch of source signals. Returns the same object when nothing changed. */
export function applySignals(timeline: Timeline, signals: readonly SourceSignal[]): Timeline {
  if (signals.length === 0) return timeline;
  const draft = new Draft(timeline);
  for (const signal of signals) {
    switch (signal.type) {
      case 'event':
        if (!draft.feeds.has(signal.feed)) draft.setFeed(signal.feed, {});
        draft.apply(signal.feed, signal.event);
        break;
      case 'ready':
        draft.setFeed(signal.feed, { ready: true });
        break;
      case 'invalid': {
        const info = draft.feed(signal.feed);
        draft.setFeed(signal.feed, { invalid: info.invalid + 1, lastInvalid: signal.reason });
        break;
      }
      case 'state':
        draft.setFeed(signal.feed, { connection: signal.state });
        break;
    }
  }
  if (!draft.changed) return timeline;
  draft.trim(timeline.maxEntries);
  return {
    items: draft.items,
    order: draft.order,
    feeds: draft.feeds,
    deleted: draft.deleted ?? timeline.deleted,
    seq: draft.seq,
    maxEntries: timeline.maxEntries,
  };
}
