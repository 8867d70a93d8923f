import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFeedDocument } from '../../../src/sources/feed/parse-feed.js';
import { entrySchema, type Entry } from '../../../src/schema/entities.js';

/*
 * Any entry written into a feed the way publishers write it comes back with the same fields:
 * text with markup characters, CJK and emoji, tags, dates with offsets, links, authors,
 * corrections.
 */

const word = fc.string({
  unit: fc.constantFrom('灯', '台', 'ロ', 'ボ', '港', '星', '空', '별', '빛', 'a', 'Z', '7', '&', '<', '>', '"', "'", '🚢', '👩‍🚀', '；', '…'),
  minLength: 1,
  maxLength: 6,
});
const line = fc.array(word, { minLength: 1, maxLength: 5 }).map((words) => words.join(' '));
const paragraphs = fc.array(line, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n\n'));
const offset = fc.integer({ min: -11 * 4, max: 13 * 4 }).map((quarters) => quarters * 15);
const instant = fc.integer({ min: Date.parse('2000-01-01T00:00:00Z') / 1000, max: Date.parse('2060-01-01T00:00:00Z') / 1000 });

function isoAt(seconds: number, minutes: number): string {
  const local = new Date((seconds + minutes * 60) * 1000).toISOString().slice(0, 19);
  if (minutes === 0) return `${local}Z`;
  const size = Math.abs(minutes);
  return `${local}${minutes < 0 ? '-' : '+'}${String(Math.floor(size / 60)).padStart(2, '0')}:${String(size % 60).padStart(2, '0')}`;
}

const entry = fc
  .record({
    slug: fc.stringMatching(/^[a-z0-9-]{1,12}$/),
    published: instant,
    correctedAfter: fc.option(fc.integer({ min: 1, max: 86_400 }), { nil: undefined }),
    offset,
    title: line,
    body: paragraphs,
    tags: fc.uniqueArray(line, { maxLength: 3 }),
    author: fc.option(line, { nil: undefined }),
  })
  .map(({ slug, published, correctedAfter, offset: minutes, title, body, tags, author }): Entry => ({
    id: `https://hoshizora.example/live#${slug}`,
    time: isoAt(published, minutes),
    ...(correctedAfter === undefined ? {} : { modified: isoAt(published + correctedAfter, minutes) }),
    title,
    body,
    tags,
    url: `https://hoshizora.example/live#${slug}`,
    ...(author === undefined ? {} : { author }),
  }));

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const escapeHtml = escapeXml;
/** The body as an HTML fragment, one <p> per paragraph, escaped again as XML text (what publishers send). */
const htmlBody = (body: string): string => escapeXml(body.split('\n\n').map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join(''));

function rss(item: Entry): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>t</title>
<item><title>${escapeXml(escapeHtml(item.title!))}</title><link>${item.url}</link><guid>${item.id}</guid>
<pubDate>${new Date(item.time).toUTCString()}</pubDate><dc:date>${item.time}</dc:date>
${item.modified ? `<atom:updated>${item.modified}</atom:updated>` : ''}
${item.author ? `<dc:creator>${escapeXml(item.author)}</dc:creator>` : ''}
${item.tags.map((tag) => `<category>${escapeXml(tag)}</category>`).join('')}
<description>${htmlBody(item.body)}</description></item></channel></rss>`;
}

function atom(item: Entry): string {
  return `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><id>${item.id}</id><title type="text">${escapeXml(item.title!)}</title><link href="${item.url}"/>
<published>${item.time}</published><updated>${item.modified ?? item.time}</updated>
${item.author ? `<author><name>${escapeXml(item.author)}</name></author>` : ''}
${item.tags.map((tag) => `<category term="${escapeXml(tag)}"/>`).join('')}
<content type="html">${htmlBody(item.body)}</content></entry></feed>`;
}

function jsonFeed(item: Entry): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 't',
    items: [{
      id: item.id, url: item.url, title: item.title, content_text: item.body, tags: item.tags,
      date_published: item.time, date_modified: item.modified, authors: item.author ? [{ name: item.author }] : undefined,
    }],
  });
}

function parsedEntries(text: string): readonly Entry[] {
  const result = parseFeedDocument({ body: new TextEncoder().encode(text), contentType: undefined, url: 'https://hoshizora.example/feed' });
  if (!result.ok) throw new Error(result.error);
  return result.snapshot.entries;
}

describe('feed round trip', () => {
  it.each([
    ['RSS 2.0 (RFC 822 pubDate in GMT, dc:date with the offset)', rss],
    ['Atom', atom],
    ['JSON Feed', jsonFeed],
  ])('%s: an entry comes back with the same fields', (_name, write) => {
    fc.assert(
      fc.property(entry, (written) => {
        const [parsed] = parsedEntries(write(written));
        // RSS gives pubDate first: the same instant, written in GMT.
        if (write === rss) expect(Date.parse(parsed!.time)).toBe(Date.parse(written.time));
        expect({ ...parsed, time: undefined }).toEqual({ ...written, time: undefined });
        if (write !== rss) expect(parsed!.time).toBe(written.time);
      }),
    );
  });
});

describe('any document', () => {
  const fragments = fc.constantFrom(
    '<rss>', '</rss>', '<channel>', '<item>', '</item>', '<title>', '</title>', '<guid>', '<pubDate>', 'Tue, 01 Dec 2026 21:05:00 +0900',
    '<feed xmlns="http://www.w3.org/2005/Atom">', '<entry>', '<updated>', '2026-12-01T21:05:00Z', '<link href="', '"/>', '<media:content url="',
    '<enclosure url="::">', '<![CDATA[', ']]>', '&amp;', '&', '<', '灯台', '{"version":"https://jsonfeed.org/version/1.1","items":[', '{"id":', '1', '}', ']', ',', '"', ' ',
  );

  it('gives a snapshot of valid entries or one line of error, never a throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(fragments, { maxLength: 40 }).map((parts) => parts.join('')), fc.string()), (text) => {
        const result = parseFeedDocument({ body: new TextEncoder().encode(text), contentType: undefined, url: 'https://hoshizora.example/feed' });
        if (!result.ok) expect(result.error).not.toContain('\n');
        else for (const parsed of result.snapshot.entries) expect(entrySchema.safeParse(parsed).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
