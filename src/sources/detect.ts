/*
 * What a URL or a file is, from the answer: the content type first, then the first bytes, since
 * servers lie (feeds served as text/html, text/plain or application/octet-stream).
 */

export type SourceKind = 'sse' | 'page' | 'feed' | 'ndjson';

/** What `--source` can say a URL is, skipping detection. */
export const sourceChoices = ['sse', 'page', 'feed', 'mastodon'] as const;
export type SourceChoice = (typeof sourceChoices)[number];

const feedTypes = /^(application\/(rss|atom|rdf|feed)\+(xml|json)|application\/(xml|rss|json)|text\/(xml|rss))\b/i;

/**
 * What comes before a document's first element: an XML declaration, processing instructions
 * (xml-stylesheet), comments and a doctype. Feeds put licence comments there, so the root
 * element, not the first bytes, says whether a document is a feed.
 */
const prolog = /^(\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!doctype[^>]*>)*/i;

/** What the first bytes look like, or undefined when they say nothing. */
export function sniff(head: string): SourceKind | undefined {
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('<')) {
    const root = start.slice(prolog.exec(start)![0].length);
    if (/^<(rss|feed|rdf:RDF)\b/i.test(root)) return 'feed';
    // A head cut inside a long prolog comment: an XML declaration and a feed's root further on.
    if (/^<\?xml\b/i.test(start) && /<(rss|feed|rdf:RDF)\b/i.test(start)) return 'feed';
    return 'page';
  }
  if (start.startsWith('{')) {
    if (/"version"\s*:\s*"https?:\/\/jsonfeed\.org\/version\//.test(start)) return 'feed';
    const firstLine = start.split('\n', 1)[0]!;
    if (/"event"\s*:\s*"(entry|update|delete|blog)"/.test(firstLine)) return 'ndjson';
    return undefined;
  }
  if (/^(event|data|id|retry):/m.test(start.slice(0, 200)) || start.startsWith(':')) return 'sse';
  return undefined;
}

/** The kind an HTTP answer is, or undefined when livetail cannot use it. */
export function detectKind(contentType: string | undefined, head: string): SourceKind | undefined {
  const type = (contentType ?? '').trim().toLowerCase();
  if (type.startsWith('text/event-stream')) return 'sse';
  if (/^application\/(x-)?(nd|jsonl|json-seq|x-ndjson)/.test(type) || type.startsWith('application/x-ndjson') || type.startsWith('application/jsonl')) return 'ndjson';
  const sniffed = sniff(head);
  if (feedTypes.test(type)) return sniffed === 'page' ? 'page' : sniffed === 'ndjson' ? 'ndjson' : 'feed';
  if (type.startsWith('text/html') || type.startsWith('application/xhtml')) return sniffed === 'feed' ? 'feed' : 'page';
  return sniffed;
}

/** The kind a file's name suggests, before its bytes are looked at. */
export function kindFromName(path: string): SourceKind | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
  switch (extension) {
    case 'ndjson':
    case 'jsonl':
      return 'ndjson';
    case 'html':
    case 'htm':
      return 'page';
    case 'xml':
    case 'rss':
    case 'atom':
    case 'rdf':
      return 'feed';
    default:
      return undefined;
  }
}
