/**
 * Line-break opportunities between graphemes: a hand-written subset of UAX #14 (Unicode
 * line breaking) plus strict Japanese kinsoku (JLREQ) and Korean keep-all.
 *
 * Why hand-written (see /work/shared/field-notes.md, "Text"):
 * - wrap-ansi (what Ink's `<Text wrap>` uses) breaks only at ASCII spaces: Japanese overflows
 *   in soft mode; hard mode starts lines with 。、」ー and splits English words.
 * - `linebreak` (npm) carries Unicode 13 data, is strict-only and fails 59 of the 7,654
 *   LineBreakTest cases; `css-line-break` fails 97 and its keep-all does not keep Hangul.
 * - `budoux` (phrase breaking for ja/zh) pulls 59 packages.
 * A table-driven pass over graphemes is small, has no dependencies, runs in linear time,
 * and lets us state exactly where we differ from UAX #14 (src/text/CONFORMANCE.md).
 *
 * Break kinds, stored per grapheme index i for the boundary *before* grapheme i:
 *   BREAK_NO (0)        kinsoku forbids it (or i is a space: spaces never start a line);
 *                       only used when a line would otherwise hold nothing / overflow;
 *   BREAK_EMERGENCY (1) not a UAX #14 opportunity (e.g. inside a Latin word) but kinsoku
 *                       allows it: used to hard-break a word wider than the line;
 *   BREAK_OK (2)        a real break opportunity.
 */
import {
  AL, B2, BA, BB, CB, CL, CLASS_MASK, CP, EX, F_CM_START, F_EA, F_NO_END, F_NO_START, F_ZWJ_END, GL, HG, HL, HY, ID, IN,
  IS, NL, NS, NU, OP, PO, PR, QF, QI, QU, SP, SY, WJ, ZW,
} from './break-class.js';
import { graphemeInfo } from './grapheme-info.js';

export const BREAK_NO = 0;
/** info bit: this grapheme was attached to the previous one by LB9 (no break before it). */
const F_CM_ATTACHED = 1 << 11;
export const BREAK_EMERGENCY = 1;
export const BREAK_OK = 2;

function isAlpha(c: number): boolean {
  return c === AL || c === HL || c === HG;
}

/**
 * UAX #14 pair decision for the boundary before i (i > start, info[i] not SP/NL).
 * `pc` is the class of the last non-space grapheme before i in the paragraph (-1 if none);
 * inNum / inNumPrev: whether the sequence ending at i-1 / i-2 matches NU (NU|SY|IS)*.
 */
function uaxBreak(
  info: ArrayLike<number>, i: number, start: number, end: number, pc: number,
  inNum: boolean, inNumPrev: boolean,
): boolean {
  const ai = info[i]!;
  const bi = info[i - 1]!;
  const a = ai & CLASS_MASK;
  const b = bi & CLASS_MASK;
  if (a === ZW) return false; // LB7
  if (b === ZW || (b === SP && pc === ZW)) return true; // LB8 ZW SP* ÷
  if (bi & F_ZWJ_END) return false; // LB8a
  if (a === WJ || b === WJ) return false; // LB11
  if (b === GL) return false; // LB12
  if (a === GL && b !== SP && b !== BA && b !== HY) return false; // LB12a
  if (a === CL || a === CP || a === EX || a === IS || a === SY) return false; // LB13
  if (pc === OP) return false; // LB14 OP SP* ×
  if ((pc === QU || pc === QI || pc === QF) && a === OP) return false; // LB15 QU SP* × OP
  if ((pc === CL || pc === CP) && a === NS) return false; // LB16
  if (pc === B2 && a === B2) return false; // LB17
  if (b === SP) return true; // LB18
  // LB19 / LB19a in their Unicode 15.1 form: quotes glue to their neighbours, except that an
  // opening (Pi) quote may start a line between East Asian characters and a closing (Pf) quote
  // may end one (so “日本” inside Japanese text breaks like a bracket).
  if (a === QU || b === QU || a === QF || b === QI) return false;
  if (a === QI) {
    if (!(bi & F_EA)) return false;
    if (i + 1 >= end || !(info[i + 1]! & F_EA)) return false;
  }
  if (b === QF) {
    if (!(ai & F_EA)) return false;
    if (i - 2 < start || !(info[i - 2]! & F_EA)) return false;
  }
  if (a === CB || b === CB) return true; // LB20
  if (a === BA || a === HY || a === NS || b === BB) return false; // LB21
  if ((b === HY || b === BA) && i - 2 >= start && (info[i - 2]! & CLASS_MASK) === HL) return false; // LB21a
  if (b === SY && a === HL) return false; // LB21b
  if (a === IN) return false; // LB22
  const aAl = isAlpha(a);
  const bAl = isAlpha(b);
  if ((bAl && a === NU) || (b === NU && aAl)) return false; // LB23
  if ((b === PR && a === ID) || (b === ID && a === PO)) return false; // LB23a
  if (((b === PR || b === PO) && aAl) || (bAl && (a === PR || a === PO))) return false; // LB24
  // LB25, tailored as in UAX #14 section 8.2 example 7 (what LineBreakTest uses).
  if (b === PR || b === PO) {
    if (a === NU) return false;
    if ((a === OP || a === HY) && i + 1 < end && (info[i + 1]! & CLASS_MASK) === NU) return false;
  }
  if ((b === OP || b === HY) && a === NU) return false;
  if (inNum && (a === NU || a === SY || a === IS || a === CL || a === CP)) return false;
  if ((a === PR || a === PO) && (inNum || ((b === CL || b === CP) && inNumPrev))) return false;
  // LB26/LB27 (Hangul) are subsumed by keep-all: HG is alphabetic here.
  if (bAl && aAl) return false; // LB28 (+ keep-all)
  if (b === IS && aAl) return false; // LB29
  if ((bAl || b === NU) && a === OP && !(ai & F_EA)) return false; // LB30
  if (b === CP && !(bi & F_EA) && (aAl || a === NU)) return false; // LB30
  // LB30a: regional-indicator pairs are single graphemes already. LB30b: EB × EM likewise.
  return true; // LB31
}

/** Pairs that kinsoku keeps together even when hard-breaking: ……, ——, ‥‥, 10%, 28℃, $5, 3km. */
function inseparable(b: number, a: number): boolean {
  return (
    (b === IN && a === IN) ||
    (b === B2 && a === B2) ||
    (b === NU && (a === PO || isAlpha(a))) ||
    (b === PR && a === NU)
  );
}

/**
 * Fill `out[start..end)` with break kinds for one paragraph (no NL inside), and
 * `prevNonSpace[start..end]` with the index of the last non-space grapheme before each
 * index (or start-1 when none in the paragraph).
 */
export function computeBreaks(
  info: Int32Array, start: number, end: number, out: Uint8Array, prevNonSpace: Int32Array,
): void {
  // LB9: a grapheme that starts with a combining mark or ZWJ (e.g. after a word joiner)
  // takes the class and flags of the grapheme before it, unless that is SP or ZW. Done in
  // place, once: the flag F_CM_START is cleared so a second call does not chain further.
  for (let i = start + 1; i < end; i++) {
    const ai = info[i]!;
    if (ai & F_CM_START) {
      const prev = info[i - 1]!;
      const pc = prev & CLASS_MASK;
      if (pc !== SP && pc !== ZW) info[i] = (prev & ~(F_ZWJ_END | F_CM_START)) | (ai & F_ZWJ_END) | F_CM_ATTACHED;
      else info[i] = ai & ~F_CM_START;
    }
  }
  let lastNS = start - 1;
  let inNum = false;
  let inNumPrev = false;
  for (let i = start; i < end; i++) {
    const ai = info[i]!;
    const a = ai & CLASS_MASK;
    prevNonSpace[i] = lastNS;
    if (i === start || a === SP || ai & F_CM_ATTACHED) {
      out[i] = BREAK_NO;
    } else {
      // Kinsoku validity: the line would end with the last non-space before i and the next
      // would start with i.
      let ok = !(ai & F_NO_START);
      if (ok && lastNS >= start) {
        const pi = info[lastNS]!;
        if (pi & F_NO_END) ok = false;
        else if (lastNS === i - 1 && inseparable(pi & CLASS_MASK, a)) ok = false;
      }
      if (!ok) out[i] = BREAK_NO;
      else {
        const pc = lastNS >= start ? info[lastNS]! & CLASS_MASK : -1;
        out[i] = uaxBreak(info, i, start, end, pc, inNum, inNumPrev) ? BREAK_OK : BREAK_EMERGENCY;
      }
    }
    const nowInNum: boolean = a === NU || ((a === SY || a === IS) && inNum);
    inNumPrev = inNum;
    inNum = nowInNum;
    if (a !== SP) lastNS = i;
  }
  prevNonSpace[end] = lastNS;
}

/**
 * Break opportunities over a grapheme array: result[i] is true when a line may break before
 * graphemes[i] (result[0] is false). This is exactly what wrapping uses as a regular break:
 * UAX #14 with the tailorings in CONFORMANCE.md (strict kinsoku, keep-all, quotes). A "\n"
 * grapheme is a mandatory break (true after it, false before it).
 */
export function breakOpportunities(graphemes: readonly string[]): boolean[] {
  const n = graphemes.length;
  const info = new Int32Array(n);
  for (let k = 0; k < n; k++) info[k] = graphemeInfo(graphemes[k]!);
  const out = new Uint8Array(n);
  const prev = new Int32Array(n + 1);
  const res = new Array<boolean>(n).fill(false);
  let ps = 0;
  for (let k = 0; k <= n; k++) {
    if (k === n || (info[k]! & CLASS_MASK) === NL) {
      computeBreaks(info, ps, k, out, prev);
      for (let j = ps + 1; j < k; j++) res[j] = out[j] === BREAK_OK;
      if (k < n && k + 1 < n) res[k + 1] = true;
      ps = k + 1;
    }
  }
  return res;
}

/** Kinsoku predicates on one grapheme (exported for tests and callers). */
export function isNoStart(grapheme: string): boolean {
  return grapheme.length > 0 && (graphemeInfo(grapheme) & F_NO_START) !== 0;
}
export function isNoEnd(grapheme: string): boolean {
  return grapheme.length > 0 && (graphemeInfo(grapheme) & F_NO_END) !== 0;
}
/** True when two adjacent graphemes must stay on one line if at all possible (……, ——, 10%...). */
export function isInseparable(before: string, after: string): boolean {
  if (!before || !after) return false;
  return inseparable(graphemeInfo(before) & CLASS_MASK, graphemeInfo(after) & CLASS_MASK);
}
