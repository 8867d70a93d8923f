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
  for (const line of data.split(LINE_BREAK)) out += `data: ${line}\n`;
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

/*
 * JSON for the wire. `JSON.stringify` already escapes C0 controls (ESC becomes \u001b), but it
 * leaves DEL, C1 controls (U+0080-U+009F, e.g. the one-byte CSI U+009B), bidi controls and the
 * Unicode line/paragraph separators raw. Escaping them too keeps the feed inert even when
 * someone `curl`s it straight to a terminal; it is the same JSON value.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function safeJsonStringify(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('value is not JSON-serializable');
  return json.replace(UNSAFE_IN_JSON, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
