import type { Media } from '../../schema/entities.js';
import type { FeedContent, FeedItem } from './feed-snapshot.js';
import { oneLine, plainText, textFromMaybeHtml } from './feed-text.js';
import { resolveUrl } from './xml-tree.js';

/*
 * JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). The document is already JSON, so
 * what is read here is only which field means what: 1.1 moved `author` to `authors` and added
 * `language`; ids may be numbers in 1.0 feeds written carelessly.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const stringOf = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

export function isJsonFeed(value: unknown): value is Json {
  return isObject(value) && typeof value.version === 'string' && /^https?:\/\/jsonfeed\.org\/version\//.test(value.version);
}

function authorsOf(value: Json): string | undefined {
  const authors = Array.isArray(value.authors) ? value.authors : value.author === undefined ? [] : [value.author];
  const names = authors.map((author) => (isObject(author) ? stringOf(author.name) : undefined)).filter((name) => name !== undefined);
  return names.length === 0 ? undefined : [...new Set(names)].join(', ');
}

function mediaOf(item: Json, base: string): Media[] {
  const image = resolveUrl(stringOf(item.image), base);
  const attachments = (Array.isArray(item.attachments) ? item.attachments : []).filter(isObject).flatMap((attachment) => {
    const url = resolveUrl(stringOf(attachment.url), base);
    return url === undefined ? [] : [{ caption: oneLine(stringOf(attachment.title)) ?? '', url }];
  });
  return [...(image === undefined ? [] : [{ caption: '', url: image }]), ...attachments.filter((attachment) => attachment.url !== image)];
}

function jsonItem(item: unknown, feedAuthor: string | undefined, base: string): FeedItem | string {
  if (!isObject(item)) return 'not a JSON object';
  const html = stringOf(item.content_html);
  const text = stringOf(item.content_text);
  return {
    id: typeof item.id === 'number' ? String(item.id) : stringOf(item.id),
    link: resolveUrl(stringOf(item.url) ?? stringOf(item.external_url), base),
    // JSON Feed titles are plain text (the spec): no markup to guess at.
    title: oneLine(stringOf(item.title)),
    body: html !== undefined ? textFromMaybeHtml(html) : text !== undefined ? plainText(text) : textFromMaybeHtml(stringOf(item.summary)),
    published: stringOf(item.date_published),
    updated: stringOf(item.date_modified),
    author: authorsOf(item) ?? feedAuthor,
    tags: (Array.isArray(item.tags) ? item.tags : []).map(stringOf).filter((tag) => tag !== undefined),
    media: mediaOf(item, base),
  };
}

export function jsonFeedContent(feed: Json, documentUrl: string): FeedContent {
  const feedAuthor = authorsOf(feed);
  return {
    title: oneLine(stringOf(feed.title)),
    link: resolveUrl(stringOf(feed.home_page_url), documentUrl),
    lang: stringOf(feed.language),
    items: (Array.isArray(feed.items) ? feed.items : []).map((item) => jsonItem(item, feedAuthor, documentUrl)),
  };
}
