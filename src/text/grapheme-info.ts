/**
 * A grapheme's line-breaking info: its class (break-class.ts) resolved for the whole grapheme,
 * kinsoku and East Asian width flags. Cached per grapheme: single code units in a flat typed
 * array, longer graphemes in a Map that is cleared when it grows past maxCachedSequences so a
 * hostile feed cannot grow memory without bound.
 */
import {
  AL, CL, CM, CP, EX, F_CM_START, F_EA, F_KNOWN, F_NO_END, F_NO_START, F_ZWJ_END, ID, IS, NS, OP, QF, QI, RE_EXT_PICT, SP, ZWJ,
  codePointClass,
} from './break-class.js';
import { maxCachedSequences, widthIn } from './width.js';

/**
 * Kinsoku (JLREQ strict). No line may start with: closing brackets and quotes, 、。，．・：；！？‼
 * (and ⁇⁈⁉), prolonged sound mark, iteration marks, small kana, wave dash — i.e. the classes
 * CL, CP, EX, IS, NS plus ” ’ — nor end with opening brackets and quotes (OP plus “ ‘).
 */
function kinsokuFlags(cls: number, cp: number): number {
  let f = 0;
  if (cls === CL || cls === CP || cls === EX || cls === IS || cls === NS) f |= F_NO_START;
  if (cls === QF && (cp === 0x2019 || cp === 0x201d)) f |= F_NO_START;
  if (cls === OP) f |= F_NO_END;
  if (cls === QI && (cp === 0x2018 || cp === 0x201c)) f |= F_NO_END;
  return f;
}

function computeInfo(g: string): number {
  const cp = g.codePointAt(0)!;
  const first = cp > 0xffff ? g.slice(0, 2) : g[0]!;
  let cls = codePointClass(cp, first);
  if (cls === SP && g.length > 1) cls = AL; // SP + combining mark: LB10
  let cmStart = 0;
  if (cls === CM || cls === ZWJ) {
    cls = AL; // LB10 (LB9 is applied in computeBreaks)
    cmStart = F_CM_START;
  }
  if (cls === AL && g.length > 1 && g.includes('\ufe0f') && RE_EXT_PICT.test(first)) cls = ID;
  let f = cls | F_KNOWN | cmStart | kinsokuFlags(cls, cp);
  if (g.charCodeAt(g.length - 1) === 0x200d) f |= F_ZWJ_END;
  if (widthIn(g, true) === 2 || (cp >= 0xff61 && cp <= 0xffdc)) f |= F_EA;
  return f;
}

const infoBmp = new Int32Array(0x10000);
const infoMap = new Map<string, number>();

/** Class + flags of a grapheme (cached). */
export function graphemeInfo(g: string): number {
  if (g.length === 1) {
    const c = g.charCodeAt(0);
    let v = infoBmp[c]!;
    if (v === 0) {
      v = computeInfo(g);
      infoBmp[c] = v;
    }
    return v;
  }
  let v = infoMap.get(g);
  if (v === undefined) {
    v = computeInfo(g);
    if (infoMap.size >= maxCachedSequences) infoMap.clear();
    infoMap.set(g, v);
  }
  return v;
}

/** graphemeInfo for a grapheme that is the single BMP code unit c. */
export function infoOfCode(c: number): number {
  const v = infoBmp[c]!;
  return v !== 0 ? v : graphemeInfo(String.fromCharCode(c));
}
