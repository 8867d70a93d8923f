import type { Entry, FeedEvent } from '../../src/schema/feed.js';
import type { SourceSignal } from '../../src/schema/signal.js';
import { itemKey, type TimelineItem } from '../../src/timeline/timeline.js';
import { shownClock } from '../../src/format/clock.js';

/** An hour on the day makeEntry's entries are from: a clock for tests where they are today. */
export const storyDayMs = Date.parse('2026-11-25T18:00:00+09:00');
/** The clock to give the App: makeEntry's entries are today, so no dates show. */
export const storyNow = (): number => storyDayMs;
export const storyClock = (timeZone = 'Asia/Tokyo') => shownClock(timeZone, storyDayMs);

/** A valid entry at minute `minute` past 14:00 JST. */
export function makeEntry(id: string, minute: number, extra: Partial<Entry> = {}): Entry {
  const hours = 14 + Math.floor(minute / 60);
  const minutes = minute % 60;
  return {
    id,
    time: `2026-11-25T${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:00+09:00`,
    body: `本文${id}`,
    tags: [],
    ...extra,
  };
}

export function signal(feed: string, event: FeedEvent): SourceSignal {
  return { type: 'event', feed, event };
}

/** A timeline item of feed `f` holding `entry` as first published, timed by the entry. */
export function makeItem(entry: Entry, extra: Partial<TimelineItem> = {}): TimelineItem {
  const feed = extra.feed ?? 'f';
  return { key: itemKey(feed, entry.id), feed, entry, revision: 0, seq: 1, timeMs: Date.parse(entry.time), ...extra };
}
