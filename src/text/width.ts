/**
 * Graphemes and their display width: string-width's answer, cached per grapheme and per
 * ambiguous-width mode, and the ambiguous-width and terminal-measured sequence settings.
 *
 * Caches: single-code-unit graphemes (ASCII, kana, most kanji/hanzi, Hangul, punctuation)
 * use flat typed arrays indexed by the code unit; longer graphemes (emoji sequences,
 * combining sequences, astral characters) use a Map that is cleared when it grows past
 * maxCachedSequences so a hostile feed cannot grow memory without bound.
 */
import stringWidth from 'string-width';
import { collectGraphemes } from 'unicode-segmenter/grapheme';

/** Entries a per-sequence cache holds before it is emptied (shared with grapheme-info.ts). */
export const maxCachedSequences = 50_000;
const widthBmp = [new Int8Array(0x10000).fill(-1), new Int8Array(0x10000).fill(-1)] as const;
const widthMap = [new Map<string, number>(), new Map<string, number>()] as const;

/** Width of the single-code-unit grapheme c. */
export function widthOfCode(c: number, narrow: boolean): number {
  const w = widthBmp[narrow ? 0 : 1][c]!;
  return w >= 0 ? w : stringWidthCached(String.fromCharCode(c), narrow);
}

/**
 * "Simple" code units: Grapheme_Cluster_Break Other (or LF) and never joined by what follows
 * unless that is an extender. Between two simple code units there is always a grapheme
 * boundary (GB4/GB5/GB999: none of them is Prepend, Extend, ZWJ, a Hangul jamo, RI or CR),
 * so prepareText can skip the segmenter for runs of them. Checked by a property test
 * against graphemes().
 */
export function isSimpleUnit(c: number): boolean {
  if (c < 0x7f) return c >= 0x20 || c === 0x0a;
  if (c < 0x3000) return false;
  if (c <= 0x9fff) return !((c >= 0x302a && c <= 0x302f) || c === 0x3099 || c === 0x309a);
  if (c >= 0xac00 && c <= 0xd7a3) return true; // Hangul LV/LVT syllables
  return c >= 0xff01 && c <= 0xff60; // full-width forms (not the half-width voiced marks)
}

/**
 * Single code points whose width string-width reports as 2 in both modes; skipping the
 * string-width call for them keeps the first layout of a kanji-heavy text fast.
 * (tests/text/width.test.ts checks these ranges against string-width.)
 */
export function knownWideBmp(c: number): boolean {
  return (
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0x3041 && c <= 0x3096) ||
    (c >= 0x30a1 && c <= 0x30fa)
  );
}

function stringWidthCached(g: string, narrow: boolean): number {
  const m = narrow ? 0 : 1;
  if (g.length === 1) {
    const c = g.charCodeAt(0);
    const arr = widthBmp[m];
    let w = arr[c]!;
    if (w < 0) {
      if (c >= 0x20 && c < 0x7f) w = 1;
      else if (knownWideBmp(c)) w = 2;
      else w = stringWidth(g, { ambiguousIsNarrow: narrow });
      arr[c] = w;
    }
    return w;
  }
  const map = widthMap[m];
  let w = map.get(g);
  if (w === undefined) {
    w = stringWidth(g, { ambiguousIsNarrow: narrow });
    if (sequenceWidth) w = sequenceWidth(g, w, narrow);
    if (map.size >= maxCachedSequences) map.clear();
    map.set(g, w);
  }
  return w;
}

// ---------------------------------------------------------------------------------------
// Public: graphemes, widths, ambiguous-width setting
// ---------------------------------------------------------------------------------------
export type AmbiguousWidth = 'narrow' | 'wide';
let ambiguousNarrow = true;
/** Bumped whenever widths change, so prepared texts and cached layouts re-measure. */
let widthGeneration = 0;

/**
 * How wide this terminal draws a multi-code-point grapheme, given string-width's answer
 * (see terminal-widths.ts); undefined: string-width's answer stands.
 */
export type SequenceWidth = (grapheme: string, stringWidthSays: number, narrow: boolean) => number;
let sequenceWidth: SequenceWidth | undefined;

/** Module-level setting read by every width/layout function (default 'narrow'). */
export function setAmbiguousWidth(mode: AmbiguousWidth): void {
  if (ambiguousNarrow === (mode !== 'wide')) return;
  ambiguousNarrow = mode !== 'wide';
  widthGeneration++;
}

/** Replaces how sequences are measured; every cached sequence width is forgotten. */
export function setSequenceWidth(measure: SequenceWidth | undefined): void {
  sequenceWidth = measure;
  widthMap[0].clear();
  widthMap[1].clear();
  widthGeneration++;
}

/** Changes whenever any width may have changed: a key for caches of measured text. */
export function widthModeKey(): number {
  return widthGeneration;
}

/**
 * Extended grapheme clusters, via unicode-segmenter (linear time; Node 20's Intl.Segmenter
 * is super-linear on long strings: 100k characters take seconds).
 */
export function graphemes(text: string): string[] {
  if (text.length === 0) return [];
  return collectGraphemes(text);
}

/** Terminal columns of one grapheme: string-width's answer, cached. */
export function graphemeWidth(grapheme: string): number {
  if (grapheme.length === 0) return 0;
  return stringWidthCached(grapheme, ambiguousNarrow);
}

/** Columns of a (sanitized, single-line) text: the sum of its graphemes' widths. */
export function textWidth(text: string): number {
  const n = text.length;
  let i = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f) break;
  }
  if (i === n) return n; // printable ASCII: one column each
  return sumWidths(graphemes(text));
}

function sumWidths(gs: string[]): number {
  let w = 0;
  const narrow = ambiguousNarrow;
  for (let k = 0; k < gs.length; k++) w += stringWidthCached(gs[k]!, narrow);
  return w;
}

/** Internal: width under an explicit mode (used by layout so a prepared text can re-measure). */
export function widthIn(g: string, narrow: boolean): number {
  return stringWidthCached(g, narrow);
}
export function isNarrowMode(): boolean {
  return ambiguousNarrow;
}
