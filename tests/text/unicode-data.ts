/** Readers for Unicode's own test files from Debian's `unicode-data` package (15.0). */
import { existsSync, readFileSync } from 'node:fs';

export const UNICODE_DIR = '/usr/share/unicode';
export const AUX_DIR = `${UNICODE_DIR}/auxiliary`;

export function haveUnicodeData(): boolean {
  return (
    existsSync(`${AUX_DIR}/GraphemeBreakTest.txt`) &&
    existsSync(`${AUX_DIR}/LineBreakTest.txt`) &&
    existsSync(`${UNICODE_DIR}/LineBreak.txt`)
  );
}

export interface BreakCase {
  /** 1-based line number in the test file */
  line: number;
  codePoints: number[];
  /** breaks[k]: true if there is a break before codePoints[k] (k = 0..length) */
  breaks: boolean[];
  comment: string;
}

/** Parse GraphemeBreakTest.txt / LineBreakTest.txt: "÷ 0023 × 0308 ÷ # comment". */
export function readBreakTest(file: string): BreakCase[] {
  const out: BreakCase[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((raw, idx) => {
    const hash = raw.indexOf('#');
    const body = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    if (!body) return;
    const tokens = body.split(/\s+/);
    const codePoints: number[] = [];
    const breaks: boolean[] = [];
    for (const t of tokens) {
      if (t === '÷') breaks.push(true);
      else if (t === '×') breaks.push(false);
      else codePoints.push(parseInt(t, 16));
    }
    out.push({ line: idx + 1, codePoints, breaks, comment: hash >= 0 ? raw.slice(hash + 1).trim() : '' });
  });
  return out;
}

/** Line_Break property per code point from LineBreak.txt (unlisted: XX). */
export function readLineBreakClasses(): (cp: number) => string {
  const map = new Map<number, string>();
  for (const raw of readFileSync(`${UNICODE_DIR}/LineBreak.txt`, 'utf8').split('\n')) {
    const m = /^([0-9A-F]+)(?:\.\.([0-9A-F]+))?\s*;\s*(\w+)/.exec(raw);
    if (!m) continue;
    const s = parseInt(m[1]!, 16);
    const e = m[2] ? parseInt(m[2], 16) : s;
    for (let c = s; c <= e; c++) map.set(c, m[3]!);
  }
  return (cp) => map.get(cp) ?? 'XX';
}
