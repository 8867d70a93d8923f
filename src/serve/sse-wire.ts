import { eventPayload, type FeedEvent } from '../schema/feed.js';
import { safeJsonStringify } from '../schema/safe-json.js';
import { followerEventLimit } from '../sources/sse-parser.js';

/*
 * The bytes `livetail serve` writes (design.md section 3). Pure string builders, no I/O.
 *
 *   id: 42
 *   event: entry
 *   data: {"id":"e1",...}
 *   <blank line>
 *
 * SSE treats CR, LF and CRLF as line ends, so a payload that carries any of them is split over
 * several `data:` lines (a client joins them back with "\n"). Our payloads are single-line JSON,
 * but the formatter never relies on that.
 */

const LINE_BREAK = /\r\n|\r|\n/;
const DATA_FIELD = 'data: ';

/** The JSON object an event carries on the wire. */
export function eventData(event: FeedEvent): string {
  return safeJsonStringify(eventPayload(event));
}

/**
 * Whether a follower takes an event with this payload: its parser drops an event whose data, as
 * it joins the `data:` lines (one line break between two), is longer than its limit. A line is
 * allowed `data: ` on top of that, so the line limit never binds first.
 */
export function followersAccept(data: string): boolean {
  if (data.length <= followerEventLimit) return true;
  // CRLF line ends come back as one LF each, so a payload may shrink on the way.
  const lines = data.split(LINE_BREAK);
  return lines.reduce((sum, line) => sum + line.length, lines.length - 1) <= followerEventLimit;
}

/** Formats one event block. `cursor` becomes `id:`, `name` becomes `event:`. */
export function formatSseEvent(cursor: number, name: string, data: string): string {
  if (!Number.isSafeInteger(cursor) || cursor < 0) {
    throw new RangeError(`SSE cursor must be a non-negative integer, got ${String(cursor)}`);
  }
  if (name === '' || LINE_BREAK.test(name)) {
    throw new TypeError(`SSE event name must be a non-empty single line, got ${JSON.stringify(name)}`);
  }
  return `id: ${cursor}\nevent: ${name}\n${formatDataLines(data)}\n`;
}

/** `data: ...` lines (each ending in "\n") for a payload; an empty payload is one empty `data:`. */
export function formatDataLines(data: string): string {
  let out = '';
  for (const line of data.split(LINE_BREAK)) out += `${DATA_FIELD}${line}\n`;
  return out;
}

/** Sent once per connection after the backlog: "you are now live". Carries no `id:`. */
export const SSE_READY = 'event: ready\ndata: {}\n\n';

/** A comment block; clients ignore it, proxies see traffic. */
export const SSE_KEEPALIVE = ': keepalive\n\n';

/** Default reconnection delay advertised to clients. */
export const DEFAULT_RETRY_MS = 2000;

/** `retry: N` block telling clients how long to wait before reconnecting. */
export function formatRetry(ms: number = DEFAULT_RETRY_MS): string {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`retry must be a non-negative integer, got ${ms}`);
  return `retry: ${ms}\n\n`;
}

/** A comment block with arbitrary text (line breaks are folded into separate comment lines). */
export function formatComment(text: string): string {
  return text.split(LINE_BREAK).map((line) => `: ${line}\n`).join('') + '\n';
}

export { safeJsonStringify };
