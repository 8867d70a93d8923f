import type { FeedContent, FeedItem } from './feed-snapshot.js';
import { oneLine, textFromMaybeHtml, titleText } from './feed-text.js';
import { itemMedia } from './xml-media.js';
import { attribute, child, children, childText, namespaces, resolveUrl, textOf, type Element } from './xml-tree.js';

/*
 * RSS 2.0 (and 0.9x) and RSS 1.0 (RDF, still common in Japan: dates in dc:date, subjects in
 * dc:subject). The two share their element names, RDF puts them in its own namespace and its
 * items beside the channel rather than inside it.
 */

const rss = ['', namespaces.rss1, 'http://my.netscape.com/rdf/simple/0.9/'];
const dc = [namespaces.dc];
const atom = [namespaces.atom];

/** RSS `<author>` is `email (Name)`; the name is what a reader wants. */
function authorName(author: string | undefined): string | undefined {
  if (author === undefined) return undefined;
  return /\(([^)]+)\)\s*$/.exec(author)?.[1]?.trim() ?? author;
}

function joinedText(elements: readonly Element[]): string | undefined {
  const names = elements.map((element) => textOf(element)).filter((name) => name !== undefined);
  return names.length === 0 ? undefined : [...new Set(names)].join(', ');
}

/** The channel's or item's web link: RSS `<link>`, else an Atom alternate link some feeds add. */
function linkOf(element: Element, base: string): string | undefined {
  const atomLink = children(element, atom, 'link').find((link) => (attribute(link, 'rel') ?? 'alternate') === 'alternate');
  return resolveUrl(childText(element, rss, 'link') ?? (atomLink && attribute(atomLink, 'href')), base);
}

function rssItem(item: Element, base: string): FeedItem {
  const guid = child(item, rss, 'guid');
  const guidText = textOf(guid);
  // isPermaLink defaults to true, but many feeds leave it out on ids that are no URL at all.
  const guidIsLink = guid !== undefined && attribute(guid, 'isPermaLink')?.toLowerCase() !== 'false' && /^https?:\/\//i.test(guidText ?? '');
  const link = linkOf(item, base) ?? (guidIsLink ? resolveUrl(guidText, base) : undefined);
  const title = titleText(childText(item, rss, 'title') ?? childText(item, dc, 'title'));
  const body = textFromMaybeHtml(
    childText(item, [namespaces.content], 'encoded') ?? childText(item, rss, 'description') ?? childText(item, dc, 'description'),
  );
  const author = joinedText(children(item, dc, 'creator')) ?? authorName(childText(item, rss, 'author'));
  const published = childText(item, rss, 'pubDate') ?? childText(item, dc, 'date') ?? childText(item, atom, 'published');
  const updated = childText(item, atom, 'updated') ?? childText(item, [namespaces.dcterms], 'modified');
  const tags = [...children(item, rss, 'category'), ...children(item, dc, 'subject')].map((tag) => oneLine(textOf(tag)));
  return {
    id: guidText ?? attribute(item, 'rdf:about'),
    link,
    title,
    body,
    published,
    updated,
    author,
    tags: tags.filter((tag) => tag !== undefined),
    media: itemMedia(item, base),
  };
}

/** RSS `<ttl>`: minutes the channel may be cached. */
function ttlSeconds(channel: Element): number | undefined {
  const minutes = Number(childText(channel, rss, 'ttl'));
  return Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes * 60) : undefined;
}

/** `root` is `<rss>` or `<rdf:RDF>`. */
export function rssContent(root: Element, documentUrl: string): FeedContent {
  const channel = child(root, rss, 'channel');
  const items = [...(channel ? children(channel, rss, 'item') : []), ...children(root, rss, 'item')];
  return {
    title: channel && titleText(childText(channel, rss, 'title') ?? childText(channel, dc, 'title')),
    link: channel && linkOf(channel, documentUrl),
    lang: channel && (childText(channel, rss, 'language') ?? childText(channel, dc, 'language')),
    ttlSeconds: channel && ttlSeconds(channel),
    items: items.map((item) => rssItem(item, documentUrl)),
  };
}
