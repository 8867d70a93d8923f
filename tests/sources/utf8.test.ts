import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUtf8Splitter, invalid, type Utf8Piece } from '../../src/sources/utf8.js';

/** Pieces of bytes fed in the given chunks, adjacent text merged, `invalid` shown as '\uFFFD'. */
function decode(bytes: Uint8Array, cuts: readonly number[] = []): { text: string; invalid: boolean } {
  const splitter = createUtf8Splitter();
  const pieces: Utf8Piece[] = [];
  let start = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    pieces.push(...splitter.push(bytes.subarray(start, cut)));
    start = cut;
  }
  pieces.push(...splitter.push(bytes.subarray(start)), ...splitter.end());
  return { text: pieces.map((piece) => (piece === invalid ? '\uFFFD' : piece)).join(''), invalid: pieces.includes(invalid) };
}

const collapse = (text: string): string => text.replace(/\uFFFD+/g, '\uFFFD');

describe('UTF-8 splitter', () => {
  it('decodes valid text exactly however it is chunked, including a real U+FFFD', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.array(fc.nat(64)), (text, cuts) => {
        const bytes = Buffer.from(`${text}\uFFFD`);
        expect(decode(bytes, cuts.map((cut) => cut % (bytes.length + 1)))).toEqual({ text: `${text}\uFFFD`, invalid: false });
      }),
    );
  });

  it('marks exactly the inputs that are not UTF-8, and agrees with TextDecoder elsewhere', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.array(fc.nat(40)), (bytes, cuts) => {
        const result = decode(bytes, cuts.map((cut) => cut % (bytes.length + 1)));
        expect(result.invalid).toBe(!isUtf8(bytes));
        expect(collapse(result.text)).toBe(collapse(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)));
      }),
    );
  });

  it('keeps every byte order mark: the SSE parser decides which one is a BOM', () => {
    const bom = [0xef, 0xbb, 0xbf];
    expect(decode(Buffer.from([...bom, ...bom, 0x61]))).toEqual({ text: '\uFEFF\uFEFFa', invalid: false });
    // After undecodable bytes in one chunk, the next chunk is the same stream, not a new one.
    const splitter = createUtf8Splitter();
    expect(splitter.push(Buffer.from([0x61, 0xff]))).toEqual(['a', invalid]);
    expect(splitter.push(Buffer.from([...bom, 0x62]))).toEqual(['\uFEFFb']);
    expect(createUtf8Splitter().push(Buffer.from([...bom, 0x63]))).toEqual(['\uFEFFc']);
  });

  it('reports a sequence cut off by the end of the stream', () => {
    expect(decode(Buffer.from([0x61, 0xe3, 0x81]))).toEqual({ text: 'a\uFFFD', invalid: true });
  });
});
