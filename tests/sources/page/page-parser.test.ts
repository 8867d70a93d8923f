import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPageParser, parsePageHtml } from '../../../src/sources/page/parse-page.js';

const base = 'https://news.example.test/live/minato';
const html = (updates: readonly object[]): string =>
  `<html><head><script type="application/ld+json">${JSON.stringify({ '@type': 'LiveBlogPosting', headline: 'みなと祭り（架空）', liveBlogUpdate: updates })}</script></head></html>`;
const document = (updates: readonly object[], url = base) => ({ body: new TextEncoder().encode(html(updates)), contentType: 'text/html; charset=utf-8', url });

const update = fc.record({
  '@id': fc.constantFrom('#a', '#b', '#c', '#d'),
  headline: fc.constantFrom('第1報', '<b>第2報</b>', '花火&amp;屋台'),
  datePublished: fc.constantFrom('2026-08-01T19:00:00+0900', '2026-08-01T19:30:00+09:00'),
  articleBody: fc.constantFrom('<p>打ち上げ開始。</p>', '<p>打ち上げ開始。</p><p>（訂正）</p>', '雨で中断'),
  image: fc.constantFrom(undefined, 'https://news.example.test/img/1.jpg', { '@type': 'ImageObject', url: '/img/2.jpg', caption: '会場' }),
});

describe('the parser of one followed page', () => {
  it('reads every poll as a fresh parse would, whatever changed since the last', () => {
    fc.assert(
      fc.property(fc.array(fc.array(update, { maxLength: 5 }), { minLength: 1, maxLength: 6 }), (polls) => {
        const parse = createPageParser();
        for (const updates of polls) expect(parse(document(updates))).toEqual(parsePageHtml(html(updates), base));
      }),
    );
  });

  it('keeps the entry made of an update the page still writes the same, and makes a new one for an edit', () => {
    const first = { '@id': '#a', headline: '開幕', datePublished: '2026-08-01T18:00:00+09:00', articleBody: '<p>開幕した。</p>' };
    const second = { '@id': '#b', headline: '花火', datePublished: '2026-08-01T19:00:00+09:00', articleBody: '<p>打ち上げ開始。</p>' };
    const parse = createPageParser();
    const before = parse(document([second, first]));
    const after = parse(document([{ ...second, articleBody: '<p>打ち上げ開始（訂正）。</p>' }, first]));
    if (!before.ok || !after.ok) throw new Error('not parsed');
    expect(after.snapshot.entries[1]).toBe(before.snapshot.entries[1]);
    expect(after.snapshot.entries[0]).not.toBe(before.snapshot.entries[0]);
    expect(after.snapshot.entries[0]!.body).toBe('打ち上げ開始（訂正）。');
  });

  it('converts again when the page moved: relative links resolve against the new address', () => {
    const withPhoto = { '@id': '#a', headline: '開幕', datePublished: '2026-08-01T18:00:00+09:00', image: '/img/1.jpg' };
    const parse = createPageParser();
    parse(document([withPhoto]));
    const moved = parse(document([withPhoto], 'https://mirror.example.test/live/minato'));
    if (!moved.ok) throw new Error('not parsed');
    expect(moved.snapshot.entries[0]!.media).toEqual([{ caption: '', url: 'https://mirror.example.test/img/1.jpg' }]);
  });
});
