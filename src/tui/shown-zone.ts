import { isValidTimeZone, sameOffsetNow, shownClock, zoneLabel, type ShownClock } from '../format/clock.js';
import type { FeedInfo } from '../timeline/timeline.js';

/*
 * Which zone the view shows times in: the reader's (`--tz`, the timeZone setting, the system's),
 * or, when the reader chose it with `z`, the newsroom's own (the blog's `tz`).
 */

/** The zone the blogs name, when they name one between them (one key cannot choose among several). */
export function newsroomZone(feeds: readonly FeedInfo[]): string | undefined {
  const named = new Set(feeds.flatMap((info) => (info.blog?.tz && isValidTimeZone(info.blog.tz) ? [info.blog.tz] : [])));
  return named.size === 1 ? [...named][0] : undefined;
}

export interface ZoneChoice {
  readonly clock: ShownClock;
  /** How the header names the zone shown (`Tokyo UTC+9`). */
  readonly label: string;
  readonly newsroom: { readonly label: string; readonly sameAsReader: boolean } | undefined;
}

export function chooseZone(readerZone: string | undefined, feeds: readonly FeedInfo[], newsroomTime: boolean, nowMs: number): ZoneChoice {
  const newsroomName = newsroomZone(feeds);
  const newsroom = newsroomName === undefined ? undefined : { label: zoneLabel(newsroomName, nowMs), sameAsReader: sameOffsetNow(newsroomName, readerZone, nowMs) };
  const showingNewsroom = newsroomTime && newsroomName !== undefined;
  const shown = showingNewsroom ? newsroomName : readerZone;
  const label = zoneLabel(shown, nowMs);
  return { clock: shownClock(shown, nowMs), label: showingNewsroom ? `${label} (newsroom)` : label, newsroom };
}
