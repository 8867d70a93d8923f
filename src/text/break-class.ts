/**
 * Line-breaking classes (a UAX #14 subset) of code points, and the bits of a grapheme's info
 * (class and flags) that grapheme-info.ts computes and linebreak.ts reads.
 */

// ---------------------------------------------------------------------------------------
// Line-breaking classes (UAX #14 names). Plain numbers so they work under isolatedModules.
// QI/QF are quotation marks with General_Category Pi/Pf (“ ‘ « / ” ’ »), treated as in
// Unicode 15.1 LB19/LB19a; HG is Hangul (syllables and jamo), given "keep-all" behaviour.
// ---------------------------------------------------------------------------------------
export const AL = 0;
export const ID = 1;
export const NU = 2;
export const SP = 3;
export const OP = 4;
export const CL = 5;
export const CP = 6;
export const EX = 7;
export const IS = 8;
export const SY = 9;
export const NS = 10;
export const PR = 11;
export const PO = 12;
export const HY = 13;
export const BA = 14;
export const BB = 15;
export const B2 = 16;
export const IN = 17;
export const GL = 18;
export const WJ = 19;
export const ZW = 20;
export const QU = 21;
export const QI = 22;
export const QF = 23;
export const CB = 24;
export const HL = 25;
export const HG = 26;
export const RI = 27;
export const NL = 28;
export const CM = 29;
export const ZWJ = 30;

export const CLASS_NAMES = [
  'AL', 'ID', 'NU', 'SP', 'OP', 'CL', 'CP', 'EX', 'IS', 'SY', 'NS', 'PR', 'PO', 'HY', 'BA',
  'BB', 'B2', 'IN', 'GL', 'WJ', 'ZW', 'QU', 'QI', 'QF', 'CB', 'HL', 'HG', 'RI', 'NL', 'CM',
  'ZWJ',
] as const;

// Info bits (mode-independent): class in bits 0-4, then flags.
export const CLASS_MASK = 0x1f;
export const F_EA = 1 << 5; // East Asian Wide/Fullwidth/Halfwidth (for LB19a / LB30)
export const F_ZWJ_END = 1 << 6; // grapheme ends with ZWJ (LB8a: no break after)
export const F_NO_START = 1 << 7; // kinsoku: must not start a line
export const F_NO_END = 1 << 8; // kinsoku: must not end a line
/** Set in every computed info, so 0 can mean "not computed yet" in a cache. */
export const F_KNOWN = 1 << 9;
/** Grapheme starts with a combining mark / ZWJ (it did not attach to a base): LB9 attaches it
 * to the previous grapheme when that is not a space, ZW or newline. */
export const F_CM_START = 1 << 10;

const ASCII_CLASS = new Uint8Array(128);
{
  ASCII_CLASS.fill(AL);
  for (let c = 0; c < 0x20; c++) ASCII_CLASS[c] = CM; // controls (sanitized away anyway)
  ASCII_CLASS[0x09] = BA;
  ASCII_CLASS[0x0a] = NL;
  ASCII_CLASS[0x0b] = NL;
  ASCII_CLASS[0x0c] = NL;
  ASCII_CLASS[0x0d] = NL;
  ASCII_CLASS[0x7f] = CM;
  const set = (chars: string, cls: number): void => {
    for (const ch of chars) ASCII_CLASS[ch.charCodeAt(0)] = cls;
  };
  set(' ', SP);
  set('!?', EX);
  set('"\'', QU);
  set('$+\\', PR);
  set('%', PO);
  set('([{', OP);
  set(')]', CP);
  set('}', CL);
  set(',.:;', IS);
  set('-', HY);
  set('/', SY);
  set('0123456789', NU);
  set('|', BA);
}

/** Small kana (JLREQ cl-11), resolved CJ -> NS as in strict line breaking. */
const SMALL_KANA = new Set(
  [...'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ'].map((c) => c.codePointAt(0)!),
);

export const RE_EXT_PICT = /\p{Extended_Pictographic}/u;
const RE_EMOJI_PRES = /\p{Emoji_Presentation}/u;
const RE_MARK = /^\p{M}/u;
const RE_ND = /^\p{Nd}/u;
const RE_PS = /^\p{Ps}/u;
const RE_PE = /^\p{Pe}/u;
const RE_PI = /^\p{Pi}/u;
const RE_PF = /^\p{Pf}/u;
const RE_ZS = /^\p{Zs}/u;

function punct2000(cp: number): number {
  // General Punctuation block, from LineBreak.txt 15.0.
  if (cp <= 0x2006) return BA;
  if (cp === 0x2007) return GL;
  if (cp <= 0x200a) return BA;
  if (cp === 0x200b) return ZW;
  if (cp === 0x200c) return CM;
  if (cp === 0x200d) return ZWJ;
  if (cp <= 0x200f) return CM;
  if (cp === 0x2010) return BA;
  if (cp === 0x2011) return GL;
  if (cp <= 0x2013) return BA;
  if (cp === 0x2014) return B2;
  if (cp === 0x2018 || cp === 0x201b || cp === 0x201c || cp === 0x201f) return QI;
  if (cp === 0x2019 || cp === 0x201d) return QF;
  if (cp === 0x201a || cp === 0x201e) return OP;
  if (cp >= 0x2024 && cp <= 0x2026) return IN;
  if (cp === 0x2027) return BA;
  if (cp === 0x202f) return GL;
  if (cp >= 0x2030 && cp <= 0x2037) return PO;
  if (cp === 0x2039) return QI;
  if (cp === 0x203a) return QF;
  if (cp === 0x203c || cp === 0x203d) return NS;
  if (cp === 0x2044) return IS;
  if (cp === 0x2045) return OP;
  if (cp === 0x2046) return CL;
  if (cp >= 0x2047 && cp <= 0x2049) return NS;
  if (cp === 0x2056) return BA;
  if (cp === 0x2057) return PO;
  if (cp >= 0x2058 && cp <= 0x205b) return BA;
  if (cp >= 0x205d && cp <= 0x205f) return BA;
  if (cp === 0x2060) return WJ;
  return AL;
}

function cjkSymbols3000(cp: number): number {
  // CJK Symbols and Punctuation, Hiragana, Katakana (LineBreak.txt 15.0, CJ -> NS).
  if (cp === 0x3000) return BA;
  if (cp <= 0x3002) return CL;
  if (cp === 0x3005) return NS;
  if (cp >= 0x3008 && cp <= 0x3011) return cp % 2 === 0 ? OP : CL;
  if (cp >= 0x3014 && cp <= 0x301b) return cp % 2 === 0 ? OP : CL;
  if (cp === 0x301c) return NS;
  if (cp === 0x301d) return OP;
  if (cp === 0x301e || cp === 0x301f) return CL;
  if ((cp >= 0x302a && cp <= 0x302f) || cp === 0x3035) return CM;
  if (cp === 0x303b || cp === 0x303c) return NS;
  if (cp < 0x3040) return ID;
  if (cp === 0x3099 || cp === 0x309a) return CM;
  if (cp >= 0x309b && cp <= 0x309e) return NS;
  if (cp === 0x30a0 || cp === 0x30fb || cp === 0x30fc || cp === 0x30fd || cp === 0x30fe) return NS;
  if (SMALL_KANA.has(cp)) return NS;
  return ID;
}

function fullwidthFF00(cp: number): number {
  // Halfwidth and Fullwidth Forms (LineBreak.txt 15.0).
  switch (cp) {
    case 0xff01: case 0xff1f: return EX;
    case 0xff04: case 0xffe1: case 0xffe5: case 0xffe6: return PR;
    case 0xff05: case 0xffe0: return PO;
    case 0xff08: case 0xff3b: case 0xff5b: case 0xff5f: case 0xff62: return OP;
    case 0xff09: case 0xff0c: case 0xff0e: case 0xff3d: case 0xff5d: case 0xff60:
    case 0xff61: case 0xff63: case 0xff64: return CL;
    case 0xff1a: case 0xff1b: case 0xff65: case 0xff9e: case 0xff9f: return NS;
  }
  if (cp >= 0xff10 && cp <= 0xff19) return NU; // tailoring: full-width digits are digits (UAX #14: ID)
  if (cp >= 0xff67 && cp <= 0xff70) return NS; // small half-width katakana, ｰ (CJ)
  if (cp >= 0xffe8) return AL;
  return ID;
}

function smallForms(cp: number): number {
  // Vertical forms, CJK compatibility forms, small form variants.
  if (cp === 0xfe10 || cp === 0xfe13 || cp === 0xfe14) return IS;
  if (cp === 0xfe11 || cp === 0xfe12 || cp === 0xfe18) return CL;
  if (cp === 0xfe15 || cp === 0xfe16 || cp === 0xfe56 || cp === 0xfe57) return EX;
  if (cp === 0xfe17) return OP;
  if (cp === 0xfe19) return IN;
  if (cp >= 0xfe20 && cp <= 0xfe2f) return CM;
  if ((cp >= 0xfe35 && cp <= 0xfe44) || cp === 0xfe47 || cp === 0xfe48) return cp % 2 === 1 ? OP : CL;
  if (cp === 0xfe50 || cp === 0xfe52) return CL;
  if (cp === 0xfe54 || cp === 0xfe55) return NS;
  if (cp >= 0xfe59 && cp <= 0xfe5e) return cp % 2 === 1 ? OP : CL;
  if (cp === 0xfe69) return PR;
  if (cp === 0xfe6a) return PO;
  return ID;
}

function latin1(cp: number): number {
  switch (cp) {
    case 0xa0: return GL;
    case 0xa1: case 0xbf: return OP;
    case 0xa2: case 0xb0: return PO;
    case 0xa3: case 0xa4: case 0xa5: case 0xb1: return PR;
    case 0xab: return QI;
    case 0xbb: return QF;
    case 0xad: return BA;
    case 0xb4: return BB;
  }
  if (cp === 0x85) return NL;
  if (cp < 0xa0) return CM;
  return AL;
}

/** Line-break class of one code point (UAX #14 15.0 for the classes we implement). */
export function codePointClass(cp: number, ch: string): number {
  if (cp < 0x80) return ASCII_CLASS[cp]!;
  if (cp < 0x100) return latin1(cp);
  if (cp >= 0x0300 && cp <= 0x036f) return CM;
  if ((cp >= 0x05d0 && cp <= 0x05ea) || (cp >= 0x05ef && cp <= 0x05f2)) return HL;
  if (cp >= 0x1100 && cp <= 0x11ff) return HG;
  if (cp === 0x17d6) return NS; // Khmer sign camnuc pii kuuh
  if (cp === 0x1806) return BB; // Mongolian todo soft hyphen
  if (cp === 0x180e) return GL; // Mongolian vowel separator
  if (cp >= 0x2000 && cp <= 0x206f) return punct2000(cp);
  if (cp >= 0x20a0 && cp <= 0x20cf) {
    return cp === 0x20a7 || cp === 0x20b6 || cp === 0x20bb || cp === 0x20be ? PO : PR;
  }
  if (cp >= 0x2100 && cp <= 0x214f) {
    if (cp === 0x2103 || cp === 0x2109) return PO;
    if (cp === 0x2116) return PR;
    return AL;
  }
  if (cp === 0x2329) return OP;
  if (cp === 0x232a) return CL;
  if (cp >= 0x2e80 && cp <= 0x2fff) return ID;
  if (cp >= 0x3000 && cp <= 0x30ff) return cjkSymbols3000(cp);
  if (cp >= 0x3130 && cp <= 0x318f) return HG;
  if (cp >= 0x31f0 && cp <= 0x31ff) return NS; // small katakana extension (CJ)
  if (cp >= 0x3248 && cp <= 0x324f) return AL; // AI
  if (cp >= 0x3100 && cp <= 0x4dbf) return ID;
  if (cp >= 0x4e00 && cp <= 0x9fff) return ID;
  if (cp >= 0xa000 && cp <= 0xa4cf) return ID;
  if (cp >= 0xa960 && cp <= 0xa97f) return HG;
  if (cp >= 0xac00 && cp <= 0xd7ff) return HG;
  if (cp >= 0xf900 && cp <= 0xfaff) return ID;
  if (cp >= 0xfb1d && cp <= 0xfb4f) return cp === 0xfb1e ? CM : HL;
  if (cp >= 0xfe00 && cp <= 0xfe0f) return CM;
  if (cp >= 0xfe10 && cp <= 0xfe6f) return smallForms(cp);
  if (cp >= 0xff00 && cp <= 0xffef) return fullwidthFF00(cp);
  if (cp === 0xfffc) return CB;
  if (cp >= 0x1f1e6 && cp <= 0x1f1ff) return RI;
  if (cp >= 0x1f3fb && cp <= 0x1f3ff) return ID; // EM
  if (cp >= 0x20000 && cp <= 0x3fffd) return ID;
  if (cp === 0x261d || cp === 0x26f9 || (cp >= 0x270a && cp <= 0x270d)) return ID; // EB
  if (cp === 0x2762 || cp === 0x2763) return EX;
  if (RE_EXT_PICT.test(ch)) {
    if (cp >= 0x1f000 || RE_EMOJI_PRES.test(ch)) return ID;
    return AL;
  }
  if (RE_MARK.test(ch)) return CM;
  if (RE_ND.test(ch)) return NU;
  if (RE_PS.test(ch)) return OP;
  if (RE_PE.test(ch)) return CL;
  if (RE_PI.test(ch)) return QI;
  if (RE_PF.test(ch)) return QF;
  if (RE_ZS.test(ch)) return BA;
  return AL;
}
