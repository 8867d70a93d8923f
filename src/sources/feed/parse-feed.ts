import type { DocumentParser, ParseResult } from '../poll/snapshot.js';
import { decodeDocument } from '../poll/decode.js';
import { atomContent } from './atom-feed.js';
import { feedSnapshot, type FeedContent } from './feed-snapshot.js';
import { createFirstSeenClock } from './first-seen.js';
import { isJsonFeed, jsonFeedContent } from './json-feed.js';
import { rssContent } from './rss-feed.js';
import { isNamed, namespaces, parseXmlRoot, qualifiedName } from './xml-tree.js';

/*
 * RSS 2.0, RSS 1.0 (RDF), Atom and JSON Feed documents to snapshots.
 *
 * The XML is read with htmlparser2 in XML mode rather than a feed library: it is already the
 * project's HTML parser (no new dependency, nothing more in the bundle), it is forgiving where
 * real feeds are broken, and feedsmith / @rowanmanning/feed-parser would add fast-xml-parser and
 * an entities package while leaving the part that matters here still to write: turning each
 * format's fields into entries (ids with fallbacks, dates with their offsets, HTML to text,
 * Media RSS captions and credits, corrections from Atom's updated).
 */

const failure = (error: string): ParseResult => ({ ok: false, error });

function xmlContent(text: string, documentUrl: string): FeedContent | string {
  const root = parseXmlRoot(text);
  if (root === undefined) return 'not a feed (no XML or JSON in the document)';
  if (isNamed(root, [''], 'rss') || isNamed(root, [namespaces.rdf], 'RDF')) return rssContent(root, documentUrl);
  if (isNamed(root, [namespaces.atom], 'feed')) return atomContent(root, documentUrl);
  const { local } = qualifiedName(root);
  if (local.toLowerCase() === 'html') return 'not a feed (an HTML page, not RSS, Atom or RDF)';
  return `not a feed (the XML root is <${root.name}>, not <rss>, <rdf:RDF> or Atom's <feed>)`;
}

function jsonContent(text: string, documentUrl: string): FeedContent | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not a feed (JSON that does not parse: ${(error as Error).message})`;
  }
  if (!isJsonFeed(value)) return 'not a JSON Feed (no "version" naming https://jsonfeed.org/version/…)';
  return jsonFeedContent(value, documentUrl);
}

const firstSeen = createFirstSeenClock();

export const parseFeedDocument: DocumentParser = (document) => {
  const decoded = decodeDocument(document.body, document.contentType);
  const text = decoded.text.trimStart();
  if (text === '') return failure('not a feed (the document is empty)');
  const content = text.startsWith('{') ? jsonContent(text, document.url) : xmlContent(text, document.url);
  if (typeof content === 'string') return failure(content);
  return { ok: true, snapshot: feedSnapshot(content, document.url, decoded.notices, firstSeen) };
};
