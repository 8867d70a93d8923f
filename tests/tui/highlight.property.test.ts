/**
 * Search highlighting over wrapped lines (src/tui/highlight.ts), checked against the text before
 * the wrap: a character on screen is lit exactly when an occurrence of the query in the folded
 * text covers it, including occurrences that run across a line break.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineJoins, prepareText, wrap } from '../../src/text/index.js';
import { foldForSearch } from '../../src/timeline/search.js';
import { highlightLines, highlightRows } from '../../src/tui/highlight.js';
import type { Row } from '../../src/tui/card-layout.js';

// Characters whose fold is one code unit each (upper case, full width, half-width katakana), so
// a position in the text is the same position in its folded form.
const alphabet = ['港', '湾', '会', '見', 'の', 'カ', 'ｶ', 'メ', 'ﾒ', 'ラ', '。', '、', '「', '」', 'M', 'd', 'Ｍ', 'ｄ', 'a', 'A', 'b', ' ', ' ', '\n', '한', '국'];
const text = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 60 }).map((chars) => chars.join(''));
// Typed the other way round: what the reader types need not have the text's case or width.
const variants: Record<string, string> = { M: 'ｍ', d: 'Ｄ', Ｍ: 'm', ｄ: 'D', a: 'Ａ', A: 'a', ｶ: 'カ', カ: 'ｶ', ﾒ: 'メ', メ: 'ﾒ' };

/** Where each line starts in the source text (lines are its slices, in order). */
function lineStarts(source: string, lines: readonly string[]): number[] {
  let end = 0;
  return lines.map((line) => {
    const start = source.indexOf(line, end);
    end = start + line.length;
    return start;
  });
}

describe('highlightLines', () => {
  it('gives every line back and lights exactly the characters an occurrence of the query covers', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 16 }), fc.nat(), fc.nat(), fc.boolean(), (raw, width, from, length, typedOtherwise) => {
        const source = prepareText(raw).text;
        const start = from % source.length;
        let query = source.slice(start, start + 1 + (length % 8));
        if (typedOtherwise) query = [...query].map((char) => variants[char] ?? char).join('');
        const needle = foldForSearch(query).trim();
        fc.pre(needle !== '');
        const lines = wrap(source, width);
        const segments = highlightLines({ lines, joins: lineJoins(source, lines) }, query);

        const covered = new Set<number>();
        const folded = foldForSearch(source);
        for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) {
          for (let index = at; index < at + needle.length; index += 1) covered.add(index);
        }
        const starts = lineStarts(source, lines);
        lines.forEach((line, index) => {
          expect(segments[index]!.map((segment) => segment.text).join('')).toBe(line);
          let position = starts[index]!;
          for (const segment of segments[index]!) {
            for (const _char of segment.text) {
              expect(segment.highlight, `${JSON.stringify(source)} at ${position}, query ${JSON.stringify(query)}, width ${width}`).toBe(covered.has(position));
              position += 1;
            }
          }
        });
      }),
      { numRuns: 500 },
    );
  });

  it('lights both parts of a Japanese match the wrap cut between two lines', () => {
    const source = '両首脳は共同声明で航路の安全を確認した。';
    const lines = wrap(source, 16);
    expect(lines[0]).toBe('両首脳は共同声明');
    const segments = highlightLines({ lines, joins: lineJoins(source, lines) }, '声明で航路');
    expect(segments[0]).toEqual([{ text: '両首脳は共同', highlight: false }, { text: '声明', highlight: true }]);
    expect(segments[1]![0]).toEqual({ text: 'で航路', highlight: true });
  });

  it('lights both words of an English match whose space the wrap dropped, but not words a break only seems to join', () => {
    const source = 'joint statement on harbour safety';
    const lines = wrap(source, 10);
    expect(lines.slice(0, 2)).toEqual(['joint', 'statement']);
    const joins = lineJoins(source, lines);
    expect(highlightLines({ lines, joins }, 'JOINT Statement').slice(0, 2)).toEqual([[{ text: 'joint', highlight: true }], [{ text: 'statement', highlight: true }]]);
    expect(highlightLines({ lines, joins }, 'jointstatement').flat().some((segment) => segment.highlight)).toBe(false);
  });
});

describe('highlightRows', () => {
  it('splits only the spans of card text, keeps their style, and follows a text across rows by its joins', () => {
    const rows: Row[] = [
      [{ text: ' 16:05  ', style: 'time' }, { text: '共同声明', style: 'title' }, { text: '  ', style: 'plain' }, { text: 'edited 1× · 声明', style: 'meta' }],
      [{ text: '        ', style: 'plain' }, { text: '本文の声', style: 'body' }],
      [{ text: '        ', style: 'plain' }, { text: '明です', style: 'body', join: '' }],
      [{ text: '        ', style: 'plain' }, { text: '#会見', style: 'tag' }, { text: '  ', style: 'plain' }, { text: '#声明', style: 'tag' }],
    ];
    const lit = highlightRows(rows, '声明');
    expect(lit[0]).toEqual([rows[0]![0], { text: '共同', style: 'title' }, { text: '声明', style: 'title', highlight: true }, rows[0]![2], rows[0]![3]]);
    expect(lit[1]!.at(-1)).toEqual({ text: '声', style: 'body', highlight: true });
    expect(lit[2]![1]).toEqual({ text: '明', style: 'body', join: '', highlight: true });
    expect(lit[3]!.slice(-2)).toEqual([{ text: '#', style: 'tag' }, { text: '声明', style: 'tag', highlight: true }]);
    expect(highlightRows(rows, 'ない')).toBe(rows);
  });
});
