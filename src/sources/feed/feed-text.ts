import { decodeEntities, htmlToText } from '../html/html-text.js';

/* Feed text to the schema's plain text. Feeds rarely say whether a field is HTML, so it is guessed. */

/** Plain text with its paragraphs kept: runs of spaces collapse, blank lines separate paragraphs. */
export function plainText(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

/** A whole tag, a comment or an entity: a lone `<` in `a <b` is text. */
const tag = /<\/?[a-zA-Z][\w:-]*(?:\s[^<>]*)?\/?>|<!--/;
const looksLikeMarkup = new RegExp(`${tag.source}|&(?:#\\d+|#x[\\da-fA-F]+|[a-zA-Z]+\\d*);`);

/** Text that may or may not be HTML (RSS says descriptions may be either, and titles get both). */
export function textFromMaybeHtml(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const plain = looksLikeMarkup.test(text) ? htmlToText(text) : plainText(text);
  return plain === '' ? undefined : plain;
}

/** Text on one line, spaces collapsed. */
export function oneLine(text: string | undefined): string | undefined {
  const line = text?.replace(/\s+/g, ' ').trim();
  return line === '' ? undefined : line;
}

/** A title that may carry markup or entities (RSS double-escapes them) on one line. */
export function titleText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return oneLine(tag.test(text) ? htmlToText(text) : decodeEntities(text));
}
