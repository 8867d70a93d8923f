import { escapeUnsafeJson } from './safe-json.js';
import { isFeedEventName, validateEvent, eventPayload, type FeedEvent, type Validated } from './feed.js';

/*
 * NDJSON lines: `{"event": "...", "feed": "...", ...payload}` (design.md section 3).
 * What the follower prints in a pipe, and what `serve` and `-` read.
 */

export interface NdjsonEvent {
  readonly feed: string | undefined;
  readonly event: FeedEvent;
}

export function parseNdjsonLine(line: string): Validated<NdjsonEvent> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, error: 'not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'not a JSON object' };
  }
  const { event: name = 'entry', feed, ...payload } = value as Record<string, unknown>;
  if (typeof name !== 'string' || !isFeedEventName(name)) {
    return { ok: false, error: `unknown event ${JSON.stringify(name)}` };
  }
  if (feed !== undefined && typeof feed !== 'string') {
    return { ok: false, error: 'feed: expected string' };
  }
  const validated = validateEvent(name, payload);
  return validated.ok ? { ok: true, value: { feed, event: validated.value } } : validated;
}

/** The prefix of the last line made: a pipe's lines come from one feed, or a few in turns. */
let lastPrefix = { feed: '', name: '', prefix: '' };

/**
 * One NDJSON line from an event's payload JSON, already passed through `escapeUnsafeJson` (the
 * pipe escapes once, for its fingerprint and the line both: a second scan cost a tenth of
 * ingest). Built by splicing the payload after a `{"event":…,"feed":…,` prefix: spreading the
 * payload into a new object first costs more than the stringify itself at ingest rates.
 */
export function ndjsonLine(feed: string, name: FeedEvent['event'], escapedPayloadJson: string): string {
  const prefix = linePrefix(feed, name);
  return escapedPayloadJson === '{}' ? `${prefix}}` : `${prefix},${escapedPayloadJson.slice(1)}`;
}

function linePrefix(feed: string, name: FeedEvent['event']): string {
  if (lastPrefix.feed !== feed || lastPrefix.name !== name) {
    lastPrefix = { feed, name, prefix: `{"event":${JSON.stringify(name)},"feed":${escapeUnsafeJson(JSON.stringify(feed))}` };
  }
  return lastPrefix.prefix;
}

/**
 * The payload JSON text `ndjsonLine` spliced into `line` (as escaped there), for reading back what
 * livetail wrote; undefined for a line it did not make.
 */
export function ndjsonLinePayload(line: string, feed: string, name: FeedEvent['event']): string | undefined {
  const prefix = linePrefix(feed, name);
  if (!line.startsWith(prefix)) return undefined;
  const rest = line.slice(prefix.length);
  if (rest === '}') return '{}';
  return rest.startsWith(',') ? `{${rest.slice(1)}` : undefined;
}

export function formatNdjsonLine(feed: string, event: FeedEvent): string {
  return ndjsonLine(feed, event.event, escapeUnsafeJson(JSON.stringify(eventPayload(event))));
}
