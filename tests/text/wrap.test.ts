import { afterEach, describe, expect, it } from 'vitest';
import {
  fitWidth, prepareText, setAmbiguousWidth, textWidth, truncate, wrap, wrapPrepared, wrapPreparedCached,
} from '../../src/text/index.js';

afterEach(() => setAmbiguousWidth('narrow'));

const maxWidth = (lines: string[]): number => Math.max(0, ...lines.map(textWidth));

describe('kinsoku: no line starts with a no-start character (push-out)', () => {
  // Each class from issue 3. "あいう" fills 6 columns, so a naive break puts c at a line start.
  const noStart = [
    ...'）」』】〕〉》”’', ...'、。，．・：；！？‼', 'ー', ...'々ゝゞヽヾ',
    ...'ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ', '〜', ...'),.!?]}:;',
  ];
  for (const c of noStart) {
    it(`"${c}"`, () => {
      const lines = wrap(`あいう${c}えお`, 6);
      expect(lines[0]).toBe('あい');
      expect(lines.every((l) => !l.startsWith(c))).toBe(true);
      expect(maxWidth(lines)).toBeLessThanOrEqual(6);
    });
  }
});

describe('kinsoku: no line ends with an opening bracket or quote', () => {
  for (const c of [...'（「『【〔〈《“‘', '(', '[']) {
    it(`"${c}"`, () => {
      const lines = wrap(`あい${c}うえ`, 6);
      expect(lines.every((l) => !l.endsWith(c))).toBe(true);
      expect(lines[1]!.startsWith(c)).toBe(true);
      expect(maxWidth(lines)).toBeLessThanOrEqual(6);
    });
  }
});

describe('inseparable sequences', () => {
  const joined = (lines: string[]): string => lines.join('|');
  // Below width 5, "28℃、" (5 columns, ℃ and 、 cannot start a line) cannot fit: forced.
  for (let w = 5; w <= 14; w++) {
    it(`…… ——, 28℃, 10%, 3km, ２０人 stay together at width ${w}`, () => {
      const lines = wrap('それは……まさに——奇跡だった。気温は28℃、湿度10%、3kmを２０人で走った。', w);
      const j = joined(lines);
      expect(j).not.toMatch(/…\|…|—\|—|28\|℃|2\|8|10\|%|1\|0|3\|km|\|k|２\|０/);
      expect(maxWidth(lines)).toBeLessThanOrEqual(w);
    });
  }
});

describe('Korean keep-all', () => {
  const text = '대한민국의 수도는 서울입니다. 오늘 날씨가 맑습니다.';
  // Longest word: 서울입니다. (11 columns).
  for (const w of [11, 12, 16, 20, 30]) {
    it(`breaks only at spaces at width ${w}`, () => {
      const lines = wrap(text, w);
      expect(lines.join(' ')).toBe(text);
      expect(maxWidth(lines)).toBeLessThanOrEqual(w);
    });
  }
  it('never breaks between Hangul syllables when the word fits', () => {
    expect(wrap('한국어 문장은', 6)).toEqual(['한국어', '문장은']);
    expect(wrap('가나다라마바사', 8)).toEqual(['가나다라', '마바사']); // too wide: hard break
  });
});

describe('Latin', () => {
  it('breaks at spaces, drops them', () => {
    expect(wrap('The quick brown fox jumps', 10)).toEqual(['The quick', 'brown fox', 'jumps']);
  });
  it('never splits a word that fits on a line', () => {
    expect(wrap('a bb ccc dddd eeeee', 5)).toEqual(['a bb', 'ccc', 'dddd', 'eeeee']);
  });
  it('hard-breaks a word wider than the line', () => {
    expect(wrap('Supercalifragilistic', 6)).toEqual(['Superc', 'alifra', 'gilist', 'ic']);
  });
  it('hard-breaking avoids starting a line with punctuation when it can', () => {
    const lines = wrap('abcdefghij.', 5);
    expect(lines).toEqual(['abcde', 'fghi', 'j.']);
  });
  it('breaks long URLs after slashes and keeps lines within width', () => {
    const url = 'https://example.com/news/2024/live/very-long-article-slug?id=12345&ref=home';
    const lines = wrap(`Read ${url} now`, 20);
    expect(maxWidth(lines)).toBeLessThanOrEqual(20);
    expect(lines.join('').replace(/ /g, '')).toBe(`Read${url}now`);
    // Breaks fall after '/', '-' or '?' only (UAX #14 SY/HY/EX), never inside 'example.com'.
    expect(lines).toEqual(['Read https://', 'example.com/news/', '2024/live/very-long-', 'article-slug?', 'id=12345&ref=home', 'now']);
  });
  it('mixed Japanese and English: no English word split', () => {
    const lines = wrap('東京都はTokyo Metropolitan Governmentと呼ばれる。', 12);
    for (const word of ['Tokyo', 'Metropolitan', 'Government']) expect(lines.some((l) => l.includes(word))).toBe(true);
    expect(maxWidth(lines)).toBeLessThanOrEqual(12);
  });
});

describe('emoji and graphemes at the edge', () => {
  it('a ZWJ family that does not fit goes to the next line whole', () => {
    expect(wrap('abc👨‍👩‍👧', 4)).toEqual(['abc', '👨‍👩‍👧']);
    expect(wrap('日本👨‍👩‍👧', 5)).toEqual(['日本', '👨‍👩‍👧']);
  });
  it('flags, skin tones and keycaps are never split', () => {
    expect(wrap('🇯🇵🇰🇷👍🏽1️⃣', 3)).toEqual(['🇯🇵', '🇰🇷', '👍🏽', '1️⃣']);
  });
  it('a grapheme wider than the line stands alone', () => {
    expect(wrap('日本', 1)).toEqual(['日', '本']);
    expect(wrap('a日b', 1)).toEqual(['a', '日', 'b']);
  });
  it('combining marks stay with their base', () => {
    expect(wrap('e\u0301e\u0301e\u0301', 2)).toEqual(['e\u0301e\u0301', 'e\u0301']);
  });
});

describe('paragraphs, spaces and widths', () => {
  it('newlines start lines; blank lines stay', () => {
    expect(wrap('a\n\nb', 10)).toEqual(['a', '', 'b']);
    expect(wrap('a\r\nb', 10)).toEqual(['a', 'b']);
    expect(wrap('', 10)).toEqual(['']);
  });
  it('width < 1 is treated as 1', () => {
    expect(wrap('ab', 0)).toEqual(['a', 'b']);
    expect(wrap('ab', -5)).toEqual(['a', 'b']);
  });
  it('keeps indentation when it fits, drops it when it would leave an empty line', () => {
    expect(wrap('  ab cd', 5)).toEqual(['  ab', 'cd']);
    expect(wrap('    abcde', 6)).toEqual(['abcde']);
  });
  it('sanitizes before layout', () => {
    expect(wrap('a\x1b[2Jb\u202e c', 10)).toEqual(['ab c']);
  });
  it('resize re-layout from the prepared text matches a fresh wrap', () => {
    const text = '日本語の文章です。「こんにちは」と言った。The quick brown fox. 한국어 문장입니다.';
    const p = prepareText(text);
    for (const w of [5, 10, 17, 40, 3, 10]) expect(wrapPrepared(p, w)).toEqual(wrap(text, w));
    expect(wrapPreparedCached(p, 10)).toBe(wrapPreparedCached(p, 10));
  });
});

describe('ambiguous width setting', () => {
  it('changes layout of ①※…○─', () => {
    const text = '①※…○─ ①※…○─';
    expect(wrap(text, 6)).toEqual(['①※…○─', '①※…○─']);
    setAmbiguousWidth('wide');
    expect(wrap(text, 6)).toEqual(['①※…', '○─', '①※…', '○─']);
  });
  it('a prepared text re-measures when the setting changes', () => {
    const p = prepareText('○○○○');
    expect(wrapPrepared(p, 4)).toEqual(['○○○○']);
    setAmbiguousWidth('wide');
    expect(wrapPrepared(p, 4)).toEqual(['○○', '○○']);
  });
});

describe('truncate / fitWidth', () => {
  it('returns text that fits unchanged', () => {
    const s = 'hello 日本';
    expect(truncate(s, 10)).toBe(s);
  });
  it('never cuts a wide character in half', () => {
    expect(truncate('日本語のテキスト', 7)).toBe('日本語…');
    expect(truncate('日本語のテキスト', 6)).toBe('日本…');
    expect(truncate('日本語', 1)).toBe('…');
    for (let w = 1; w <= 12; w++) expect(textWidth(truncate('日本語のテキストabc', w))).toBeLessThanOrEqual(w);
  });
  it('drops spaces before the ellipsis and sanitizes as one line', () => {
    expect(truncate('hello world again', 7)).toBe('hello…');
    expect(truncate('a\nb\x1b]0;t\x07c', 10)).toBe('a bc');
  });
  it('counts a wide ellipsis when ambiguous is wide', () => {
    setAmbiguousWidth('wide');
    expect(truncate('abcdef', 4)).toBe('ab…');
    expect(truncate('abcdef', 1)).toBe('a');
  });
  it('fitWidth pads to exactly width', () => {
    expect(fitWidth('日本', 6)).toBe('日本  ');
    expect(fitWidth('日本語', 5)).toBe('日本…');
    expect(fitWidth('日本語です', 6)).toBe('日本… ');
    for (let w = 1; w <= 10; w++) expect(textWidth(fitWidth('日本語テキスト👍🏽', w))).toBe(w);
    expect(fitWidth('abc', 0)).toBe('');
  });
});
