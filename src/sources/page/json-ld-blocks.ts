/*
 * The text of each `<script type="application/ld+json">` of an HTML page. A full tokenizer
 * (htmlparser2) walks every character of the page in JavaScript, and on a newsroom's live blog
 * nearly all of a 1.3 MB page is that JSON: tokenizing it cost ten times the JSON.parse that
 * follows. This scan jumps from `<` to `<` with indexOf and steps over the content of comments
 * and raw-text elements in one search each, reading tags the way htmlparser2 does (the property
 * test in tests/sources/page holds it to that): comments end at `-->` or `--!>`, `<![CDATA[` at
 * `]]>`, other `<!...>` and `<?...>` at `>`; attribute values may hold `>` inside quotes;
 * attribute names are case-blind and the first of two wins. SVG and MathML, where a script is
 * markup rather than raw text, are not told apart: no page puts its JSON-LD there.
 */

/** Elements whose content is text up to their end tag (htmlparser2's raw-text and RCDATA set). */
const rawTextElements = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);

const isAsciiLetter = (code: number): boolean => (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
const isSpace = (code: number): boolean => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
/** What ends a tag or attribute name. */
const endsName = (code: number): boolean => isSpace(code) || code === 0x2f || code === 0x3e;

interface Tag {
  readonly name: string;
  readonly type: string | undefined;
  /** Index just after the tag's `>`; -1 when the page ends inside the tag (which then is no tag). */
  readonly end: number;
}

/** Reads the tag whose name starts at `start`: its name, its `type` attribute, where it ends. */
function readTag(html: string, start: number): Tag {
  let index = start;
  while (index < html.length && !endsName(html.charCodeAt(index))) index += 1;
  const name = html.slice(start, index).toLowerCase();
  let type: string | undefined;
  let typeSeen = false;
  while (index < html.length) {
    const code = html.charCodeAt(index);
    if (code === 0x3e) return { name, type, end: index + 1 };
    if (isSpace(code) || code === 0x2f) {
      index += 1;
      continue;
    }
    const nameStart = index;
    while (index < html.length && !endsName(html.charCodeAt(index)) && html.charCodeAt(index) !== 0x3d) index += 1;
    const attribute = html.slice(nameStart, index).toLowerCase();
    while (index < html.length && isSpace(html.charCodeAt(index))) index += 1;
    let value = '';
    if (html.charCodeAt(index) === 0x3d) {
      index += 1;
      while (index < html.length && isSpace(html.charCodeAt(index))) index += 1;
      const quote = html.charCodeAt(index);
      if (quote === 0x22 || quote === 0x27) {
        const close = html.indexOf(html[index] as string, index + 1);
        const valueEnd = close === -1 ? html.length : close;
        value = html.slice(index + 1, valueEnd);
        index = valueEnd + 1;
      } else {
        const valueStart = index;
        while (index < html.length && !isSpace(html.charCodeAt(index)) && html.charCodeAt(index) !== 0x3e) index += 1;
        value = html.slice(valueStart, index);
      }
    }
    if (attribute === 'type' && !typeSeen) {
      typeSeen = true;
      type = value;
    }
  }
  return { name, type, end: -1 };
}

/** Where the raw text of `name` that starts at `from` ends: its `</name`, in any case, followed by a name end. */
function rawTextEnd(html: string, name: string, from: number): number {
  for (let index = html.indexOf('</', from); index !== -1; index = html.indexOf('</', index + 2)) {
    const after = index + 2 + name.length;
    if ((html.charCodeAt(index + 2) | 0x20) === name.charCodeAt(0) && html.slice(index + 2, after).toLowerCase() === name && (after >= html.length || endsName(html.charCodeAt(after)))) return index;
  }
  return html.length;
}

/** Index after the end of what `<!`, `<?` or a `</` not followed by a letter at `start` opens. */
function skipMarkupDeclaration(html: string, start: number): number {
  const after = (marker: string, from: number): number => {
    const found = html.indexOf(marker, from);
    return found === -1 ? html.length : found + marker.length;
  };
  if (html.startsWith('<!--', start)) {
    const body = start + 4;
    if (html.startsWith('>', body)) return body + 1;
    if (html.startsWith('->', body)) return body + 2;
    const dashes = html.indexOf('--', body);
    for (let index = dashes; index !== -1; index = html.indexOf('--', index + 1)) {
      if (html.startsWith('-->', index)) return index + 3;
      if (html.startsWith('--!>', index)) return index + 4;
    }
    return html.length;
  }
  if (html.startsWith('<![CDATA[', start)) return after(']]>', start + 9);
  return after('>', start + 2);
}

/** The text of each `<script type="application/ld+json">`, in page order. */
export function jsonLdBlocks(html: string): string[] {
  const blocks: string[] = [];
  let index = html.indexOf('<');
  while (index !== -1 && index < html.length) {
    const next = html.charCodeAt(index + 1);
    if (next === 0x21 || next === 0x3f) {
      index = html.indexOf('<', skipMarkupDeclaration(html, index));
      continue;
    }
    const closing = next === 0x2f;
    if (!isAsciiLetter(closing ? html.charCodeAt(index + 2) : next)) {
      // `</` without a letter is a bogus comment up to `>`; `<` before anything else is text.
      index = closing ? html.indexOf('<', skipMarkupDeclaration(html, index)) : html.indexOf('<', index + 1);
      continue;
    }
    const tag = readTag(html, index + (closing ? 2 : 1));
    // `<plaintext>` makes the rest of the page text.
    if (tag.end === -1 || (!closing && tag.name === 'plaintext')) break;
    index = tag.end;
    if (closing || !rawTextElements.has(tag.name)) {
      index = html.indexOf('<', index);
      continue;
    }
    const textEnd = rawTextEnd(html, tag.name, index);
    if (tag.name === 'script' && /^\s*application\/ld\+json\b/i.test(tag.type ?? '')) blocks.push(html.slice(index, textEnd));
    index = textEnd;
  }
  return blocks;
}
