import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { applyWidthProfile, graphemes, profileFrom, truncate, wrap, type MeasuredWidths } from '../../src/text/index.js';

/*
 * A terminal with chosen widths for the kinds it disagrees on, modelled independently of the
 * layout: each sample grapheme is drawn with the width of its kind, a split ZWJ sequence as
 * its parts. With the widths the probe would measure on it, no laid-out line may be wider.
 */
type Terminal = Required<Pick<MeasuredWidths, 'ambiguous' | 'modifier' | 'vs16' | 'flag' | 'keycap' | 'combining' | 'halfwidthMark'>> & { zwjSplit: boolean };

const samples: Record<string, (t: Terminal) => number> = {
  a: () => 1, M: () => 1, ' ': () => 1, '漢': () => 2, '한': () => 2, 'カ': () => 2, 'ｶ': () => 1, '。': () => 2, '「': () => 2,
  '※': (t) => t.ambiguous, '①': (t) => t.ambiguous, '○': (t) => t.ambiguous,
  '👍🏽': (t) => t.modifier, '👏🏿': (t) => t.modifier,
  '👨‍👩‍👧': (t) => (t.zwjSplit ? 6 : 2),
  '👨‍👩‍👧‍👦': (t) => (t.zwjSplit ? 8 : 2),
  '🧑🏽‍💻': (t) => (t.zwjSplit ? t.modifier + 2 : 2),
  '❤️': (t) => t.vs16, '☀️': (t) => t.vs16,
  '🇯🇵': (t) => t.flag, '🇰🇷': (t) => t.flag,
  '1️⃣': (t) => t.keycap, '#️⃣': (t) => t.keycap,
  'e\u0301': (t) => t.combining, 'a\u0300': (t) => t.combining,
  'ｶﾞ': (t) => t.halfwidthMark, 'ﾊﾟ': (t) => t.halfwidthMark,
};

const terminals = fc.record({
  ambiguous: fc.integer({ min: 1, max: 2 }),
  modifier: fc.constantFrom(2, 4),
  vs16: fc.integer({ min: 1, max: 2 }),
  flag: fc.constantFrom(1, 2, 4),
  keycap: fc.integer({ min: 1, max: 2 }),
  combining: fc.integer({ min: 1, max: 2 }),
  halfwidthMark: fc.integer({ min: 1, max: 2 }),
  zwjSplit: fc.boolean(),
});

/** What the probe would read from this terminal. */
function measuredOn(t: Terminal): MeasuredWidths {
  const { zwjSplit, ...rest } = t;
  return { ...rest, zwj: zwjSplit ? 6 : 2 };
}

function drawnWidth(line: string, t: Terminal): number {
  return graphemes(line).reduce((sum, g) => {
    const width = samples[g];
    if (!width) throw new Error(`unexpected grapheme ${JSON.stringify(g)}`);
    return sum + width(t);
  }, 0);
}

const texts = fc.array(fc.constantFrom(...Object.keys(samples)), { minLength: 1, maxLength: 120 }).map((gs) => gs.join(''));

afterEach(() => {
  applyWidthProfile(profileFrom({}, 'narrow'));
});

describe('layout with measured terminal widths', () => {
  it('no wrapped or cut line is wider than the terminal draws it', () => {
    fc.assert(
      fc.property(terminals, texts, fc.integer({ min: 8, max: 120 }), (t, text, width) => {
        applyWidthProfile(profileFrom(measuredOn(t), 'auto'));
        for (const line of wrap(text, width)) expect(drawnWidth(line, t)).toBeLessThanOrEqual(width);
        expect(drawnWidth(truncate(text, width).replace('…', 'a'), t)).toBeLessThanOrEqual(width);
      }),
      { numRuns: 300 },
    );
  });

  it('counts a sequence the terminal splits as split (tmux: 👍🏽 is two wide cells)', () => {
    applyWidthProfile(profileFrom({ modifier: 4, zwj: 6 }, 'auto'));
    expect(wrap('👍🏽👍🏽👍🏽', 8)).toEqual(['👍🏽👍🏽', '👍🏽']);
    expect(wrap('👨‍👩‍👧👨‍👩‍👧', 10)).toEqual(['👨‍👩‍👧', '👨‍👩‍👧']);
  });
});
