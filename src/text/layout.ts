/**
 * Layout: prepare once (sanitize, segment, measure, classify breaks), wrap at any width.
 *
 * Wrapping rules (issue 3):
 * - "\n" starts a new line; a blank line ("\n\n") gives an empty output line; every paragraph
 *   (the text split at "\n") gives at least one line, so wrap("") is [""].
 * - Lines break at break opportunities (src/text/linebreak.ts): between CJK characters, after
 *   spaces, never inside a grapheme, never inside a Latin word or between Hangul syllables
 *   (keep-all) unless that word alone is wider than the line; then it is hard-broken at the
 *   last grapheme boundary that fits and that kinsoku allows.
 * - Kinsoku by push-out: a break that would start a line with a no-start character or end one
 *   with a no-end character (or split ……, ——, 10%, 28℃, 3km) is moved earlier. A rule is broken
 *   only when the line holds no boundary at all where kinsoku allows a break.
 * - U+0020 spaces at a break are dropped: none at the end of a line, none at the start of the
 *   next. Spaces at the start of a paragraph (indentation) are kept when they fit with what
 *   follows; spaces at the end of a paragraph are dropped.
 * - No line is wider than `width` columns, except a single grapheme wider than the whole
 *   width, which then stands alone on its line. `width` < 1 is treated as 1.
 *
 * "Joining" (what the property tests check): split the sanitized text at "\n" into
 * paragraphs; each paragraph P produces lines L1..Lk (k >= 1) such that
 *     P = S0 + L1 + S1 + L2 + ... + Lk + Sk
 * where every Sj is a (possibly empty) run of space graphemes (U+0020 on its own: " \u0301",
 * a space carrying a combining mark, is a visible grapheme, not a space), no line ends with a
 * space grapheme and no line after the first starts with one. A paragraph that is empty or only spaces gives
 * the single line "". The output is the concatenation of the paragraphs' lines, in order.
 */
import { BREAK_EMERGENCY, BREAK_OK, computeBreaks } from './linebreak.js';
import { collectGraphemes } from 'unicode-segmenter/grapheme';
import { CLASS_MASK, NL, SP } from './break-class.js';
import { graphemeInfo, infoOfCode } from './grapheme-info.js';
import { graphemeWidth, graphemes, isNarrowMode, isSimpleUnit, textWidth, widthIn, widthModeKey, widthOfCode } from './width.js';
import { sanitize, sanitizeLine } from './sanitize.js';

/** A text segmented and classified once; re-wrap it at any width with wrapPrepared. */
export interface PreparedText {
  /** The sanitized text the lines are sliced from. */
  readonly text: string;
  /** @internal number of graphemes */
  readonly count: number;
  /** @internal UTF-16 offset of each grapheme; offsets[count] = text.length */
  readonly offsets: Uint32Array;
  /** @internal class + flags per grapheme (grapheme-info.ts) */
  readonly info: Int32Array;
  /** @internal break kind before each grapheme (linebreak.ts) */
  readonly brk: Uint8Array;
  /** @internal index of the last non-space grapheme before each index, within its paragraph */
  readonly prevNonSpace: Int32Array;
  /** @internal widths in the width mode recorded in widthsMode */
  widths: Uint8Array;
  /** @internal widthModeKey() when widths were measured */
  widthsMode: number;
  /** @internal small layout cache for wrapPreparedCached: key `${width}:${mode}` */
  cache?: Map<string, readonly string[]>;
}

/** Sanitize, segment, measure and classify breaks once. Linear in the text length. */
export function prepareText(text: string): PreparedText {
  const clean = sanitize(text);
  const len = clean.length;
  const narrow = isNarrowMode();
  // At most one grapheme per code unit; trimmed with subarray below.
  const offsets = new Uint32Array(len + 1);
  const info = new Int32Array(len);
  const widths = new Uint8Array(len);
  let n = 0;
  let i = 0;
  while (i < len) {
    const c = clean.charCodeAt(i);
    if (isSimpleUnit(c) && (i + 1 === len || isSimpleUnit(clean.charCodeAt(i + 1)))) {
      // Fast path: a one-code-unit grapheme; no segmenter, no string allocation.
      offsets[n] = i;
      info[n] = infoOfCode(c);
      widths[n] = widthOfCode(c, narrow);
      n++;
      i++;
      continue;
    }
    // A stretch that needs the segmenter: up to the first boundary between two simple units.
    let j = i + 1;
    while (j < len && !(isSimpleUnit(clean.charCodeAt(j)) && isSimpleUnit(clean.charCodeAt(j - 1)))) j++;
    const gs = collectGraphemes(clean.slice(i, j));
    let off = i;
    for (let k = 0; k < gs.length; k++) {
      const g = gs[k]!;
      offsets[n] = off;
      info[n] = graphemeInfo(g);
      widths[n] = widthIn(g, narrow);
      off += g.length;
      n++;
    }
    i = j;
  }
  offsets[n] = len;
  const brk = new Uint8Array(n);
  const prevNonSpace = new Int32Array(n + 1);
  const inf = info.subarray(0, n);
  let ps = 0;
  for (let k = 0; k <= n; k++) {
    if (k === n || (inf[k]! & CLASS_MASK) === NL) {
      computeBreaks(inf, ps, k, brk, prevNonSpace);
      ps = k + 1;
    }
  }
  return {
    text: clean,
    count: n,
    offsets: offsets.subarray(0, n + 1),
    info: inf,
    brk,
    prevNonSpace,
    widths: widths.subarray(0, n),
    widthsMode: widthModeKey(),
  };
}

/** Re-measure every grapheme of a prepared text in the given ambiguous-width mode. */
function measure(pt: PreparedText, narrow: boolean): Uint8Array {
  const { count, offsets, text } = pt;
  const w = new Uint8Array(count);
  for (let k = 0; k < count; k++) w[k] = widthIn(text.slice(offsets[k]!, offsets[k + 1]!), narrow);
  return w;
}

/**
 * Lay out a prepared text at `width` columns, without segmenting again (resize path).
 * Re-measures only if widths (ambiguous setting, measured terminal widths) changed since preparation.
 */
export function wrapPrepared(prepared: PreparedText, width: number): string[] {
  const limit = width >= 1 ? Math.floor(width) : 1;
  if (prepared.widthsMode !== widthModeKey()) {
    prepared.widths = measure(prepared, isNarrowMode());
    prepared.widthsMode = widthModeKey();
  }
  const lines: string[] = [];
  const { count: n, info } = prepared;
  let ps = 0;
  for (let k = 0; k <= n; k++) {
    if (k === n || (info[k]! & CLASS_MASK) === NL) {
      layoutParagraph(prepared, ps, k, limit, lines);
      ps = k + 1;
    }
  }
  return lines;
}

function layoutParagraph(pt: PreparedText, ps: number, pe: number, limit: number, lines: string[]): void {
  const { info, brk, prevNonSpace, widths, offsets, text } = pt;
  const before = lines.length;
  let a = ps;
  outer: while (a < pe) {
    let w = 0;
    let lastOpp = -1;
    let p = -1; // start of the next line, -1 when the rest of the paragraph fits
    for (let i = a; i < pe; i++) {
      const gw = widths[i]!;
      if ((info[i]! & CLASS_MASK) === SP) {
        w += gw; // spaces hang: they never cause a break
        continue;
      }
      const hasContent = prevNonSpace[i]! >= a;
      if (hasContent && brk[i] === BREAK_OK) lastOpp = i;
      if (w + gw > limit) {
        if (!hasContent) {
          if (i > a) {
            // Only indentation before i and it does not fit with i: drop the indentation.
            a = i;
            continue outer;
          }
          p = i + 1; // a single grapheme wider than the whole line: alone on its line
        } else if (lastOpp > a) {
          p = lastOpp;
        } else if ((info[a]! & CLASS_MASK) === SP) {
          // Paragraph indentation followed by a word that does not fit with it: dropping the
          // indentation is a regular break (it would leave an empty line, which is not emitted).
          while ((info[a]! & CLASS_MASK) === SP) a++;
          continue outer;
        } else {
          // No regular opportunity: hard-break at the last boundary kinsoku allows...
          for (let q = i; q > a; q--) {
            if (brk[q]! >= BREAK_EMERGENCY && prevNonSpace[q]! >= a) {
              p = q;
              break;
            }
          }
          if (p < 0) p = i; // ...or, if there is none, break a rule (forced).
        }
        break;
      }
      w += gw;
    }
    if (p < 0) {
      const last = prevNonSpace[pe]!;
      if (last >= a) lines.push(text.slice(offsets[a]!, offsets[last + 1]!));
      break;
    }
    const last = prevNonSpace[p]!;
    lines.push(text.slice(offsets[a]!, offsets[last + 1]!));
    a = p;
    while (a < pe && (info[a]! & CLASS_MASK) === SP) a++;
  }
  if (lines.length === before) lines.push('');
}

/**
 * What the wrap dropped between consecutive lines of `text` (its sanitized form, `prepared.text`):
 * joins[k] stands between lines[k] and lines[k + 1] ('' between CJK characters, the spaces of a
 * break between words, newlines between paragraphs), so the lines and joins give the text back.
 * A search highlight uses them to find a match that runs across a line break.
 */
export function lineJoins(text: string, lines: readonly string[]): string[] {
  const joins: string[] = [];
  let end = 0;
  lines.forEach((line, index) => {
    // Lines are slices of the text in order, with only spaces and newlines between them; an
    // empty line is a blank paragraph, which starts after the next newline.
    const start = line !== '' ? text.indexOf(line, end) : index === 0 ? 0 : text.indexOf('\n', end) + 1;
    if (index > 0) joins.push(start <= 0 ? '\n' : text.slice(end, start));
    if (start >= 0) end = start + line.length;
  });
  return joins;
}

/** wrapPrepared(prepareText(text), width). */
export function wrap(text: string, width: number): string[] {
  return wrapPrepared(prepareText(text), width);
}

const CACHE_WIDTHS = 4;

/**
 * Like wrapPrepared, but remembers the last few layouts on the prepared text (keyed by
 * width and ambiguous-width mode). The returned array is shared: do not mutate it.
 */
export function wrapPreparedCached(prepared: PreparedText, width: number): readonly string[] {
  const key = `${width >= 1 ? Math.floor(width) : 1}:${widthModeKey()}`;
  let cache = prepared.cache;
  if (cache) {
    const hit = cache.get(key);
    if (hit) return hit;
  } else {
    cache = prepared.cache = new Map();
  }
  const lines = wrapPrepared(prepared, width);
  if (cache.size >= CACHE_WIDTHS) cache.delete(cache.keys().next().value!);
  cache.set(key, lines);
  return lines;
}

const ELLIPSIS = '…';

/**
 * One line cut to `width` columns with '…' (measured with its own width, which depends on
 * the ambiguous-width setting) that never cuts a wide character in half; spaces before the
 * ellipsis are dropped. Input goes through sanitizeLine first; a text that fits is returned
 * as sanitized (the same string when it was clean). Width < 1 gives "". If even the
 * ellipsis is wider than `width` (width 1, ambiguous wide), the text is cut without one.
 */
export function truncate(text: string, width: number): string {
  const s = sanitizeLine(text);
  const limit = Math.floor(width);
  if (!(limit >= 1)) return '';
  if (textWidth(s) <= limit) return s;
  const gs = graphemes(s);
  const ew = graphemeWidth(ELLIPSIS);
  const budget = ew > limit ? limit : limit - ew;
  let used = 0;
  let end = 0; // code-unit end of the kept prefix
  let endNonSpace = 0;
  for (let k = 0; k < gs.length; k++) {
    const g = gs[k]!;
    const gw = graphemeWidth(g);
    if (used + gw > budget) break;
    used += gw;
    end += g.length;
    if (g !== ' ') endNonSpace = end;
  }
  const kept = s.slice(0, endNonSpace);
  return ew > limit ? kept : kept + ELLIPSIS;
}

/** Exactly `width` columns: truncated if needed, then padded with spaces. */
export function fitWidth(text: string, width: number): string {
  const limit = Math.floor(width);
  if (!(limit >= 1)) return '';
  const t = truncate(text, limit);
  const w = textWidth(t);
  return w >= limit ? t : t + ' '.repeat(limit - w);
}
