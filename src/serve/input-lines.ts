import { isUtf8 } from 'node:buffer';

/*
 * The lines of `serve`'s NDJSON input, split on LF in bytes (a LF byte never occurs inside a
 * UTF-8 sequence) and decoded one line at a time, so a line that is not UTF-8 is known as such
 * and can be reported by number, instead of being published with U+FFFD where its bytes were.
 */

export const notUtf8 = Symbol('not UTF-8');
/** A line's text (without the LF), or `notUtf8` for a line whose bytes are not UTF-8. */
export type InputLine = string | typeof notUtf8;

const LF = 0x0a;
// A BOM is the first line's business (the publisher's), not each line's.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

function lineOf(parts: readonly Uint8Array[]): InputLine {
  const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  return isUtf8(bytes) ? decoder.decode(bytes) : notUtf8;
}

export async function* inputLines(stream: AsyncIterable<Uint8Array | string>): AsyncGenerator<InputLine> {
  let pending: Uint8Array[] = [];
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    let newline = bytes.indexOf(LF);
    while (newline !== -1) {
      pending.push(bytes.subarray(start, newline));
      yield lineOf(pending);
      pending = [];
      start = newline + 1;
      newline = bytes.indexOf(LF, start);
    }
    if (start < bytes.length) pending.push(bytes.subarray(start));
  }
  if (pending.length > 0) yield lineOf(pending);
}
