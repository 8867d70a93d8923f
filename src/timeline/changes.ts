import type { Timeline, TimelineItem } from './timeline.js';

/*
 * What a newer version of a timeline holds that an older one did not. Versions share the chunks
 * a batch did not touch, so only the chunks that differ are read: the cost follows the batch,
 * not the timeline.
 */

/** Entries of `next` that arrived after `previous` was made (corrections are not arrivals), newest first. */
export function arrivalsSince(previous: Timeline, next: Timeline): TimelineItem[] {
  return changedSince(previous, next, (item) => item.seq > previous.seq);
}

/** Entries of `next` corrected or retracted after `previous` was made (new arrivals excluded), newest first. */
export function changesSince(previous: Timeline, next: Timeline): TimelineItem[] {
  return changedSince(previous, next, (item) => item.seq <= previous.seq && item.history !== undefined && item.history.changeSeq > previous.seq);
}

function changedSince(previous: Timeline, next: Timeline, keep: (item: TimelineItem) => boolean): TimelineItem[] {
  const found: TimelineItem[] = [];
  if (next.seq === previous.seq) return found;
  // A chunk both versions hold has no change in it.
  const unchanged = new Set(previous.order.chunks);
  for (let chunkIndex = next.order.chunks.length - 1; chunkIndex >= 0; chunkIndex -= 1) {
    const chunk = next.order.chunks[chunkIndex]!;
    if (unchanged.has(chunk)) continue;
    for (let index = chunk.length - 1; index >= 0; index -= 1) if (keep(chunk[index]!)) found.push(chunk[index]!);
  }
  return found;
}
