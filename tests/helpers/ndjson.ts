import type { FeedEvent } from '../../src/schema/feed.js';
import { parseNdjsonLine } from '../../src/schema/ndjson.js';

/** The events of NDJSON output, validated and normalised, without the feed label. */
export function ndjsonEvents(ndjson: string): FeedEvent[] {
  return ndjson
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const parsed = parseNdjsonLine(line);
      if (!parsed.ok) throw new Error(`bad line ${line}: ${parsed.error}`);
      return parsed.value.event;
    });
}

/** The ids of the entries (not updates) in NDJSON output, in order. */
export function ndjsonEntryIds(ndjson: string): string[] {
  return ndjsonEvents(ndjson).flatMap((event) => (event.event === 'entry' ? [event.entry.id] : []));
}
