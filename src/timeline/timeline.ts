import type { Blog, Entry, FeedEvent } from '../schema/feed.js';
import type { ConnectionState, SourceSignal } from '../schema/signal.js';
import { entryFingerprint } from './fingerprint.js';
import { gapAfterState, isInside, type Gap } from './gap.js';
import { corrected, firstHistory, type History } from './history.js';
import { emptyItemIndex, findIn, ItemIndexDraft, type ItemIndex } from './item-index.js';
import { descending, emptySortedChunks, SortedChunksDraft, type SortedChunks } from './sorted-chunks.js';

/*
 * The timeline: every entry of every followed feed, ordered by entry time, plus what we know of
 * each feed. A pure reducer over batches of source signals; both faces (TUI and pipe) read it.
 * Entries are kept in persistent structures: a batch copies only the chunks and buckets it
 * touches, so a burst of events costs in proportion to the burst, not to the timeline, and a
 * Timeline value stays valid and unchanged after newer ones are derived from it.
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
  /** When the first revision was received, epoch ms. */
  readonly arrivedMs?: number;
  /** Earlier revisions and retraction (absent until the entry is corrected or retracted). */
  readonly history?: History | undefined;
}

/** A deleted entry stays in the timeline, retracted, so the reader sees where it stood and what it said. */
export function isRetracted(item: TimelineItem): boolean {
  return item.history?.retractedMs !== undefined;
}

export interface FeedInfo {
  readonly feed: string;
  readonly blog: Blog | undefined;
  readonly connection: ConnectionState;
  /** The backlog has arrived (the server said `ready`, or the input ended). */
  readonly ready: boolean;
  readonly invalid: number;
  readonly lastInvalid: string | undefined;
  /** The source's latest notice (how it works now, e.g. polling instead of streaming). */
  readonly notice?: string | undefined;
  /** The latest time the connection was down, once it has been up before. */
  readonly gap: Gap | undefined;
}

export { latestGap, type Gap } from './gap.js';

/** Outside src/timeline, read entries with getItem, hasItem, itemsNewestFirst and selectView rather than through these structures. */
export interface Timeline {
  /** Entries by feed and id. */
  readonly items: ItemIndex<TimelineItem>;
  /** The same entries by time, then arrival (seq), oldest first (appending is the common case). */
  readonly order: SortedChunks<TimelineItem>;
  /** How many entries there are. */
  readonly size: number;
  readonly feeds: ReadonlyMap<string, FeedInfo>;
  /** Keys of deleted entries, so a replayed original cannot bring one back (the entries stay, retracted). */
  readonly deleted: ReadonlySet<string>;
  readonly seq: number;
  readonly maxEntries: number | undefined;
}

export function emptyTimeline({ feeds = [] as readonly string[], maxEntries = undefined as number | undefined } = {}): Timeline {
  const infos = new Map<string, FeedInfo>();
  for (const feed of feeds) infos.set(feed, newFeedInfo(feed));
  return { items: emptyItemIndex(), order: emptySortedChunks(), size: 0, feeds: infos, deleted: new Set(), seq: 0, maxEntries };
}

export function getItem(timeline: Timeline, feed: string, id: string): TimelineItem | undefined {
  return findIn(timeline.items, feed, id);
}

export function itemsNewestFirst(timeline: Timeline): Iterable<TimelineItem> {
  return descending(timeline.order);
}

function newFeedInfo(feed: string): FeedInfo {
  return { feed, blog: undefined, connection: { status: 'connecting', attempt: 0 }, ready: false, invalid: 0, lastInvalid: undefined, gap: undefined };
}

export function itemKey(feed: string, id: string): string {
  return `${feed}\n${id}`;
}

/*
 * The key is made when asked for (the screen asks for the few entries it shows) rather than kept:
 * a string per entry is about a tenth of what 100,000 entries take.
 */
class Item implements TimelineItem {
  constructor(
    readonly feed: string,
    readonly entry: Entry,
    readonly revision: number,
    readonly seq: number,
    readonly timeMs: number,
    readonly arrivedMs: number,
    readonly history: History | undefined,
  ) {}

  get key(): string {
    return itemKey(this.feed, this.entry.id);
  }
}

function isBefore(a: TimelineItem, b: TimelineItem): boolean {
  return a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);
}

/** Working copy for one batch: mutated freely, frozen into a new Timeline at the end. */
class Draft {
  readonly items: ItemIndexDraft<TimelineItem>;
  readonly order: SortedChunksDraft<TimelineItem>;
  readonly feeds: Map<string, FeedInfo>;
  deleted: Set<string> | undefined;
  seq: number;
  changed = false;

  constructor(
    readonly base: Timeline,
    readonly nowMs: number,
  ) {
    this.items = new ItemIndexDraft(base.items);
    this.order = new SortedChunksDraft(base.order, isBefore);
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

  isDeleted(feed: string, id: string): boolean {
    const deleted = this.deleted ?? this.base.deleted;
    return deleted.size > 0 && deleted.has(itemKey(feed, id));
  }

  insert(item: TimelineItem): void {
    this.items.set(item);
    this.order.insert(item);
    this.changed = true;
  }

  remove(item: TimelineItem): void {
    this.items.delete(item.feed, item.entry.id);
    this.order.remove(item);
    this.changed = true;
  }

  upsert(feed: string, entry: Entry, isCorrection: boolean): void {
    if (this.isDeleted(feed, entry.id)) return;
    const existing = this.items.get(feed, entry.id);
    if (!existing) {
      this.seq += 1;
      const item = new Item(feed, entry, isCorrection ? 1 : 0, this.seq, Date.parse(entry.time), this.nowMs, undefined);
      this.noteNewEntry(feed, item.timeMs, isCorrection);
      this.insert(item);
      return;
    }
    const fingerprint = entryFingerprint(entry);
    // A replay (after a reconnect, or from a restarted server) of a revision already shown.
    if (existing.history ? existing.history.seen.has(fingerprint) : fingerprint === entryFingerprint(existing.entry)) return;
    this.seq += 1;
    const history = corrected(this.historyOf(existing), entry, fingerprint, this.nowMs, this.seq);
    this.replace(existing, new Item(feed, entry, existing.revision + 1, existing.seq, Date.parse(entry.time), existing.arrivedMs ?? this.nowMs, history));
  }

  private historyOf(item: TimelineItem): History {
    return item.history ?? firstHistory({ entry: item.entry, arrivedMs: item.arrivedMs ?? this.nowMs }, entryFingerprint(item.entry), this.seq);
  }

  private replace(existing: TimelineItem, item: TimelineItem): void {
    if (existing.timeMs === item.timeMs) {
      this.items.set(item);
      this.order.replace(existing, item);
      this.changed = true;
    } else {
      this.remove(existing);
      this.insert(item);
    }
  }

  private retract(existing: TimelineItem): void {
    this.seq += 1;
    const history = { ...this.historyOf(existing), retractedMs: this.nowMs, changeSeq: this.seq };
    this.replace(existing, new Item(existing.feed, existing.entry, existing.revision, existing.seq, existing.timeMs, existing.arrivedMs ?? this.nowMs, history));
  }

  /** Counts an entry caught up after a reconnect, and spots entries the server could not replay. */
  private noteNewEntry(feed: string, timeMs: number, isCorrection: boolean): void {
    const { gap, ready } = this.feed(feed);
    if (gap === undefined) return;
    const lost = isCorrection && isInside(gap, timeMs);
    if (gap.catchingUp) {
      // A server that has said `ready` before will say it again: until then all is replay. Only
      // on hubs without it does the entry's date have to tell replay from live.
      const live = !ready && gap.to !== undefined && timeMs > gap.to;
      this.setFeed(feed, { gap: { ...gap, caughtUp: gap.caughtUp + (live ? 0 : 1), catchingUp: !live, incomplete: gap.incomplete || lost } });
    } else if (lost) {
      this.setFeed(feed, { gap: { ...gap, incomplete: true } });
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
        const existing = this.items.get(feed, event.id);
        if (existing && !isRetracted(existing)) this.retract(existing);
        this.changed = true;
        break;
      }
      case 'blog':
        this.setFeed(feed, { blog: event.blog });
        break;
    }
  }

  /** Drops the oldest entries past `maxEntries`. */
  trim(maxEntries: number | undefined): void {
    if (maxEntries === undefined) return;
    for (const item of this.order.dropFirst(this.order.size - maxEntries)) this.items.delete(item.feed, item.entry.id);
  }

  freeze(): Timeline {
    const order = this.order.freeze();
    return {
      items: this.items.freeze(),
      order,
      size: order.size,
      feeds: this.feeds,
      deleted: this.deleted ?? this.base.deleted,
      seq: this.seq,
      maxEntries: this.base.maxEntries,
    };
  }
}

/** Applies a batch of source signals, received at `nowMs`. Returns the same object when nothing changed. */
export function applySignals(timeline: Timeline, signals: readonly SourceSignal[], nowMs = Date.now()): Timeline {
  if (signals.length === 0) return timeline;
  const draft = new Draft(timeline, nowMs);
  for (const signal of signals) {
    switch (signal.type) {
      case 'event':
        if (!draft.feeds.has(signal.feed)) draft.setFeed(signal.feed, {});
        draft.apply(signal.feed, signal.event);
        break;
      case 'ready': {
        const gap = draft.feed(signal.feed).gap;
        draft.setFeed(signal.feed, { ready: true, gap: gap?.catchingUp ? { ...gap, catchingUp: false } : gap });
        break;
      }
      case 'invalid': {
        const info = draft.feed(signal.feed);
        draft.setFeed(signal.feed, { invalid: info.invalid + 1, lastInvalid: signal.reason });
        break;
      }
      case 'notice':
        draft.setFeed(signal.feed, { notice: signal.text });
        break;
      case 'state': {
        const info = draft.feed(signal.feed);
        draft.setFeed(signal.feed, { connection: signal.state, gap: gapAfterState(info.gap, info.connection, signal.state) });
        break;
      }
    }
  }
  if (!draft.changed) return timeline;
  draft.trim(timeline.maxEntries);
  return draft.freeze();
}
