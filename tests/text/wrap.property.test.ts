/**
 * Property tests (fast-check) for wrap over random mixes of Japanese, Chinese, Korean, Latin,
 * emoji (ZWJ sequences, flags, skin tones, keycaps), combining marks and control characters,
 * at widths 1..120:
 *  - no line wider than the width (except a single grapheme wider than the width, alone);
 *  - text preserved: the "joining" rule documented in src/text/layout.ts;
 *  - no kinsoku violation unless forced (the line held no boundary where kinsoku allows a break);
 *  - same input, same output; re-layout of a prepared text equals a fresh wrap.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  graphemes, isInseparable, isNoEnd, isNoStart, lineJoins, prepareText, sanitize, setAmbiguousWidth,
  textWidth, wrap, wrapPrepared,
} from '../../src/text/index.js';

afterAll(() => setAmbiguousWidth('narrow'));

// Kinsoku lists exactly as issue 3 states them (+ ASCII counterparts); independent of src.
const ISSUE_NO_START = new Set([
  ...'）」』】〕〉》”’', ...'、。，．・：；！？‼', 'ー', ...'々ゝゞヽヾ',
  ...'ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ', '〜', ...'),.!?]}:;',
]);
const ISSUE_NO_END = new Set([...'（「『【〔〈《“‘', '(', '[']);

const pieces = {
  ja: ['日本語', 'の', 'です', 'カタカナ', 'ひらがな', '東京', '「', '」', '『', '』', '（', '）', '【', '】', '〔', '〕', '〈', '〉', '《', '》', '“', '”', '‘', '’',
    '、', '。', '，', '．', '・', '：', '；', '！', '？', '‼', 'ー', '々', 'ゝ', 'ゞ', 'ヽ', 'ヾ', 'っ', 'ゃ', 'ゅ', 'ょ', 'ッ', 'ャ', 'ュ', 'ョ', 'ァ', 'ヵ', 'ヶ',
    '〜', '……', '——', 'ｶﾞﾝﾊﾞﾚ', 'ＡＢＣ', '２０人', '28℃', '10%', '3km', '１０％'],
  zh: ['中华人民共和国', '北京', '的', '。', '，', '“', '”', '！', '？'],
  ko: ['한국어', '문장은', '서울', '대한민국의', '입니다.', 'ㅋㅋㅋ'],
  latin: ['hello', 'world', 'The', 'quick', 'Supercalifragilisticexpialidocious', 'https://example.com/a/b?c=d', 'e.g.', 'don’t', '(note)', '"quoted"', '$5', '-1', 'a-b'],
  emoji: ['👨‍👩‍👧', '👩🏽‍💻', '🇯🇵', '🇰🇷', '👍🏽', '1️⃣', '#️⃣', '❤️', '🏳️‍🌈'],
  marks: ['e\u0301', '\u0301', 'a\u0308\u0323', 'ก\u0e31'],
  space: [' ', '  ', '   ', '\n', '\n\n', '\u3000', '\u00a0', '\u200b'],
  control: ['\x1b[2J', '\x1b]0;title\x07', '\x1b]52;c;aGk=\x1b\\', '\x1bPdcs\x1b\\', '\u009b31m', '\u202e', '\u2066', '\u0000', '\r\n', '\r', '\t', '\x07', '\u0085'],
  amb: ['①', '※', '…', '○', '─'],
};
const piece = fc.oneof(
  { arbitrary: fc.constantFrom(...pieces.ja), weight: 6 },
  { arbitrary: fc.constantFrom(...pieces.zh), weight: 2 },
  { arbitrary: fc.constantFrom(...pieces.ko), weight: 2 },
  { arbitrary: fc.constantFrom(...pieces.latin), weight: 3 },
  { arbitrary: fc.constantFrom(...pieces.emoji), weight: 2 },
  { arbitrary: fc.constantFrom(...pieces.marks), weight: 1 },
  { arbitrary: fc.constantFrom(...pieces.space), weight: 4 },
  { arbitrary: fc.constantFrom(...pieces.control), weight: 1 },
  { arbitrary: fc.constantFrom(...pieces.amb), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }), weight: 1 },
);
const textArb = fc.array(piece, { maxLength: 80 }).map((ps) => ps.join(''));
const widthArb = fc.integer({ min: 1, max: 120 });

interface Placed { line: string; para: number; gapBefore: string }

/**
 * Check the joining rule and return each line with the spaces dropped before it.
 * Each paragraph P = S0 + L1 + S1 + ... + Lk + Sk (Sj: runs of U+0020).
 */
function join(text: string, lines: string[]): Placed[] {
  const paras = sanitize(text).split('\n');
  const placed: Placed[] = [];
  let li = 0;
  paras.forEach((p, pi) => {
    if (p.trim() === '' && !/[^ ]/.test(p)) {
      expect(lines[li], `blank paragraph ${pi}`).toBe('');
      placed.push({ line: lines[li]!, para: pi, gapBefore: '' });
      li++;
      return;
    }
    let pos = 0;
    let first = true;
    while (true) {
      const gapStart = pos;
      const line = lines[li];
      expect(line, `line ${li} missing for paragraph ${JSON.stringify(p)}`).toBeDefined();
      // Skip dropped spaces (a space grapheme is a lone U+0020; " \u0301" is not a space).
      while (!p.startsWith(line!, pos) && p[pos] === ' ') pos++;
      expect(line!.length).toBeGreaterThan(0);
      expect(p.startsWith(line!, pos), `line ${JSON.stringify(line)} at ${pos} of ${JSON.stringify(p)}`).toBe(true);
      const lg = graphemes(line!);
      expect(lg[lg.length - 1]).not.toBe(' ');
      if (!first) expect(lg[0]).not.toBe(' ');
      placed.push({ line: line!, para: pi, gapBefore: p.slice(gapStart, pos) });
      pos += line!.length;
      li++;
      first = false;
      while (p[pos] === ' ' && !/^\p{M}/u.test(p.slice(pos + 1, pos + 2))) pos++;
      if (pos >= p.length) break;
    }
  });
  expect(li).toBe(lines.length);
  return placed;
}

/** Is there a boundary inside `line` where kinsoku allows a break (module's own predicates)? */
function hasValidInternalBoundary(line: string): boolean {
  const gs = graphemes(line);
  let lastNS = -1;
  for (let p = 0; p < gs.length; p++) {
    const g = gs[p]!;
    if (g === ' ') continue;
    if (p > 0 && lastNS >= 0) {
      const ok = !isNoStart(g) && !isNoEnd(gs[lastNS]!) && !(lastNS === p - 1 && isInseparable(gs[p - 1]!, g));
      if (ok) return true;
    }
    lastNS = p;
  }
  return false;
}

function checkLayout(text: string, width: number): void {
  const lines = wrap(text, width);
  // 1. width
  for (const l of lines) {
    if (textWidth(l) > width) expect(graphemes(l).length, `too wide: ${JSON.stringify(l)} at ${width}`).toBe(1);
  }
  // 2. joining
  const placed = join(text, lines);
  // 3. kinsoku
  for (let k = 1; k < placed.length; k++) {
    const prev = placed[k - 1]!;
    const cur = placed[k]!;
    if (prev.para !== cur.para || prev.line === '' || cur.line === '') continue;
    const pg = graphemes(prev.line);
    const cg = graphemes(cur.line);
    const last = pg[pg.length - 1]!;
    const firstG = cg[0]!;
    const violation =
      ISSUE_NO_START.has(firstG) || ISSUE_NO_END.has(last) ||
      (cur.gapBefore === '' && ((last === '…' && firstG === '…') || (last === '—' && firstG === '—') ||
        (/[0-9]$/.test(last) && /^[%℃km]/.test(firstG))));
    if (violation) {
      expect(
        hasValidInternalBoundary(prev.line),
        `unforced kinsoku violation at width ${width}: ${JSON.stringify(prev.line)} | ${JSON.stringify(cur.line)}`,
      ).toBe(false);
    }
  }
  // 4. deterministic, and resize re-layout equals a fresh wrap
  expect(wrap(text, width)).toEqual(lines);
}

describe('wrap properties', () => {
  it('narrow ambiguous width', () => {
    setAmbiguousWidth('narrow');
    fc.assert(fc.property(textArb, widthArb, (t, w) => checkLayout(t, w)), { numRuns: 1500 });
  });
  it('wide ambiguous width', () => {
    setAmbiguousWidth('wide');
    try {
      fc.assert(fc.property(textArb, widthArb, (t, w) => checkLayout(t, w)), { numRuns: 500 });
    } finally {
      setAmbiguousWidth('narrow');
    }
  });
  it('small widths (1..8) stress forced breaks', () => {
    fc.assert(fc.property(textArb, fc.integer({ min: 1, max: 8 }), (t, w) => checkLayout(t, w)), { numRuns: 1000 });
  });
  it('prepareText segments exactly like graphemes() (its fast path for simple code units)', () => {
    const withAstral = fc.oneof(textArb, fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }));
    fc.assert(
      fc.property(withAstral, (t) => {
        const p = prepareText(t);
        const gs = graphemes(p.text);
        expect(p.count).toBe(gs.length);
        let off = 0;
        gs.forEach((g, k) => {
          expect(p.offsets[k]).toBe(off);
          off += g.length;
        });
        expect(p.offsets[gs.length]).toBe(p.text.length);
      }),
      { numRuns: 2000 },
    );
    // Hand-picked joins next to simple units: ZWJ + 〰 (Extended_Pictographic), katakana + dakuten.
    for (const t of ['a\u200d〰', '👨\u200d〰', 'カ\u3099a', 'ｶﾞa', 'a\u0301b', '한\u11a8가', '\u0600a', '🇯🇵a']) {
      const p = prepareText(t);
      expect(p.count, t).toBe(graphemes(t).length);
    }
  });
  it('a prepared text re-laid out at several widths equals fresh wraps', () => {
    fc.assert(
      fc.property(textArb, fc.array(widthArb, { minLength: 1, maxLength: 5 }), (t, ws) => {
        const p = prepareText(t);
        for (const w of ws) expect(wrapPrepared(p, w)).toEqual(wrap(t, w));
      }),
      { numRuns: 300 },
    );
  });
  it('lineJoins: the lines with what was dropped between them give the text back, but for spaces at either end', () => {
    fc.assert(
      fc.property(textArb, widthArb, (t, w) => {
        const p = prepareText(t);
        const lines = wrapPrepared(p, w);
        const joins = lineJoins(p.text, lines);
        expect(joins).toHaveLength(lines.length - 1);
        for (const between of joins) expect(between).toMatch(/^[ \n]*$/);
        const rebuilt = lines.map((line, index) => (index === 0 ? line : joins[index - 1]! + line)).join('');
        const at = p.text.indexOf(rebuilt);
        expect(at).toBeGreaterThanOrEqual(0);
        expect(p.text.slice(0, at)).toMatch(/^ *$/);
        expect(p.text.slice(at + rebuilt.length)).toMatch(/^ *$/);
      }),
      { numRuns: 1000 },
    );
  });
});
