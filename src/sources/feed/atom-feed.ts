import { htmlToText } from '../html/html-text.js';
import type { FeedContent, FeedItem } from './feed-snapshot.js';
import { oneLine, plainText } from './feed-text.js';
import { itemMedia } from './xml-media.js';
import { attribute, child, children, childText, innerXml, namespaces, resolveUrl, textOf, type Element } from './xml-tree.js';

/*
 * Atom (RFC 4287, and 0.3 where it differs only in names: issued/modified). Text constructs say
 * their type (text, html, xhtml), links are relative to xml:base, and an entry that is updated
 * after it was published carries both dates: the later one is the correction time.
 */

const atom = [namespaces.atom];

/** The base URL in effect at an element: xml:base attributes resolved from the document down. */
function baseOf(element: Element | null, documentUrl: string): string {
  if (element === null) return documentUrl;
  const parentBase = baseOf(element.parent as Element | null, documentUrl);
  const declared = element.attribs?.['xml:base'];
  return declared === undefined ? parentBase : (resolveUrl(declared, parentBase) ?? parentBase);
}

/** An Atom text construct as plain text, as its `type` says it is written. */
function textConstruct(element: Element | undefined): string | undefined {
  if (element === undefined) return undefined;
  const type = attribute(element, 'type')?.toLowerCase() ?? 'text';
  let text: string;
  if (type === 'xhtml') text = htmlToText(innerXml(element));
  else if (type === 'html' || type === 'text/html') text = htmlToText(textOf(element) ?? '');
  else text = plainText(textOf(element) ?? '');
  return text === '' ? undefined : text;
}

function alternateLink(element: Element, documentUrl: string): string | undefined {
  const link = children(element, atom, 'link').find((candidate) => (attribute(candidate, 'rel') ?? 'alternate') === 'alternate');
  return link && resolveUrl(attribute(link, 'href'), baseOf(link, documentUrl));
}

function authorNames(element: Element): string | undefined {
  const names = children(element, atom, 'author')
    .map((author) => childText(author, atom, 'name'))
    .filter((name) => name !== undefined);
  return names.length === 0 ? undefined : [...new Set(names)].join(', ');
}

function atomEntry(entry: Element, feedAuthor: string | undefined, documentUrl: string): FeedItem {
  const content = child(entry, atom, 'content');
  // Content with src is elsewhere (out-of-line): the summary is what there is to read.
  const body = content && attribute(content, 'src') === undefined ? textConstruct(content) : undefined;
  const source = child(entry, atom, 'source');
  return {
    id: childText(entry, atom, 'id'),
    link: alternateLink(entry, documentUrl),
    // A text construct is already plain text: decoding entities again would change what it says.
    title: oneLine(textConstruct(child(entry, atom, 'title'))),
    body: body ?? textConstruct(child(entry, atom, 'summary')),
    published: childText(entry, atom, 'published') ?? childText(entry, atom, 'issued'),
    updated: childText(entry, atom, 'updated') ?? childText(entry, atom, 'modified'),
    author: authorNames(entry) ?? (source && authorNames(source)) ?? feedAuthor,
    tags: children(entry, atom, 'category')
      .map((category) => attribute(category, 'term') ?? attribute(category, 'label'))
      .filter((term) => term !== undefined),
    media: itemMedia(entry, baseOf(entry, documentUrl)),
  };
}

/** `root` is `<feed>` in the Atom namespace. */
export function atomContent(root: Element, documentUrl: string): FeedContent {
  const feedAuthor = authorNames(root);
  return {
    title: oneLine(textConstruct(child(root, atom, 'title'))),
    link: alternateLink(root, documentUrl),
    lang: attribute(root, 'xml:lang'),
    items: children(root, atom, 'entry').map((entry) => atomEntry(entry, feedAuthor, documentUrl)),
  };
}
