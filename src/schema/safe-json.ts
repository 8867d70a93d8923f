/*
 * JSON that stays inert on a terminal. `JSON.stringify` already escapes C0 controls (ESC becomes
 * \u001b), but it leaves DEL, C1 controls (U+0080-U+009F, e.g. the one-byte CSI U+009B), bidi
 * controls and the Unicode line/paragraph separators raw. Escaping them too keeps a feed or a pipe
 * inert even when someone sends it straight to a terminal; it is the same JSON value. Shared by
 * `serve` (the wire) and every NDJSON line the follower prints.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_JSON_ALL = new RegExp(UNSAFE_IN_JSON.source, 'g');

/** Escapes what JSON.stringify leaves raw; a quick scan first keeps clean text (nearly all) cheap. */
export function escapeUnsafeJson(json: string): string {
  if (!UNSAFE_IN_JSON.test(json)) return json;
  return json.replace(UNSAFE_IN_JSON_ALL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function safeJsonStringify(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('value is not JSON-serializable');
  return escapeUnsafeJson(json);
}
