import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sanitize, sanitizeLine } from '../../src/text/index.js';

/** Nothing that a terminal would interpret: no C0 (but \n), DEL, C1, bidi controls. */
function assertInert(s: string, allowNewline = true): void {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c === 0x0a && allowNewline) continue;
    expect(c < 0x20 || (c >= 0x7f && c <= 0x9f), `control U+${c.toString(16)} in ${JSON.stringify(s)}`).toBe(false);
    expect((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0x200e || c === 0x200f || c === 0x061c).toBe(false);
  }
}

describe('sanitize', () => {
  const cases: [string, string, string][] = [
    ['ESC[2J clear screen', 'a\x1b[2Jb', 'ab'],
    ['CSI with params and intermediates', 'a\x1b[38;5;196mred\x1b[0m', 'ared'],
    ['cursor movement', 'x\x1b[10;20Hy\x1b[Az', 'xyz'],
    ['private mode (alt screen)', '\x1b[?1049hhi', 'hi'],
    ['OSC 0 title, BEL-terminated', 'a\x1b]0;pwned\x07b', 'ab'],
    ['OSC 0 title, ST-terminated', 'a\x1b]0;pwned\x1b\\b', 'ab'],
    ['OSC 2 title', 'a\x1b]2;x\x07b', 'ab'],
    ['OSC 52 clipboard write', 'a\x1b]52;c;ZWNobyBwd25lZA==\x07b', 'ab'],
    ['OSC 52, ST-terminated', 'a\x1b]52;c;ZWNobw==\x1b\\b', 'ab'],
    ['OSC 8 hyperlink', '\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\', 'link'],
    ['DCS', 'a\x1bPq#0;2;0;0;0#1;2;100;100;0\x1b\\b', 'ab'],
    ['APC / PM / SOS', 'a\x1b_apc\x1b\\b\x1b^pm\x1b\\c\x1bXsos\x1b\\d', 'abcd'],
    ['2-char ESC sequences', 'a\x1bcb\x1b7c\x1b8d\x1bMe', 'abcde'],
    ['nF charset designation', 'a\x1b(0b\x1b#8c', 'abc'],
    ['lone ESC at end', 'abc\x1b', 'abc'],
    ['C1 CSI U+009B', 'a\u009b2Jb', 'ab'],
    ['C1 OSC U+009D with C1 ST', 'a\u009d0;t\u009cb', 'ab'],
    ['C1 DCS U+0090', 'a\u0090data\u009cb', 'ab'],
    ['other C1 controls', 'a\u0080\u0084\u008d\u0099b', 'ab'],
    ['NEL becomes newline', 'a\u0085b', 'a\nb'],
    ['NUL and other C0', 'a\u0000b\u0007c\u0008d\u000be\u000cf\u007fg', 'abcdefg'],
    ['CRLF', 'a\r\nb', 'a\nb'],
    ['lone CR', 'a\rb', 'a\nb'],
    ['CR CR LF', 'a\r\r\nb', 'a\n\nb'],
    ['tab to two spaces', 'a\tb', 'a  b'],
    ['bidi overrides and isolates', 'a\u202eevil\u202cb\u2066c\u2069\u202a\u202b\u202d\u2067\u2068', 'aevilbc'],
    ['bidi marks', 'a\u200eb\u200fc\u061cd', 'abcd'],
    ['line / paragraph separators', 'a\u2028b\u2029c', 'a\nb\nc'],
    ['lone surrogates', 'a\ud800b\udc00c', 'a\ufffdb\ufffdc'],
  ];
  for (const [name, input, want] of cases) {
    it(name, () => {
      const got = sanitize(input);
      expect(got).toBe(want);
      assertInert(got);
    });
  }

  it('returns clean text unchanged (the same string)', () => {
    const clean = '日本語のテキスト with English, 한국어, emoji 👨‍👩‍👧 🇯🇵 and\nnewlines.';
    expect(sanitize(clean)).toBe(clean);
    expect(sanitizeLine('no newline here 日本')).toBe('no newline here 日本');
  });

  it('keeps valid surrogate pairs and ZWJ/ZWSP/variation selectors', () => {
    const s = '👍🏽 #️⃣ a\u200bb \u{20000}';
    expect(sanitize(s)).toBe(s);
  });

  it('an unterminated OSC drops only its introducer', () => {
    expect(sanitize('a\x1b]0;title')).toBe('a0;title');
  });

  it('is linear on many unterminated introducers', () => {
    const evil = 'x\x1b]'.repeat(50_000);
    const t0 = performance.now();
    const out = sanitize(evil);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(out).toBe('x'.repeat(50_000));
  });

  it('sanitizeLine turns each run of newlines into one space', () => {
    expect(sanitizeLine('a\nb\r\n\r\nc\u2028d')).toBe('a b c d');
    expect(sanitizeLine('title\x1b]0;x\x07 \u202eok')).toBe('title ok');
  });

  it('property: output never contains controls or bidi overrides', () => {
    const nasty = fc.constantFrom(
      '\x1b', '[', ']', '0;', '52;c;', '\x07', '\x1b\\', 'P', '\u009b', '\u009d', '\u009c', '\u0090',
      '\r', '\n', '\t', '\u0000', '\u202e', '\u2066', '\u200f', 'a', '日', '2J', ';', '\ud800', '\udc00', '\u0085',
    );
    fc.assert(
      fc.property(fc.array(nasty, { maxLength: 60 }), (parts) => {
        const s = parts.join('');
        assertInert(sanitize(s));
        assertInert(sanitizeLine(s), false);
        expect(sanitize(sanitize(s))).toBe(sanitize(s));
      }),
      { numRuns: 500 },
    );
  });
});
