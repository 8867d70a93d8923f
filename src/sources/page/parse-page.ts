import { createHash } from 'node:crypto';
import type { Blog, Entry } from '../../schema/feed.js';
import { decodeDocument } from '../poll/decode.js';
import { sameJson } from '../poll/same-json.js';
import type { DocumentParser } from '../poll/snapshot.js';
import { jsonLdBlocks } from './json-ld-blocks.js';
import { isObject, objectsOfType, parseBlock, type JsonObject } from './json-ld.js';
import { microdataItems } from './microdata.js';
import { asList, httpUrl, isoTime, keywords, media, names, text } from './schema-values.js';

/*
 * A live-blog web page: the schema.org LiveBlogPosting in its JSON-LD (Google asks publishers for
 * it, so most big newsrooms have it), else in its microdata. Its `liveBlogUpdate`s become
 * entries, the posting itself the blog.
 */

export const noLiveBlog = 'no live blog on this page (no schema.org LiveBlogPosting)';

/** An id for an update the page gives none: its time and headline, which survive body edits. */
function fingerprintId(time: string, title: string | undefined): string {
  return `t-${createHash('sha256').update(`${Date.parse(time)}\n${title ?? ''}`).digest('hex').slice(0, 16)}`;
}

/** The id the page gives an update: its `@id`, url or identifier. */
function givenId(update: JsonObject): string | undefined {
  const given = [update['@id'], update.url, update.identifier].find((value) => typeof value === 'string' && value.trim() !== '') as string | undefined;
  return given?.trim();
}

function updateToEntry(update: JsonObject, base: string): Entry | string {
  const time = isoTime(update.datePublished) ?? isoTime(update.dateCreated) ?? isoTime(update.dateModified);
  const title = text(update.headline, { oneLine: true }) ?? text(update.name, { oneLine: true });
  if (time === undefined) return `update ${title ?? '(untitled)'}: no publication time`;
  const body = text(update.articleBody) ?? text(update.text) ?? text(update.description) ?? '';
  const photos = media(update.image ?? update.associatedMedia, base);
  const author = names(update.author);
  const url = httpUrl(update.url, base);
  const modified = isoTime(update.dateModified);
  return {
    id: givenId(update) ?? fingerprintId(time, title),
    time,
    ...(title === undefined ? {} : { title }),
    body,
    tags: keywords(update.keywords),
    ...(photos.length === 0 ? {} : { media: photos }),
    ...(url === undefined ? {} : { url }),
    ...(author === undefined ? {} : { author }),
    ...(modified !== undefined && Date.parse(modified) > Date.parse(time) ? { modified } : {}),
  };
}

function blogOf(posting: JsonObject, base: string, now: number): Blog {
  const url = httpUrl(posting.url, base) ?? base;
  const ended = isoTime(posting.coverageEndTime);
  const section = asList(posting.articleSection).find((value) => typeof value === 'string') as string | undefined;
  const lang = typeof posting.inLanguage === 'string' ? posting.inLanguage : undefined;
  const tags = keywords(posting.keywords);
  return {
    id: (typeof posting['@id'] === 'string' && posting['@id']) || url,
    title: text(posting.headline, { oneLine: true }) ?? text(posting.name, { oneLine: true }) ?? url,
    url,
    ...(section ? { section: text(section, { oneLine: true }) ?? section } : {}),
    ...(tags.length > 0 ? { tags } : {}),
    ...(lang ? { lang } : {}),
    status: ended !== undefined && Date.parse(ended) <= now ? 'ended' : 'live',
  };
}

/** The posting with the most updates: pages that carry several (a related blog) lead with theirs. */
function mainPosting(postings: readonly JsonObject[]): JsonObject | undefined {
  let best: JsonObject | undefined;
  for (const posting of postings) if (!best || asList(posting.liveBlogUpdate).length > asList(best.liveBlogUpdate).length) best = posting;
  return best;
}

/** Each update of the last page as the page wrote it and the entry made of it, by the id it gives. */
type Converted = ReadonlyMap<string, { readonly update: JsonObject; readonly entry: Entry }>;

function readPage(html: string, base: string, now: number, last: Converted): { result: ReturnType<DocumentParser>; converted: Converted } {
  const parsed = jsonLdBlocks(html).map(parseBlock);
  // Microdata takes a full parse of the page: only for a page whose JSON-LD has no live blog.
  const posting =
    mainPosting(objectsOfType(parsed, 'LiveBlogPosting')) ??
    (html.includes('LiveBlogPosting') ? mainPosting(objectsOfType(microdataItems(html, base), 'LiveBlogPosting')) : undefined);
  if (!posting) return { result: { ok: false, error: noLiveBlog }, converted: last };
  const notices: string[] = [];
  const entries = new Map<string, Entry>();
  const converted = new Map<string, { update: JsonObject; entry: Entry }>();
  for (const update of asList(posting.liveBlogUpdate)) {
    if (!isObject(update)) continue;
    const given = givenId(update);
    const before = given === undefined ? undefined : last.get(given);
    const entry = before !== undefined && sameJson(before.update, update) ? before.entry : updateToEntry(update, base);
    if (typeof entry === 'string') notices.push(entry);
    // The first of two updates with one id wins: pages repeat a pinned update at the top.
    else if (!entries.has(entry.id)) {
      entries.set(entry.id, entry);
      if (given !== undefined) converted.set(given, { update, entry });
    }
  }
  const snapshot = { blog: blogOf(posting, base, now), entries: [...entries.values()], ...(notices.length > 0 ? { notices } : {}) };
  return { result: { ok: true, snapshot }, converted };
}

export function parsePageHtml(html: string, base: string, now = Date.now()): ReturnType<DocumentParser> {
  return readPage(html, base, now, new Map()).result;
}

/**
 * The parser for one followed page. An update written exactly as on the last poll keeps the
 * entry made of it then: turning a big live blog's 430 HTML bodies into text again on every
 * change cost four times the JSON.parse of the whole page.
 */
export function createPageParser(): DocumentParser {
  let last: { base: string; converted: Converted } | undefined;
  return (document) => {
    const decoded = decodeDocument(document.body, document.contentType);
    const read = readPage(decoded.text, document.url, Date.now(), last?.base === document.url ? last.converted : new Map());
    last = { base: document.url, converted: read.converted };
    const result = read.result;
    if (!result.ok || decoded.notices.length === 0) return result;
    return { ok: true, snapshot: { ...result.snapshot, notices: [...decoded.notices, ...(result.snapshot.notices ?? [])] } };
  };
}

/** One page read once (a saved file). */
export const parsePageDocument: DocumentParser = (document) => createPageParser()(document);
