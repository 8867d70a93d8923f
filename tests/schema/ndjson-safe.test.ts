import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ndjsonLine, formatNdjsonLine } from '../../src/schema/ndjson.js';

const unsafe = ['\u007f', '\u0085', '\u009b', '\u202e', '\u2066', '\u2069', '\u2028', '\u2029', '\u200f'];
const rawUnsafe = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('NDJSON lines never carry raw terminal controls', () => {
  it('escapes C1, DEL, bidi controls and separators in a payload printed as received', () => {
    const payload = `{"id":"架空-1","body":"港湾${unsafe.join('')}サミット"}`;
    const line = ndjsonLine('https://example.invalid/\u202efeed', 'entry', payload);
    expect(line).not.toMatch(rawUnsafe);
    const parsed = JSON.parse(line) as { body: string; feed: string };
    expect(parsed.body).toBe(`港湾${unsafe.join('')}サミット`);
    expect(parsed.feed).toBe('https://example.invalid/\u202efeed');
  });

  it('keeps any entry text as the same JSON value, escaped', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '記', '한', '😀', ...unsafe) }), (body) => {
        const line = formatNdjsonLine('demo', { event: 'delete', id: body });
        expect(line).not.toMatch(rawUnsafe);
        expect((JSON.parse(line) as { id: string }).id).toBe(body);
      }),
    );
  });
});
