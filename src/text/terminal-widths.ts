import stringWidth from 'string-width';
import { setAmbiguousWidth, setSequenceWidth, type AmbiguousWidth } from './width.js';

/*
 * Terminals disagree with string-width, and with each other, on a few kinds of grapheme. The
 * TUI asks the terminal how wide it draws one probe of each kind (src/tui/terminal/probe.ts);
 * this module turns those answers into widths for every grapheme of the kind.
 */

/** The kinds of grapheme terminals are known to draw differently, each with its probe. */
export const probeStrings = {
  ambiguous: '※', // East Asian Ambiguous: 1 or 2 cells
  modifier: '👍🏽', // emoji + skin-tone modifier: tmux 3.3 draws two wide cells
  zwj: '👨‍👩‍👧', // ZWJ sequence: one glyph, or each part on its own
  vs16: '❤️', // text-default character + VS16: 1 or 2 cells
  flag: '🇯🇵', // regional-indicator pair
  keycap: '1️⃣', // digit + VS16 + combining enclosing keycap
  combining: 'e\u0301', // e + U+0301: the mark on the base, or a cell of its own
  halfwidthMark: 'ｶﾞ', // half-width katakana + half-width voiced mark
} as const;

export type ProbeKind = keyof typeof probeStrings;
export const probeKinds = Object.keys(probeStrings) as ProbeKind[];

/** Columns the terminal moved the cursor for each probe it answered. */
export type MeasuredWidths = Partial<Record<ProbeKind, number>>;

/** What the layout does with a measurement, for `--debug` and tests. */
export interface WidthProfile {
  ambiguous: AmbiguousWidth;
  /** ZWJ sequences counted as the sum of their parts */
  zwjSplit: boolean;
  /** columns added to string-width's answer for graphemes of each kind */
  extra: Record<Exclude<ProbeKind, 'ambiguous' | 'zwj'>, number>;
}

const ZWJ = '\u200d';
const modifier = /[\u{1f3fb}-\u{1f3ff}]/u;
const regionalIndicator = /^[\u{1f1e6}-\u{1f1ff}]{2}$/u;
const nonspacingMark = /\p{Mn}/gu;
const keycap = '\u20e3';

/** string-width's own answer for each probe: what the layout assumes without a measurement. */
function assumed(kind: ProbeKind, ambiguous: AmbiguousWidth): number {
  return stringWidth(probeStrings[kind], { ambiguousIsNarrow: ambiguous !== 'wide' });
}

function zwjParts(grapheme: string): string[] {
  return grapheme.split(ZWJ).filter((part) => part.length > 0);
}

/**
 * Turns measurements into a profile. `ambiguousSetting` is the reader's choice; `auto` takes
 * the measurement, and narrow without one. A kind the terminal did not answer keeps
 * string-width's width.
 */
export function profileFrom(measured: MeasuredWidths, ambiguousSetting: AmbiguousWidth | 'auto'): WidthProfile {
  const ambiguous: AmbiguousWidth =
    ambiguousSetting !== 'auto' ? ambiguousSetting : measured.ambiguous === 2 ? 'wide' : 'narrow';
  const extraOf = (kind: Exclude<ProbeKind, 'ambiguous' | 'zwj'>): number => {
    const cells = measured[kind];
    return cells === undefined ? 0 : cells - assumed(kind, ambiguous);
  };
  const zwjCells = measured.zwj;
  // Anything wider than one glyph means the terminal drew the parts.
  const zwjSplit = zwjCells !== undefined && zwjCells > assumed('zwj', ambiguous);
  return {
    ambiguous,
    zwjSplit,
    extra: {
      modifier: extraOf('modifier'),
      vs16: extraOf('vs16'),
      flag: extraOf('flag'),
      keycap: extraOf('keycap'),
      combining: extraOf('combining'),
      halfwidthMark: extraOf('halfwidthMark'),
    },
  };
}

/** The width of one grapheme under a profile, given string-width's answer for it. */
export function sequenceWidthIn(profile: WidthProfile, grapheme: string, stringWidthSays: number, narrow: boolean): number {
  const { extra } = profile;
  if (profile.zwjSplit && grapheme.includes(ZWJ)) {
    const parts = zwjParts(grapheme);
    if (parts.length > 1) {
      let sum = 0;
      for (const part of parts) sum += sequenceWidthIn(profile, part, stringWidth(part, { ambiguousIsNarrow: narrow }), narrow);
      return sum;
    }
  }
  let width = stringWidthSays;
  if (regionalIndicator.test(grapheme)) width += extra.flag;
  else if (grapheme.endsWith(keycap)) width += extra.keycap;
  else {
    if (modifier.test(grapheme) && grapheme.length > 2) width += extra.modifier;
    else if (grapheme.endsWith('\ufe0f') && stringWidth(grapheme.slice(0, -1), { ambiguousIsNarrow: narrow }) === 1) width += extra.vs16;
    if (/[\uff9e\uff9f]/.test(grapheme)) width += extra.halfwidthMark;
    // Variation selectors are nonspacing marks too, but select a presentation, not a mark.
    const marks = grapheme.match(nonspacingMark)?.filter((m) => m < '\ufe00' || m > '\ufe0f').length ?? 0;
    width += marks * extra.combining;
  }
  return Math.max(0, Math.min(width, 255));
}

/** Lays text out with this profile from now on (ambiguous setting included). */
export function applyWidthProfile(profile: WidthProfile): void {
  setAmbiguousWidth(profile.ambiguous);
  const unchanged = !profile.zwjSplit && Object.values(profile.extra).every((cells) => cells === 0);
  setSequenceWidth(unchanged ? undefined : (g, w, narrow) => sequenceWidthIn(profile, g, w, narrow));
}

/** One line for `--debug`: what was measured and how it is used. */
export function describeWidths(measured: MeasuredWidths, profile: WidthProfile): string {
  const cells = probeKinds.map((kind) => `${kind} ${measured[kind] ?? '?'}/${assumed(kind, profile.ambiguous)}`).join(', ');
  return `terminal widths (measured/string-width): ${cells}; ambiguous ${profile.ambiguous}${profile.zwjSplit ? ', ZWJ sequences split' : ''}`;
}
