import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';

/*
 * Feed and page text arrives as HTML (articleBody, RSS descriptions, Mastodon content). The
 * schema's body is plain text with paragraphs separated by a blank line, so block elements become
 * paragraph breaks, <br> a line break, list items keep a bullet and links keep their text.
 * htmlparser2 does the tokenizing and entity decoding; what counts as a paragraph is ours.
 */

const blockElements = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p',
  'pre', 'section', 'table', 'tr', 'ul',
]);
/** Elements whose content is never reading text. */
const hiddenElements = new Set(['script', 'style', 'template', 'noscript', 'head', 'title', 'iframe', 'svg']);

/** `<span class="invisible">` is how Mastodon hides the scheme and tail of a long URL. */
function isInvisible(name: string, attributes: Record<string, string>): boolean {
  return name === 'span' && /(?:^|\s)invisible(?:\s|$)/.test(attributes.class ?? '');
}

/** Decodes HTML entities in text that is otherwise plain (`&quot;` in a JSON-LD headline). */
export function decodeEntities(text: string): string {
  return text.includes('&') ? decodeHTML(text) : text;
}

/** Plain text of an HTML fragment: paragraphs separated by a blank line, whitespace collapsed. */
export function htmlToText(html: string): string {
  // Most headlines and many bodies carry no markup at all: no parser for them.
  if (!html.includes('<') && !html.includes('&')) return html.replace(/\s+/g, ' ').trim();
  const paragraphs: string[] = [];
  let lines: string[] = [];
  let line = '';
  // Depth of elements whose text is dropped; a stack because invisible spans nest.
  const hiddenStack: string[] = [];
  let ellipsisDepth = 0;
  const openStack: string[] = [];

  const endLine = (): void => {
    const trimmed = line.trim();
    if (trimmed !== '') lines.push(trimmed);
    line = '';
  };
  const endParagraph = (): void => {
    endLine();
    if (lines.length > 0) paragraphs.push(lines.join('\n'));
    lines = [];
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        openStack.push(name);
        if (hiddenStack.length > 0 || hiddenElements.has(name) || isInvisible(name, attributes)) {
          hiddenStack.push(name);
          return;
        }
        if (name === 'br') endLine();
        else if (blockElements.has(name)) endParagraph();
        if (name === 'li') line += '• ';
        if (name === 'span' && /(?:^|\s)ellipsis(?:\s|$)/.test(attributes.class ?? '')) ellipsisDepth = openStack.length;
        if (name === 'img' && attributes.alt) line += attributes.alt;
      },
      ontext(text) {
        if (hiddenStack.length > 0) return;
        line += text.replace(/\s+/g, ' ');
      },
      onclosetag(name) {
        if (hiddenStack.length > 0 && hiddenStack[hiddenStack.length - 1] === name) hiddenStack.pop();
        else if (hiddenStack.length === 0) {
          if (ellipsisDepth === openStack.length) {
            line += '…';
            ellipsisDepth = 0;
          }
          if (blockElements.has(name)) endParagraph();
        }
        openStack.pop();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  endParagraph();
  return paragraphs.join('\n\n');
}
