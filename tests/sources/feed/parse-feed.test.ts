import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { parseFeedDocument } from '../../../src/sources/feed/parse-feed.js';
import type { Snapshot } from '../../../src/sources/poll/snapshot.js';

/* The fixtures are fictional feeds about a fictional event, written for these tests (see tests/fixtures/feeds). */
const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));
const url = 'https://hoshizora.example/summit/feed';

function parse(body: Uint8Array | string, contentType = 'application/xml'): Snapshot {
  const result = parseFeedDocument({ body: typeof body === 'string' ? new TextEncoder().encode(body) : body, contentType, url });
  if (!result.ok) throw new Error(result.error);
  return result.snapshot;
}

function failure(body: string, contentType = 'application/xml'): string {
  const result = parseFeedDocument({ body: new TextEncoder().encode(body), contentType, url });
  if (result.ok) throw new Error('parsed as a feed');
  return result.error;
}

describe('RSS 2.0 in Shift_JIS (declared in the XML declaration only)', () => {
  const snapshot = parse(fixture('summit.shift_jis.rss'), 'application/rss+xml');

  it('names the blog and honours ttl in minutes', () => {
    expect(snapshot.blog).toEqual({ id: url, title: 'ほしぞら港湾サミット（架空）速報', url: 'https://hoshizora.example/summit/', lang: 'ja', status: 'live' });
    expect(snapshot.ttlSeconds).toBe(300);
  });

  it('an item with guid, content:encoded, Media RSS and dc:creator', () => {
    expect(snapshot.entries[0]).toEqual({
      id: 'summit-2026-p1',
      time: '2026-12-01T21:05:00+09:00',
      title: '灯台ロボが開会を宣言',
      body: '第三埠頭で灯台ロボが開会を宣言しました & 汽笛が三回。\n\n詳細はこちら。',
      tags: ['開会式', '灯台'],
      // The same picture at two widths is one media, the wider one.
      media: [{ caption: '開会を宣言する灯台ロボ（架空）', credit: '写真：架空通信', url: 'https://hoshizora.example/img/robot.jpg?w=800' }],
      url: 'https://hoshizora.example/summit/live#p1',
      author: '架空 太郎',
    });
  });

  it('double-escaped titles, HTML descriptions, relative links, enclosures, RSS author, GMT without seconds', () => {
    expect(snapshot.entries[1]).toEqual({
      id: 'https://hoshizora.example/summit/live#p2',
      time: '2026-12-01T12:20:00Z',
      title: 'Ferry & 渡し船 schedule 🚢',
      body: '渡し船は十分おきに運航。',
      tags: ['交通'],
      media: [{ caption: '', url: 'https://hoshizora.example/audio/ferry.mp3' }],
      url: 'https://hoshizora.example/summit/live#p2',
      author: '港湾デスク',
    });
  });

  it('an item with no guid or link gets a fingerprint id; one with nothing in it is skipped with a notice', () => {
    expect(snapshot.entries).toHaveLength(3);
    expect(snapshot.entries[2]).toMatchObject({ time: '2026-12-01T21:40:00+09:00', title: '記者会見は延期（架空）', body: '' });
    expect(snapshot.entries[2]!.id).toMatch(/^feed-item-[0-9a-f]{20}$/);
    expect(snapshot.notices).toEqual(['1 feed item (empty: no title, text, link or media): #4']);
  });
});

describe('RSS 1.0 (RDF) in EUC-JP', () => {
  const snapshot = parse(fixture('summit.euc-jp.rdf'), 'application/rdf+xml');

  it('reads dc:date, dc:subject, dc:creator and rdf:about', () => {
    expect(snapshot.blog).toMatchObject({ title: 'ほしぞら港湾サミット（架空）RDF', lang: 'ja' });
    expect(snapshot.entries).toEqual([
      {
        id: 'https://hoshizora.example/summit/r1',
        time: '2026-12-01T21:00:00+09:00',
        title: '港の灯りが一斉点灯',
        body: '午後九時、港の灯りが一斉に点灯した。',
        tags: ['夜景', '灯台'],
        url: 'https://hoshizora.example/summit/r1',
        author: '架空 花子',
      },
      {
        id: 'https://hoshizora.example/summit/r2',
        time: '2026-12-01T21:10:00+09:00',
        title: '屋台村が開店',
        body: 'たこ焼きと焼きそば、それから星形のたい焼き。',
        tags: ['グルメ'],
        url: 'https://hoshizora.example/summit/r2',
      },
    ]);
    expect(snapshot.notices).toBeUndefined();
  });
});

describe('Atom', () => {
  const snapshot = parse(fixture('summit.atom'), 'application/atom+xml');

  it('an entry updated after it was published is a correction: time is published, modified is updated', () => {
    expect(snapshot.entries[0]).toEqual({
      id: 'tag:hoshizora.example,2026:a1',
      time: '2026-12-01T19:00:00+09:00',
      modified: '2026-12-01T19:45:00+09:00',
      title: '訂正：花火は二十時開始',
      body: '花火は二十時に始まります。\n\n当初「十九時」とお伝えしました。',
      tags: ['花火', '訂正'],
      media: [{ caption: '港の花火（架空）', url: 'https://hoshizora.example/img/fireworks.jpg' }],
      url: 'https://hoshizora.example/summit/live#a1',
      author: '港湾デスク（架空）',
    });
  });

  it('xhtml content, xml:base on the entry, an entry with only updated', () => {
    expect(snapshot.entries[1]).toEqual({
      id: 'tag:hoshizora.example,2026:k1',
      time: '2026-12-01T20:30:00Z',
      title: '별빛 부두 소식 — 한국어 코너',
      body: '부두에서 등대 로봇과 인사했습니다.\n\n• 첫째\n\n• 둘째',
      tags: [],
      url: 'https://mirror.hoshizora.example/news/k1',
      author: '김가상',
    });
    expect(snapshot.blog).toEqual({ id: url, title: 'ほしぞら港湾サミット（架空）Atom', url: 'https://hoshizora.example/summit/', lang: 'ja', status: 'live' });
  });
});

describe('JSON Feed', () => {
  const snapshot = parse(fixture('summit.json'), 'application/feed+json');

  it('1.1 items: content_html, tags, image, authors, date_modified', () => {
    expect(snapshot.entries[0]).toEqual({
      id: 'j1',
      time: '2026-12-01T21:50:00+09:00',
      modified: '2026-12-01T22:05:00+09:00',
      title: '灯台ロボ、二度目の挨拶 <続報>',
      body: '灯台ロボが再び挨拶しました 🤖。\n\n• 日本語\n\n• 中文：你好',
      tags: ['灯台', '挨拶'],
      media: [{ caption: '', url: 'https://hoshizora.example/summit/img/robot2.jpg' }],
      url: 'https://hoshizora.example/summit/live#j1',
      author: '架空 次郎',
    });
  });

  it('content_text keeps its paragraphs, a numeric id becomes a string, the feed author is the fallback', () => {
    expect(snapshot.entries[1]).toEqual({
      id: '2',
      time: '2026-12-01T12:55:00Z',
      body: '夜風が強まっています。\n\n傘は飛ばされないように。',
      tags: [],
      media: [{ caption: '風の音（架空）', url: 'https://hoshizora.example/audio/wind.mp3' }],
      author: '港湾デスク（架空）',
    });
    expect(snapshot.notices).toEqual(['1 feed item (not a JSON object): #3']);
  });

  it('1.0 author and a JSON Feed served with a charset', () => {
    const feed = { version: 'https://jsonfeed.org/version/1', title: 'v1', author: { name: '旧版の記者' }, items: [{ id: 'a', content_text: 'x', date_published: '2026-12-01T00:00:00Z' }] };
    expect(parse(JSON.stringify(feed), 'application/json; charset=utf-8').entries[0]!.author).toBe('旧版の記者');
  });
});

describe('small feeds in the Chinese and Korean legacy encodings, the charset only in the HTTP header', () => {
  it.each([
    ['summit-zh.gb18030.rss', 'gb18030', '星空港湾峰会（虚构）', '灯塔机器人宣布开幕🌟', '第三码头，汽笛响了三声。', '开幕', '2026-12-01T20:00:00+08:00'],
    ['summit-tw.big5.rss', 'big5', '星空港灣峰會（虛構）', '燈塔機器人宣布開幕', '第三碼頭，汽笛響了三聲。', '開幕', '2026-12-01T20:00:00+08:00'],
    ['summit-ko.euc-kr.rss', 'euc-kr', '별빛 항만 정상회의(가상)', '등대 로봇이 개막을 선언', '세 번째 부두에서 뱃고동이 세 번 울렸습니다.', '개막', '2026-12-01T21:00:00+09:00'],
  ])('%s (%s)', (file, charset, blogTitle, title, body, tag, time) => {
    const snapshot = parse(fixture(file), `application/rss+xml; charset=${charset}`);
    expect(snapshot.blog?.title).toBe(blogTitle);
    // A guid that is no URL is not taken for the permalink.
    expect(snapshot.entries).toEqual([{ id: expect.any(String), time, title, body, tags: [tag] }]);
    expect(snapshot.notices).toBeUndefined();
  });

  it('without the header the bytes are not UTF-8: the text is replaced where undecodable, said once, and still parsed', () => {
    const snapshot = parse(fixture('summit-ko.euc-kr.rss'), 'application/rss+xml');
    expect(snapshot.entries).toHaveLength(1);
    expect(snapshot.notices).toEqual([expect.stringMatching(/^bytes that are not valid utf-8 \(\d+ shown as \uFFFD\)$/)]);
  });
});

describe('items that are not entries, documents that are not feeds', () => {
  const rss = (items: string): string => `<rss version="2.0"><channel><title>t</title>${items}</channel></rss>`;

  it('an unreadable date and a missing date are timed when first read, and said', () => {
    const snapshot = parse(rss('<item><title>a</title><pubDate>Seg, 32 Foo 2026</pubDate></item><item><title>b</title></item>'));
    expect(snapshot.entries.map((entry) => entry.title)).toEqual(['a', 'b']);
    for (const entry of snapshot.entries) expect(Date.parse(entry.time)).not.toBeNaN();
    expect(snapshot.notices).toEqual([
      'the unreadable date "Seg, 32 Foo 2026" of 1 feed item (timed when first read): #1',
      'the missing date of 1 feed item (timed when first read): #2',
    ]);
  });

  it('an undated item keeps its time from one poll to the next (else every poll would be a correction)', () => {
    const document = rss('<item><title>いつの記事か不明</title><link>https://hoshizora.example/x</link></item>');
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-12-01T12:00:00Z'));
      const first = parse(document).entries[0]!;
      vi.setSystemTime(new Date('2026-12-01T12:00:30Z'));
      expect(parse(document).entries[0]).toEqual(first);
      expect(first.time).toBe('2026-12-01T12:00:00Z');
    } finally {
      vi.useRealTimers();
    }
  });

  it('an undated item is not timed by the channel: lastBuildDate changes on every rebuild of the feed', () => {
    const feed = (built: string): string =>
      rss(`<lastBuildDate>${built}</lastBuildDate><item><title>a</title></item>`);
    const before = parse(feed('Tue, 01 Dec 2026 09:00:00 +0900')).entries[0]!;
    expect(parse(feed('Tue, 01 Dec 2026 09:05:00 +0900')).entries[0]).toEqual(before);
  });

  it('a repeated guid keeps the first item', () => {
    const item = (title: string): string => `<item><guid>same</guid><title>${title}</title><pubDate>Tue, 01 Dec 2026 09:00:00 +0900</pubDate></item>`;
    const snapshot = parse(rss(item('first') + item('second')));
    expect(snapshot.entries.map((entry) => entry.title)).toEqual(['first']);
    expect(snapshot.notices).toEqual(['1 feed item (an id already used by an earlier item): #2']);
  });

  it('undeclared but conventional prefixes and other prefixes for the same namespaces', () => {
    const snapshot = parse(
      '<rss xmlns:d="http://purl.org/dc/elements/1.1/"><channel><item><title>p</title><d:date>2026-12-01</d:date><dc:subject>未宣言</dc:subject></item></channel></rss>',
    );
    expect(snapshot.entries[0]).toMatchObject({ time: '2026-12-01T00:00:00Z', tags: ['未宣言'] });
  });

  it.each([
    ['', 'not a feed (the document is empty)'],
    ['just some words', 'not a feed (no XML or JSON in the document)'],
    ['<!DOCTYPE html><html><head><title>x</title></head><body>ニュース</body></html>', 'not a feed (an HTML page, not RSS, Atom or RDF)'],
    ['<?xml version="1.0"?><sitemap/>', 'not a feed (the XML root is <sitemap>, not <rss>, <rdf:RDF> or Atom\'s <feed>)'],
    ['<feed><title>no Atom namespace</title></feed>', 'not a feed (the XML root is <feed>, not <rss>, <rdf:RDF> or Atom\'s <feed>)'],
    ['{"items": []}', 'not a JSON Feed (no "version" naming https://jsonfeed.org/version/…)'],
  ])('%j fails with one line', (body, error) => {
    expect(failure(body)).toBe(error);
  });

  it('JSON that does not parse says so', () => {
    expect(failure('{"version": ')).toMatch(/^not a feed \(JSON that does not parse: .+\)$/);
  });
});
