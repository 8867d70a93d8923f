/**
 * Sanitizing feed text for a terminal. Everything that could move the cursor, change the
 * terminal's state, set its title, write the clipboard or reorder text is removed:
 *
 * - ESC and whole escape sequences: CSI (`ESC [` params intermediates final), OSC (`ESC ]`
 *   up to BEL or ST — OSC 0/2 titles, OSC 8 links, OSC 52 clipboard writes), DCS / SOS / PM /
 *   APC (`ESC P`, `ESC X`, `ESC ^`, `ESC _` up to ST), nF sequences (`ESC (B`, `ESC #8`) and
 *   two-character sequences (`ESC c`, `ESC 7`, `ESC M`...). ST is `ESC \` or U+009C. An
 *   unterminated OSC/DCS string loses only its introducer (the rest is then harmless text).
 * - The same for the 8-bit C1 introducers U+009B (CSI), U+009D (OSC), U+0090 (DCS), U+0098,
 *   U+009E, U+009F; every other C0/C1 control and DEL is dropped.
 * - Newlines: "\r\n" and a lone "\r" become "\n"; U+0085 (NEL), U+2028 and U+2029 become "\n";
 *   VT and FF are dropped like other controls.
 * - Tab: always becomes TWO spaces (fixed, not tab stops: columns before wrapping mean
 *   nothing after wrapping).
 * - Bidi embedding/override/isolate controls U+202A-202E, U+2066-2069 and the marks
 *   U+200E, U+200F, U+061C.
 * - A lone surrogate becomes U+FFFD.
 *
 * Linear time: one pass; the search for a string terminator is memoized so many unterminated
 * introducers cannot make it quadratic. Clean text (the common case) is returned unchanged
 * (the same string) after a single scan with no allocation.
 */

const ESC = 0x1b;
const BEL = 0x07;

/** True for code units at or above U+0600 that need handling (bidi, separators, surrogates). */
function isSpecialHigh(c: number): boolean {
  return (
    c === 0x061c ||
    (c >= 0x200e && c <= 0x200f) ||
    (c >= 0x2028 && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    (c >= 0xd800 && c <= 0xdfff)
  );
}

/** Remove terminal escapes, controls and bidi overrides; keeps "\n" (see module comment). */
export function sanitize(text: string): string {
  return run(text, false);
}

/**
 * Same as {@link sanitize}, for single-line contexts (headers, tags, status line): each run of
 * line breaks becomes a single space.
 */
export function sanitizeLine(text: string): string {
  return run(text, true);
}

function run(text: string, singleLine: boolean): string {
  const n = text.length;
  let i = 0;
  // Fast scan: find the first code unit that needs work.
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c === 0x0a && !singleLine) continue;
      break;
    }
    if (c < 0x7f) continue;
    if (c <= 0x9f) break;
    if (c < 0x061c) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      break;
    }
    if (isSpecialHigh(c)) break;
  }
  if (i === n) return text;
  return slowPath(text, i, singleLine);
}

function slowPath(text: string, from: number, singleLine: boolean): string {
  const n = text.length;
  let out = '';
  let start = 0; // start of the pending clean run
  let i = from;
  let lastNewline = false; // singleLine: last emitted char was a newline-space
  // Memo for string-terminator search, one per kind (BEL allowed or not).
  let memoFromBel = -1;
  let memoAtBel = -2; // index of terminator start, -1 = none to the end
  let memoFromSt = -1;
  let memoAtSt = -2;

  /** Index where the terminator starts at or after `p`, or -1; memoized per kind. */
  const findTerm = (p: number, bel: boolean): number => {
    if (bel) {
      if (memoAtBel !== -2 && p >= memoFromBel && (memoAtBel === -1 || p <= memoAtBel)) return memoAtBel;
    } else if (memoAtSt !== -2 && p >= memoFromSt && (memoAtSt === -1 || p <= memoAtSt)) {
      return memoAtSt;
    }
    let k = p;
    let found = -1;
    for (; k < n; k++) {
      const c = text.charCodeAt(k);
      if (c === 0x9c || (bel && c === BEL) || (c === ESC && k + 1 < n && text.charCodeAt(k + 1) === 0x5c)) {
        found = k;
        break;
      }
    }
    if (bel) {
      memoFromBel = p;
      memoAtBel = found;
    } else {
      memoFromSt = p;
      memoAtSt = found;
    }
    return found;
  };
  /** End index (exclusive) of the terminator that starts at t. */
  const termEnd = (t: number): number => (text.charCodeAt(t) === ESC ? t + 2 : t + 1);

  /** CSI body starting at p (after the introducer): returns the index after it. */
  const skipCsi = (p: number): number => {
    let k = p;
    while (k < n) {
      const c = text.charCodeAt(k);
      if (c >= 0x30 && c <= 0x3f) k++;
      else break;
    }
    while (k < n) {
      const c = text.charCodeAt(k);
      if (c >= 0x20 && c <= 0x2f) k++;
      else break;
    }
    if (k < n) {
      const c = text.charCodeAt(k);
      if (c >= 0x40 && c <= 0x7e) k++;
    }
    return k;
  };
  /** A control string (OSC if bel, else DCS/SOS/PM/APC) starting at p: index after it. */
  const skipString = (introEnd: number, bel: boolean): number => {
    const t = findTerm(introEnd, bel);
    return t === -1 ? introEnd : termEnd(t);
  };

  const emitNewline = (): void => {
    if (singleLine) {
      if (!lastNewline) out += ' ';
      lastNewline = true;
    } else {
      out += '\n';
    }
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    let skipTo = -1; // index after the construct to drop
    let nl = false;
    let replacement = '';
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
      switch (c) {
        case 0x0a:
          nl = true;
          skipTo = i + 1;
          break;
        case 0x0d:
          nl = true;
          skipTo = i + 1 < n && text.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
          break;
        case 0x85:
          nl = true;
          skipTo = i + 1;
          break;
        case 0x09:
          replacement = '  ';
          skipTo = i + 1;
          break;
        case ESC: {
          if (i + 1 >= n) {
            skipTo = i + 1;
            break;
          }
          const d = text.charCodeAt(i + 1);
          if (d === 0x5b) skipTo = skipCsi(i + 2);
          else if (d === 0x5d) skipTo = skipString(i + 2, true);
          else if (d === 0x50 || d === 0x58 || d === 0x5e || d === 0x5f) skipTo = skipString(i + 2, false);
          else if (d >= 0x20 && d <= 0x2f) {
            let k = i + 2;
            while (k < n && text.charCodeAt(k) >= 0x20 && text.charCodeAt(k) <= 0x2f) k++;
            if (k < n && text.charCodeAt(k) >= 0x30 && text.charCodeAt(k) <= 0x7e) k++;
            skipTo = k;
          } else if (d >= 0x30 && d <= 0x7e) skipTo = i + 2;
          else skipTo = i + 1;
          break;
        }
        case 0x9b:
          skipTo = skipCsi(i + 1);
          break;
        case 0x9d:
          skipTo = skipString(i + 1, true);
          break;
        case 0x90:
        case 0x98:
        case 0x9e:
        case 0x9f:
          skipTo = skipString(i + 1, false);
          break;
        default:
          skipTo = i + 1;
      }
    } else if (c >= 0x061c && isSpecialHigh(c)) {
      if (c === 0x2028 || c === 0x2029) {
        nl = true;
        skipTo = i + 1;
      } else if (c >= 0xd800 && c <= 0xdbff) {
        const d = i + 1 < n ? text.charCodeAt(i + 1) : 0;
        if (d >= 0xdc00 && d <= 0xdfff) {
          i += 2;
          lastNewline = false;
          continue;
        }
        replacement = '\ufffd';
        skipTo = i + 1;
      } else if (c >= 0xdc00 && c <= 0xdfff) {
        replacement = '\ufffd';
        skipTo = i + 1;
      } else {
        skipTo = i + 1; // bidi control or mark
      }
    } else {
      i++;
      lastNewline = false;
      continue;
    }
    // Flush the clean run, then apply the replacement.
    if (start < i) {
      out += text.slice(start, i);
      lastNewline = false;
    }
    if (nl) emitNewline();
    else if (replacement) {
      out += replacement;
      lastNewline = false;
    }
    i = skipTo;
    start = skipTo;
  }
  if (start < n) out += text.slice(start, n);
  return out;
}
