/*
 * JSON text that stays inert in a terminal. `JSON.stringify` escapes C0 controls (ESC becomes
 * \u001b) but leaves DEL, C1 controls (U+0080-U+009F, e.g. the one-byte CSI U+009B), bidi
 * controls and the Unicode line/paragraph separators raw. Escaping them too keeps a feed inert
 * when someone prints it straight to a terminal or `curl`s it; it is the same JSON value. Used by
 * every NDJSON line livetail prints and by `serve`'s wire.
 */
// eslint-disable-next-line no-control-regex
const unsafeInJson = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const unsafeInJsonAll = new RegExp(unsafeInJson.source, 'g');

/** Escapes what JSON.stringify leaves raw; text with none of it comes back as it is, unscanned twice. */
export function escapeUnsafeJson(json: string): string {
  if (!unsafeInJson.test(json)) return json;
  return json.replace(unsafeInJsonAll, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function safeJsonStringify(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('value is not JSON-serializable');
  return escapeUnsafeJson(json);
}
