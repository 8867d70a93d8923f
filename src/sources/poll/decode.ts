import { isUtf8, transcode } from 'node:buffer';

/*
 * Bytes of a fetched page or feed to text. Japanese, Chinese and Korean publishers still serve
 * Shift_JIS, EUC-JP, GBK/GB18030, Big5 and EUC-KR, often declared only in the HTTP header.
 * Node's TextDecoder (full ICU) decodes all of them under their WHATWG labels; what is ours is
 * the order the label is looked for in (the HTTP charset, then the document's own declaration,
 * then a BOM, then UTF-8), a few labels WHATWG does not know, and saying, without failing, that
 * some bytes could not be decoded. Notices read after "skipped", as sources report them.
 */

export interface DecodedText {
  readonly text: string;
  /** The WHATWG name of the encoding used (`shift_jis`, `gbk`, `utf-8`, ...). */
  readonly encoding: string;
  /** One line per problem: an unknown label, undecodable bytes. */
  readonly notices: readonly string[];
}

/** Labels seen in the wild that WHATWG's table lacks: Windows code page numbers. */
const extraLabels: Readonly<Record<string, string>> = {
  cp932: 'shift_jis',
  'x-ms-cp932': 'shift_jis',
  cp936: 'gbk',
  ms936: 'gbk',
  cp949: 'euc-kr',
  ms949: 'euc-kr',
  uhc: 'euc-kr',
  cp950: 'big5',
  ms950: 'big5',
};

/** The encoding a label names, or undefined when TextDecoder cannot decode it. */
export function encodingForLabel(label: string): string | undefined {
  const normal = label.trim().toLowerCase();
  try {
    return new TextDecoder(extraLabels[normal] ?? normal).encoding;
  } catch {
    return undefined;
  }
}

/** The `charset` parameter of a Content-Type header, quotes removed. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '');
  return match?.[2];
}

/** How many leading bytes the in-document declaration is looked for in (HTML's prescan size). */
const prescanBytes = 1024;

/**
 * The encoding an XML declaration (`<?xml ... encoding="..."?>`) or, for HTML, `<meta charset>`
 * or `<meta http-equiv="Content-Type" content="...; charset=...">` names. Only documents that
 * start with markup are scanned: a JSON Feed's `content_html` may hold a `<meta>` of its own.
 */
function declaredLabel(body: Uint8Array): string | undefined {
  // latin1 maps each byte to one character, so the ASCII of any ASCII-compatible encoding reads as is.
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.length, prescanBytes)).toString('latin1');
  const start = head.replace(/^(?:\xEF\xBB\xBF)?\s*/, '');
  if (!start.startsWith('<')) return undefined;
  const xml = /^<\?xml\s[^>]*?encoding\s*=\s*["']([^"']+)["']/i.exec(start);
  if (xml) return xml[1];
  const metaCharset = /<meta\s[^>]*?charset\s*=\s*["']?([^"'\s;/>]+)/i.exec(start);
  return metaCharset?.[1];
}

/** The encoding a byte order mark says, and how many bytes it takes. */
function bomEncoding(body: Uint8Array): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * Decodes a document by the first encoding that names itself: the HTTP charset, the document's
 * declaration, a BOM, else UTF-8. An unknown label is reported and the next one is tried.
 */
export function decodeDocument(body: Uint8Array, contentType: string | undefined): DecodedText {
  const notices: string[] = [];
  const pick = (label: string | undefined, where: string): string | undefined => {
    if (label === undefined) return undefined;
    const encoding = encodingForLabel(label);
    if (encoding === undefined) notices.push(`unknown character encoding "${label}" in the ${where}`);
    // A declaration read as ASCII cannot really be UTF-16 (HTML's rule): the bytes are ASCII-compatible.
    if (where === 'document' && encoding?.startsWith('utf-16')) return 'utf-8';
    return encoding;
  };
  const named = pick(charsetOf(contentType), 'Content-Type header') ?? pick(declaredLabel(body), 'document') ?? bomEncoding(body);
  if (named === undefined) return decodeUndeclared(body, notices);
  return { text: decodeReporting(body, named, notices), encoding: named, notices };
}

/**
 * Nothing named the encoding: UTF-8, unless not one non-ASCII character in the bytes is valid
 * UTF-8. Then the document is in a legacy single-byte encoding its server forgot to name (old
 * Portuguese or German feeds in Latin-1), and windows-1252, the web's default for those, reads
 * it; a UTF-8 document with a few damaged bytes stays UTF-8 so its other text survives.
 */
function decodeUndeclared(body: Uint8Array, notices: string[]): DecodedText {
  const text = new TextDecoder('utf-8').decode(body);
  if (!text.includes('\uFFFD') || /[^\0-\x7F\uFFFD]/.test(text) || hasWrittenReplacement(body)) {
    return { text: decodeReporting(body, 'utf-8', notices), encoding: 'utf-8', notices };
  }
  notices.push('decoding as UTF-8: no encoding named and the bytes are not UTF-8 (read as windows-1252)');
  return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252', notices };
}

/** Whether the bytes hold a U+FFFD the publisher wrote (EF BF BD), which is valid UTF-8. */
function hasWrittenReplacement(body: Uint8Array): boolean {
  for (let i = body.indexOf(0xef); i !== -1 && i + 2 < body.length; i = body.indexOf(0xef, i + 1)) {
    if (body[i + 1] === 0xbf && body[i + 2] === 0xbd) return true;
  }
  return false;
}

/*
 * Node 20's TextDecoder turns UTF-8 CJK text into a string at ~100 MB/s, five times the cost of
 * JSON.parse-ing the result; ICU's transcode (after simdutf's validity check) is about six times
 * faster, and a live-blog page is decoded on every changed poll.
 */
function decodeValidUtf8(body: Uint8Array): string | undefined {
  if (!isUtf8(body)) return undefined;
  const text = transcode(body, 'utf8', 'utf16le').toString('utf16le');
  // TextDecoder drops a leading byte order mark; transcode keeps it as a character.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function decodeReporting(body: Uint8Array, encoding: string, notices: string[]): string {
  if (encoding === 'utf-8') {
    const text = decodeValidUtf8(body);
    if (text !== undefined) return text;
  }
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(body);
  } catch {
    const text = new TextDecoder(encoding).decode(body);
    const replaced = text.match(/\uFFFD/g)?.length ?? 0;
    notices.push(`bytes that are not valid ${encoding} (${replaced} shown as \uFFFD)`);
    return text;
  }
}
