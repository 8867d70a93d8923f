import { afterEach, describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { graphemeWidth, graphemes, setAmbiguousWidth, textWidth } from '../../src/text/index.js';
import { knownWideBmp } from '../../src/text/width.js';

afterEach(() => setAmbiguousWidth('narrow'));

describe('graphemes', () => {
  it('keeps ZWJ sequences, flags, skin tones, keycaps and combining marks whole', () => {
    expect(graphemes('👨‍👩‍👧🇯🇵👍🏽1️⃣e\u0301ｶﾞ')).toEqual(['👨‍👩‍👧', '🇯🇵', '👍🏽', '1️⃣', 'e\u0301', 'ｶﾞ']);
  });
  it('is linear: 100k characters quickly', () => {
    const s = '日本語とEnglish混じり👍🏽。'.repeat(6000);
    const t0 = performance.now();
    expect(graphemes(s).length).toBe(16 * 6000);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('widths', () => {
  it('match string-width per grapheme', () => {
    const samples = ['a', '日', 'ｶ', 'Ａ', '한', '👨‍👩‍👧', '🇯🇵', '👍🏽', '#️⃣', 'e\u0301', '\u200b', '❤️', '　'];
    for (const g of samples) expect(graphemeWidth(g), g).toBe(stringWidth(g));
  });
  it('ZWJ emoji, flags, skin tones and keycaps are 2 columns; combining marks add nothing', () => {
    expect(textWidth('👨‍👩‍👧🇯🇵👍🏽#️⃣')).toBe(8);
    expect(textWidth('e\u0301te\u0301')).toBe(3);
    expect(textWidth('ﾆﾎﾝ日本')).toBe(7);
  });
  it('the string-width shortcut ranges agree with string-width in both modes', () => {
    const bad: number[] = [];
    for (let c = 0x3000; c <= 0xd7ff; c++) {
      if (!knownWideBmp(c)) continue;
      const ch = String.fromCharCode(c);
      if (stringWidth(ch) !== 2 || stringWidth(ch, { ambiguousIsNarrow: false }) !== 2) bad.push(c);
    }
    expect(bad).toEqual([]);
  });
  it('ambiguous characters are narrow by default and wide when set', () => {
    const amb = ['①', '※', '…', '○', '─'];
    for (const g of amb) expect(graphemeWidth(g), g).toBe(1);
    expect(textWidth('①※…○─')).toBe(5);
    setAmbiguousWidth('wide');
    for (const g of amb) expect(graphemeWidth(g), g).toBe(2);
    expect(textWidth('①※…○─')).toBe(10);
    expect(textWidth('abc')).toBe(3);
    setAmbiguousWidth('narrow');
    expect(textWidth('①※…○─')).toBe(5);
  });
});
