import { isUtf8 } from 'node:buffer';

/*
 * Streaming UTF-8 decoding that says where the bytes were not UTF-8, instead of silently turning
 * them into U+FFFD like TextDecoder: a feed event with undecodable bytes is reported and skipped,
 * while a U+FFFD the newsroom really wrote stays an ordinary character.
 */

/** A run of decoded text, or `invalid` where one or more bytes could not be decoded. */
export type Utf8Piece = string | typeof invalid;
export const invalid = Symbol('invalid UTF-8');

export interface Utf8Splitter {
  /** Decodes what can be decoded; an incomplete sequence at the end waits for the next chunk. */
  push(bytes: Uint8Array): Utf8Piece[];
  /** The stream ended: a sequence still waiting is invalid. */
  end(): Utf8Piece[];
}

// One decoder serves every stream, so it must not strip byte order marks: it would strip one per
// process (and again after each non-streaming call). Whoever reads the text owns the BOM.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Length of the sequence a lead byte starts, or 0 when it cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The allowed range of the byte after a lead byte (no overlongs, surrogates, or > U+10FFFF). */
function secondByteRange(lead: number): readonly [number, number] {
  if (lead === 0xe0) return [0xa0, 0xbf];
  if (lead === 0xed) return [0x80, 0x9f];
  if (lead === 0xf0) return [0x90, 0xbf];
  if (lead === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

/**
 * How many bytes of a sequence starting at `start` are valid: the full length when complete,
 * fewer when it is cut short by an invalid byte, or by the end of the input (`truncated`).
 */
function validPrefix(bytes: Uint8Array, start: number): { length: number; complete: boolean; truncated: boolean } {
  const expected = sequenceLength(bytes[start]!);
  if (expected === 0) return { length: 0, complete: false, truncated: false };
  for (let offset = 1; offset < expected; offset += 1) {
    if (start + offset >= bytes.length) return { length: offset, complete: false, truncated: true };
    const byte = bytes[start + offset]!;
    const [low, high] = offset === 1 ? secondByteRange(bytes[start]!) : [0x80, 0xbf];
    if (byte < low || byte > high) return { length: offset, complete: false, truncated: false };
  }
  return { length: expected, complete: true, truncated: false };
}

/** Start of a sequence that may be cut off by the end of the chunk (at most 3 bytes back). */
function incompleteTailStart(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const index = bytes.length - back;
    const byte = bytes[index]!;
    if (byte < 0x80) return bytes.length;
    if (byte >= 0xc0) return sequenceLength(byte) > back ? index : bytes.length;
  }
  return bytes.length;
}

/** The slow path, for input that is known to hold invalid bytes. */
function splitInvalid(bytes: Uint8Array): { pieces: Utf8Piece[]; rest: Uint8Array } {
  const pieces: Utf8Piece[] = [];
  let runStart = 0;
  let index = 0;
  const closeRun = (end: number): void => {
    if (end > runStart) pieces.push(decoder.decode(bytes.subarray(runStart, end)));
  };
  while (index < bytes.length) {
    const prefix = validPrefix(bytes, index);
    if (prefix.complete) {
      index += prefix.length;
      continue;
    }
    closeRun(index);
    if (prefix.truncated) return { pieces, rest: bytes.slice(index) };
    if (pieces.at(-1) !== invalid) pieces.push(invalid);
    index += Math.max(prefix.length, 1);
    runStart = index;
  }
  closeRun(index);
  return { pieces, rest: new Uint8Array(0) };
}

export function createUtf8Splitter(): Utf8Splitter {
  let carry: Uint8Array = new Uint8Array(0);
  return {
    push(chunk) {
      const bytes = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
      const tail = incompleteTailStart(bytes);
      const whole = bytes.subarray(0, tail);
      if (isUtf8(whole)) {
        carry = bytes.slice(tail);
        // `whole` ends on a character boundary, so streaming mode keeps nothing back; it is
        // only asked for because Node 20 decodes about twice as fast in that mode.
        return whole.length === 0 ? [] : [decoder.decode(whole, { stream: true })];
      }
      const { pieces, rest } = splitInvalid(bytes);
      carry = rest;
      return pieces;
    },
    end() {
      const waiting = carry.length > 0;
      carry = new Uint8Array(0);
      return waiting ? [invalid] : [];
    },
  };
}
