import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inputLines, notUtf8, type InputLine } from '../../src/serve/input-lines.js';

async function linesOf(chunks: readonly Uint8Array[]): Promise<InputLine[]> {
  async function* stream(): AsyncGenerator<Uint8Array> {
    yield* chunks;
  }
  const lines: InputLine[] = [];
  for await (const line of inputLines(stream())) lines.push(line);
  return lines;
}

/** The bytes cut at the given offsets (in any order, duplicates allowed). */
function cut(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const points = [...new Set(offsets.map((offset) => offset % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  return chunks;
}

describe('serve input lines', () => {
  it('gives back every line however the bytes are chunked, multi-byte characters included', async () => {
    const line = fc.string({ unit: fc.constantFrom('a', ' ', '"', '速', '報', '한', '🎆', '\r', '\uFEFF') });
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1 }), fc.array(fc.nat()), async (lines, offsets) => {
        const text = lines.join('\n');
        // As in any line reader, a final LF ends the last line instead of starting an empty one.
        const expected = text.split('\n');
        if (expected.at(-1) === '') expected.pop();
        const bytes = Buffer.from(text);
        expect(await linesOf(cut(bytes, offsets))).toEqual(expected);
      }),
    );
  });

  it('marks a line whose bytes are not UTF-8 and only that line', async () => {
    const bytes = Buffer.concat([Buffer.from('一行目\n'), Buffer.from([0xff, 0xfe, 0x20, 0x62, 0x61, 0x64, 0x0a]), Buffer.from('三行目')]);
    expect(await linesOf(cut(bytes, [3, 11]))).toEqual(['一行目', notUtf8, '三行目']);
  });

  it('marks a character cut off by the end of the input', async () => {
    expect(await linesOf([Buffer.from('ok\n'), Buffer.from('途中').subarray(0, 4)])).toEqual(['ok', notUtf8]);
  });
});
