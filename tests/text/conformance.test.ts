/**
 * Conformance against Unicode's own test files (Debian `unicode-data`, Unicode 15.0):
 * GraphemeBreakTest.txt against `graphemes`, LineBreakTest.txt against `breakOpportunities`.
 * The deliberate differences and version gaps below are also listed, with the same reasons,
 * in src/text/CONFORMANCE.md — keep the two in sync.
 */
import { describe, expect, it } from 'vitest';
import { breakOpportunities, graphemes, isNoEnd, isNoStart } from '../../src/text/index.js';
import { AUX_DIR, haveUnicodeData, readBreakTest, readLineBreakClasses, type BreakCase } from './unicode-data.js';

const hasData = haveUnicodeData();
if (!hasData) {
  // Fail loudly rather than skip silently: CI installs the package (`apt-get install unicode-data`).
  it('unicode-data is installed (/usr/share/unicode/auxiliary)', () => {
    expect(hasData, 'install Debian package unicode-data').toBe(true);
  });
}

/** Grapheme cases that differ because unicode-segmenter implements Unicode 17, the file is 15.0. */
const GRAPHEME_VERSION_GAPS: Record<number, string> = {
  625: 'U+2701 ZWJ U+2701: Unicode 15.1 (GB9c/Extended_Pictographic data) joins what 15.0 split',
};

function expectedClusters(c: BreakCase): string[] {
  const out: string[] = [];
  let cur = '';
  c.codePoints.forEach((cp, k) => {
    if (k > 0 && c.breaks[k]) {
      out.push(cur);
      cur = '';
    }
    cur += String.fromCodePoint(cp);
  });
  out.push(cur);
  return out;
}

describe.runIf(hasData)('GraphemeBreakTest.txt (Unicode 15.0)', () => {
  const cases = hasData ? readBreakTest(`${AUX_DIR}/GraphemeBreakTest.txt`) : [];
  it('has the expected number of cases', () => {
    expect(cases.length).toBe(602);
  });
  it('graphemes() matches every case except the listed version gaps', () => {
    const failures: number[] = [];
    for (const c of cases) {
      const got = graphemes(String.fromCodePoint(...c.codePoints));
      if (JSON.stringify(got) !== JSON.stringify(expectedClusters(c))) failures.push(c.line);
    }
    expect(failures).toEqual(Object.keys(GRAPHEME_VERSION_GAPS).map(Number));
  });
});

/**
 * LineBreakTest: which cases are "relevant".
 * Excluded whole classes (never reach the line breaker, or deliberately not UAX #14):
 */
const EXCLUDED_CLASSES: Record<string, string> = {
  BK: 'mandatory breaks: sanitize turns line separators into "\\n", handled as paragraphs',
  CR: 'sanitize turns CR / CRLF into "\\n"',
  LF: '"\\n" is a paragraph boundary, handled before line breaking',
  NL: 'sanitize turns NEL into "\\n"',
  SA: 'South-East Asian scripts need dictionary breaking; not implemented',
  H2: 'Korean keep-all: no break between Hangul syllables (UAX #14 allows it); tested in wrap tables',
  H3: 'Korean keep-all (as H2)',
  JL: 'Korean keep-all (as H2)',
  JV: 'Korean keep-all (as H2)',
  JT: 'Korean keep-all (as H2)',
};
/** Excluded code points (they are removed or rewritten by sanitize before layout). */
const EXCLUDED_CODE_POINTS: Record<number, string> = {
  0x0009: 'tab: sanitize expands it to two spaces',
  0x0001: 'C0 control: removed by sanitize',
  0x0085: 'NEL: sanitize turns it into "\\n"',
  0x2018: 'left single quote: treated as an opening bracket (JLREQ) with Unicode 15.1 LB19a, not 15.0 LB19',
  0x2019: 'right single quote: closing bracket (JLREQ) + Unicode 15.1 LB19a',
  0x201c: 'left double quote: opening bracket (JLREQ) + Unicode 15.1 LB19a',
  0x201d: 'right double quote: closing bracket (JLREQ) + Unicode 15.1 LB19a',
  0x00ab: '« (Pi): Unicode 15.1 LB19a instead of 15.0 LB19',
  0x00bb: '» (Pf): Unicode 15.1 LB19a instead of 15.0 LB19',
};
/**
 * Individual cases that differ for a listed reason (by line number in LineBreakTest-15.0.0.txt).
 * Everything else in the relevant subset must match exactly.
 */
const DELIBERATE_LINES: Record<number, string> = {
  5663: 'RI CM RI: we never pair regional indicators across a grapheme boundary (the combining mark ends the grapheme)',
};

interface LbResult {
  relevant: number;
  passed: number;
  insideGrapheme: number;
  kinsoku: number[];
  failures: { line: number; comment: string }[];
}

function runLineBreakTest(): LbResult {
  const cls = readLineBreakClasses();
  const cases = readBreakTest(`${AUX_DIR}/LineBreakTest.txt`);
  const res: LbResult = { relevant: 0, passed: 0, insideGrapheme: 0, kinsoku: [], failures: [] };
  for (const c of cases) {
    if (c.codePoints.some((cp) => cp in EXCLUDED_CODE_POINTS || cls(cp) in EXCLUDED_CLASSES)) continue;
    const gs = graphemes(String.fromCodePoint(...c.codePoints));
    const starts: number[] = [];
    let k = 0;
    for (const g of gs) {
      starts.push(k);
      k += [...g].length;
    }
    const startSet = new Set(starts);
    // UAX #14 may put a break inside a grapheme cluster (e.g. SP ÷ CM): we never do.
    if (c.codePoints.some((_, j) => j > 0 && c.breaks[j] && !startSet.has(j))) {
      res.insideGrapheme++;
      continue;
    }
    res.relevant++;
    const got = breakOpportunities(gs);
    let ok = true;
    let kinsokuOnly = true;
    for (let gi = 1; gi < gs.length; gi++) {
      const want = c.breaks[starts[gi]!]!;
      if (got[gi] === want) continue;
      ok = false;
      // Strict kinsoku: no line starts with a no-start character even after a space, ZWSP or
      // U+FFFC, where UAX #14 (LB8, LB18, LB20) allows a break.
      let p = gi - 1;
      while (p > 0 && gs[p] === ' ') p--;
      const kinsoku = want && !got[gi] && (isNoStart(gs[gi]!) || isNoEnd(gs[p]!));
      if (!kinsoku) kinsokuOnly = false;
    }
    if (ok) res.passed++;
    else if (kinsokuOnly) res.kinsoku.push(c.line);
    else if (!(c.line in DELIBERATE_LINES)) res.failures.push({ line: c.line, comment: c.comment });
  }
  return res;
}

describe.runIf(hasData)('LineBreakTest.txt (Unicode 15.0), relevant subset', () => {
  const r = hasData ? runLineBreakTest() : undefined;
  it('every relevant case passes, or differs only by strict kinsoku or a listed case', () => {
    console.log(`LineBreakTest: relevant ${r!.relevant}, passed ${r!.passed}, kinsoku-only ${r!.kinsoku.length}, break-inside-grapheme skipped ${r!.insideGrapheme}`);
    expect(r!.failures).toEqual([]);
  });
  it('pass count stays at the measured level (relevant 3845, passed 3720, kinsoku-only 124, 1 listed)', () => {
    // Measured with this implementation; see CONFORMANCE.md. A regression in the break
    // function shows up as a failure above or as a lower pass count here.
    expect(r!.relevant).toBe(3845);
    expect(r!.passed).toBeGreaterThanOrEqual(3720);
    expect(r!.kinsoku.length).toBeLessThanOrEqual(124);
    expect(r!.passed + r!.kinsoku.length + Object.keys(DELIBERATE_LINES).length).toBe(r!.relevant);
  });
});

describe('breakOpportunities tailorings', () => {
  const b = (s: string): boolean[] => breakOpportunities(graphemes(s));
  it('breaks between CJK characters, not before 。', () => {
    expect(b('日本。')).toEqual([false, true, false]);
  });
  it('keeps Hangul syllables together (keep-all), breaks after spaces', () => {
    expect(b('한국 어')).toEqual([false, false, false, true]);
  });
  it('no break before small kana even after a space (strict kinsoku)', () => {
    expect(b('a ぁ')).toEqual([false, false, false]);
  });
});
