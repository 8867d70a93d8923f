import type { SourceSignal } from '../schema/signal.js';
import { getItem, type Timeline, type TimelineItem } from './timeline.js';

/*
 * What one batch of signals did to a timeline: which of its entries are new and which were
 * corrected or retracted. Read from the batch itself, so the cost follows the batch, not the
 * timeline; an event the timeline dropped (a replay, an entry trimmed at once) is in neither.
 */

export interface BatchChanges {
  /** Entries that arrived with the batch (corrections of them included), newest first. */
  readonly arrivals: readonly TimelineItem[];
  /** Entries the timeline held before that the batch corrected or retracted, newest first. */
  readonly changes: readonly TimelineItem[];
}

/** What `batch`, applied to `previous`, made of its entries in `next`. */
export function batchChanges(previous: Timeline, next: Timeline, batch: readonly SourceSignal[]): BatchChanges {
  const arrivals = new Map<string, TimelineItem>();
  const changes = new Map<string, TimelineItem>();
  if (next.seq === previous.seq) return { arrivals: [], changes: [] };
  for (const signal of batch) {
    if (signal.type !== 'event') continue;
    const event = signal.event;
    const id = event.event === 'delete' ? event.id : event.event === 'blog' ? undefined : event.entry.id;
    if (id === undefined) continue;
    const item = getItem(next, signal.feed, id);
    if (item === undefined) continue;
    if (item.seq > previous.seq) arrivals.set(item.key, item);
    else if (item.history !== undefined && item.history.changeSeq > previous.seq) changes.set(item.key, item);
  }
  return { arrivals: newestFirst(arrivals), changes: newestFirst(changes) };
}

function newestFirst(items: Map<string, TimelineItem>): TimelineItem[] {
  return [...items.values()].sort((a, b) => b.timeMs - a.timeMs || b.seq - a.seq);
}
