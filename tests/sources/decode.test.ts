import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charsetOf, decodeDocument, encodingForLabel } from '../../src/sources/poll/decode.js';

/* Fixture files were written with iconv from the UTF-8 text below (fictional headlines). */
const fixture = (name: string): Uint8Array => readFileSync(new URL(`../fixtures/encodings/${name}`, import.meta.url));
const japanese = 'ほしぞら港湾サミット（架空）：第三埠頭で灯台ロボが開会を宣言\n';
const simplified = '星空港湾峰会（虚构）：灯塔机器人宣布开幕\n';
const traditional = '星空港灣峰會（虛構）：燈塔機器人宣布開幕\n';
const korean = '별빛 항만 정상회의(가상): 등대 로봇이 개막을 선언\n';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((part) => [...part]));

describe('decodeDocument', () => {
  it.each([
    ['ja.shift_jis.txt', 'text/xml; charset=Shift_JIS', japanese, 'shift_jis'],
    ['ja.shift_jis.txt', 'text/xml; charset=x-sjis', japanese, 'shift_jis'],
    ['ja.shift_jis.txt', 'text/xml; charset="windows-31j"', japanese, 'shift_jis'],
    ['ja.shift_jis.txt', 'application/rss+xml;charset=CP932', japanese, 'shift_jis'],
    ['ja.euc-jp.txt', 'text/xml; charset=EUC-JP', japanese, 'euc-jp'],
    ['zh.gb2312.txt', 'text/xml; charset=gb2312', simplified, 'gbk'],
    ['zh.gb2312.txt', 'text/xml; charset=GBK', simplified, 'gbk'],
    ['zh.gb18030.txt', 'text/xml; charset=gb18030', '星空港湾峰会（虚构）：灯塔机器人宣布开幕🌟\n', 'gb18030'],
    ['zh.big5.txt', 'text/xml; charset=big5', traditional, 'big5'],
    ['ko.euc-kr.txt', 'text/xml; charset=euc-kr', korean, 'euc-kr'],
    ['ko.euc-kr.txt', 'text/xml; charset=ks_c_5601-1987', korean, 'euc-kr'],
  ])('%s with %s decodes by the HTTP charset', (file, contentType, text, encoding) => {
    expect(decodeDocument(fixture(file), contentType)).toEqual({ text, encoding, notices: [] });
  });

  it('without an HTTP charset, reads the XML declaration', () => {
    const body = concat(ascii('<?xml version="1.0" encoding="EUC-JP"?>\n'), fixture('ja.euc-jp.txt'));
    const decoded = decodeDocument(body, 'application/rss+xml');
    expect(decoded.encoding).toBe('euc-jp');
    expect(decoded.text).toBe(`<?xml version="1.0" encoding="EUC-JP"?>\n${japanese}`);
  });

  it('the HTTP charset wins over the XML declaration', () => {
    const body = concat(ascii("<?xml version='1.0' encoding='utf-8'?>"), fixture('zh.big5.txt'));
    expect(decodeDocument(body, 'text/xml; charset=big5').text).toBe(`<?xml version='1.0' encoding='utf-8'?>${traditional}`);
  });

  it.each([
    ['<meta charset="shift_jis">', 'ja.shift_jis.txt', japanese],
    ['<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">', 'ko.euc-kr.txt', korean],
  ])('an HTML page declares its encoding with %s', (meta, file, text) => {
    const head = `<!DOCTYPE html><html><head>${meta}<title>`;
    const decoded = decodeDocument(concat(ascii(head), fixture(file)), 'text/html');
    expect(decoded.text).toBe(head + text);
  });

  it('a declaration inside a JSON document is not taken for the document\'s own', () => {
    const json = '{"items":[{"content_html":"<meta charset=\\"big5\\">é"}]}';
    expect(decodeDocument(ascii(json), 'application/feed+json')).toMatchObject({ encoding: 'utf-8', text: json });
  });

  it('a BOM decides when nothing else names an encoding, and is not part of the text', () => {
    expect(decodeDocument(concat(Uint8Array.of(0xef, 0xbb, 0xbf), ascii('<rss/>')), undefined)).toEqual({ text: '<rss/>', encoding: 'utf-8', notices: [] });
    const utf16 = Buffer.from('\uFEFF<rss>別</rss>', 'utf16le');
    expect(decodeDocument(utf16, 'application/xml')).toEqual({ text: '<rss>別</rss>', encoding: 'utf-16le', notices: [] });
  });

  it('an unknown label is reported once and the next source of the encoding is used', () => {
    const body = concat(ascii('<?xml version="1.0" encoding="Shift_JIS"?>'), fixture('ja.shift_jis.txt'));
    const decoded = decodeDocument(body, 'text/xml; charset=x-no-such-thing');
    expect(decoded.encoding).toBe('shift_jis');
    expect(decoded.text.endsWith(japanese)).toBe(true);
    expect(decoded.notices).toEqual(['unknown character encoding "x-no-such-thing" in the Content-Type header']);
  });

  it('undecodable bytes are replaced and reported in one notice, not fatal', () => {
    const body = concat(ascii('<t>'), Uint8Array.of(0xff), ascii('灯台'), Uint8Array.of(0xc3), ascii('</t>'));
    const decoded = decodeDocument(body, 'text/xml');
    expect(decoded.text).toBe('<t>\uFFFD灯台\uFFFD</t>');
    expect(decoded.notices).toEqual(['bytes that are not valid utf-8 (2 shown as \uFFFD)']);
  });

  it('bytes with no valid UTF-8 and no encoding named anywhere are read as windows-1252, with a notice', () => {
    const latin1 = Uint8Array.from(Buffer.from('<rss><title>Últimas Notícias do Fictício</title></rss>', 'latin1'));
    const decoded = decodeDocument(latin1, 'application/rss+xml');
    expect(decoded.text).toBe('<rss><title>Últimas Notícias do Fictício</title></rss>');
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.notices).toEqual(['decoding as UTF-8: no encoding named and the bytes are not UTF-8 (read as windows-1252)']);
    // Named as UTF-8, the same bytes stay UTF-8 and are reported as damaged.
    expect(decodeDocument(latin1, 'application/rss+xml; charset=utf-8').encoding).toBe('utf-8');
  });

  it('a U+FFFD the publisher wrote is text, not a problem', () => {
    expect(decodeDocument(ascii('<t>\uFFFD</t>'), undefined)).toEqual({ text: '<t>\uFFFD</t>', encoding: 'utf-8', notices: [] });
  });

  it('any UTF-8 text decodes to itself with no notice', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const body = ascii(`<p>${text}</p>`);
        expect(decodeDocument(body, 'text/html; charset=utf-8')).toEqual({ text: `<p>${text}</p>`, encoding: 'utf-8', notices: [] });
      }),
    );
  });
});

describe('labels', () => {
  it.each([
    ['text/html; charset=UTF-8', 'UTF-8'],
    ['text/xml;charset="euc-jp"', 'euc-jp'],
    ['application/rss+xml; type=x; charset=big5 ', 'big5'],
    ['text/xml', undefined],
    [undefined, undefined],
  ])('charsetOf(%s) is %s', (header, charset) => {
    expect(charsetOf(header)).toBe(charset);
  });

  it.each([
    ['Shift_JIS', 'shift_jis'], ['sjis', 'shift_jis'], ['MS932', 'shift_jis'], ['cp932', 'shift_jis'],
    ['x-euc-jp', 'euc-jp'], ['GB2312', 'gbk'], ['cp936', 'gbk'], ['GB18030', 'gb18030'],
    ['Big5-HKSCS', 'big5'], ['cp950', 'big5'], ['windows-949', 'euc-kr'], ['cp949', 'euc-kr'], ['klingon', undefined],
  ])('%s names %s', (label, encoding) => {
    expect(encodingForLabel(label)).toBe(encoding);
  });
});
