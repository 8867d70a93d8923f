import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { noLiveBlog, parsePageDocument, parsePageHtml } from '../../../src/sources/page/parse-page.js';
import { isoTime } from '../../../src/sources/page/schema-values.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/pages/${name}`, import.meta.url));
const base = 'https://news.example.test/live/hoshizora';

function page(posting: object): string {
  return `<html><head><script type="application/ld+json">${JSON.stringify(posting)}</script></head></html>`;
}

describe('live-blog pages', () => {
  it('reads a LiveBlogPosting inside @graph, with entities, HTML bodies, authors and photo credits', () => {
    const result = parsePageDocument({ body: fixture('hoshizora-live.html'), contentType: 'text/html; charset=utf-8', url: base });
    if (!result.ok) throw new Error(result.error);
    const { blog, entries } = result.snapshot;
    expect(blog).toMatchObject({ title: 'ほしぞら港湾サミット（架空） "速報"', section: '政治', lang: 'ja', status: 'live' });
    const statement = entries.find((each) => each.id.endsWith('#update-3'))!;
    expect(statement).toMatchObject({
      time: '2026-11-25T16:05:00+09:00',
      title: '共同声明「航路の安全を最優先」',
      body: "両首脳は共同声明で「航路の安全を最優先にする」と表明した。\n\n質疑は予定より20分長引いた。'UN'の視察団（架空）も同席。",
      author: '港 ミナト（架空）',
      tags: ['会見', '港湾'],
      url: `${base}#update-3`,
    });
    expect(statement.modified).toBeUndefined();
    expect(entries.find((each) => each.id.endsWith('#update-2'))!.media).toEqual([{ caption: '会場に到着する代表団', credit: '© 架空フォト / ホシノ・ミナト', url: 'https://news.example.test/img/arrival.jpg' }]);
  });

  it('gives an update without an id one made of its time and headline, kept when the body is corrected', () => {
    const update = { '@type': 'BlogPosting', headline: '交通規制', datePublished: '2026-11-25T09:10:00+0900', articleBody: '第一報' };
    const before = parsePageHtml(page({ '@type': 'LiveBlogPosting', headline: 'x', liveBlogUpdate: update }), base);
    const after = parsePageHtml(page({ '@type': 'LiveBlogPosting', headline: 'x', liveBlogUpdate: { ...update, articleBody: '訂正版' } }), base);
    if (!before.ok || !after.ok) throw new Error('not parsed');
    expect(before.snapshot.entries[0]!.id).toMatch(/^t-/);
    expect(after.snapshot.entries[0]!.id).toBe(before.snapshot.entries[0]!.id);
  });

  it('finds the posting in a top-level array or nested in a WebPage, and takes the one with most updates', () => {
    const small = { '@type': 'LiveBlogPosting', headline: '関連（架空）', liveBlogUpdate: [] };
    const main = { '@type': ['LiveBlogPosting'], headline: '本編（架空）', liveBlogUpdate: [{ '@type': 'BlogPosting', '@id': 'a', datePublished: '2026-11-25T10:00Z', articleBody: 'あ' }] };
    const result = parsePageHtml(page([{ '@type': 'WebPage', mainEntity: small }, { '@type': 'WebPage', mainEntity: main }]), base);
    expect(result.ok && result.snapshot.blog?.title).toBe('本編（架空）');
  });

  it('says ENDED when coverageEndTime has passed, and corrections carry modified', () => {
    const result = parsePageHtml(
      page({ '@type': 'LiveBlogPosting', headline: 'x', coverageEndTime: '2026-11-25T18:00:00+09:00', liveBlogUpdate: [{ '@type': 'BlogPosting', '@id': 'a', datePublished: '2026-11-25T10:00:00+09:00', dateModified: '2026-11-25T10:30:00+09:00' }] }),
      base,
      Date.parse('2026-11-26T00:00:00+09:00'),
    );
    if (!result.ok) throw new Error(result.error);
    expect(result.snapshot.blog?.status).toBe('ended');
    expect(result.snapshot.entries[0]!.modified).toBe('2026-11-25T10:30:00+09:00');
  });

  it('says there is no live blog on a page without a posting', () => {
    expect(parsePageDocument({ body: fixture('no-live-blog.html'), contentType: 'text/html', url: base })).toEqual({ ok: false, error: noLiveBlog });
  });

  it('normalises the times pages write', () => {
    expect(isoTime('2026-11-25T16:05:00+0900')).toBe('2026-11-25T16:05:00+09:00');
    expect(isoTime('2026-11-25T16:05+09:00')).toBe('2026-11-25T16:05:00+09:00');
    expect(isoTime('2026-11-25 07:05:00')).toBe('2026-11-25T07:05:00Z');
    expect(isoTime('')).toBeUndefined();
    expect(isoTime('not a time')).toBeUndefined();
  });
});

describe('live-blog pages in microdata', () => {
  it('reads a LiveBlogPosting written as itemscope/itemprop into the same blog and entries', () => {
    const url = 'https://harbor.example.test/live/ferry-strike';
    const result = parsePageDocument({ body: fixture('seaside-microdata.html'), contentType: 'text/html; charset=utf-8', url });
    if (!result.ok) throw new Error(result.error);
    const { blog, entries } = result.snapshot;
    expect(blog).toEqual({ id: url, title: 'Live: Seaside ferry strike & talks (fictional)', url, section: 'Local', lang: 'en', status: 'live' });
    expect(entries).toEqual([
      {
        id: `${url}#post-3`,
        time: '2026-11-25T11:40:00+00:00',
        title: 'Union and operator agree to talk at 3pm',
        body: 'Both sides confirmed a meeting at the harbor office.\n\nCorrection: the meeting is at 3pm, not 2pm.',
        tags: [],
        media: [{ caption: 'The harbor office at noon', credit: 'Example Photo / J. Lee', url: 'https://harbor.example.test/img/harbor-office.jpg' }],
        author: 'Mina Park (fictional)',
        modified: '2026-11-25T11:55:00+00:00',
      },
      {
        id: `${url}#post-2`,
        time: '2026-11-25T09:15:00+09:00',
        title: '항구 앞 임시 버스 운행 (가상)',
        body: '임시 버스는 10분 간격으로 운행된다.\n\n• 북쪽 정류장\n\n• 남쪽 정류장',
        tags: [],
        url: `${url}#post-2`,
      },
      { id: `${url}#post-1`, time: '2026-11-25T06:05:00Z', title: 'No ferries this morning', body: 'All morning sailings are cancelled, the operator said.', tags: [] },
    ]);
  });

  it('prefers the JSON-LD when a page has both', () => {
    const both = `${page({ '@type': 'LiveBlogPosting', headline: 'JSON-LD の速報（架空）', liveBlogUpdate: [] })}<div itemscope itemtype="https://schema.org/LiveBlogPosting"><h1 itemprop="headline">microdata</h1></div>`;
    const result = parsePageHtml(both, base);
    expect(result.ok && result.snapshot.blog?.title).toBe('JSON-LD の速報（架空）');
  });
});
