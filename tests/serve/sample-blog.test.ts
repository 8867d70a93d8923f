import { describe, expect, it } from 'vitest';
import { validateEvent, eventPayload, type Entry, type FeedEvent } from '../../src/schema/feed.js';
import { parseNdjsonLine } from '../../src/schema/ndjson.js';
import { sampleBlog, sampleBlogNdjson, sampleBlogInfo } from '../../src/demo/sample-blog.js';

const entries = (kind: 'entry' | 'update'): Entry[] =>
  sampleBlog.flatMap((e) => (e.event === kind ? [e.entry] : []));

describe('sampleBlog', () => {
  it('every event passes validation unchanged', () => {
    for (const event of sampleBlog) {
      const result = validateEvent(event.event, JSON.parse(JSON.stringify(eventPayload(event))));
      expect(result, JSON.stringify(event)).toEqual({ ok: true, value: event });
    }
  });

  it('starts live, ends with a closing entry and the blog ended', () => {
    expect(sampleBlog[0]).toEqual({ event: 'blog', blog: expect.objectContaining({ status: 'live' }) });
    const last = sampleBlog.at(-1)!;
    expect(last.event === 'blog' && last.blog.status).toBe('ended');
    const closing = sampleBlog.at(-2)!;
    expect(closing.event).toBe('entry');
    expect(closing.event === 'entry' && closing.entry.title).toBe('このライブ更新は終了しました');
    expect(sampleBlog.filter((e) => e.event === 'blog')).toHaveLength(2);
  });

  it('has 30+ unique entries, in time order, over a few hours with +09:00 offsets', () => {
    const list = entries('entry');
    expect(list.length).toBeGreaterThanOrEqual(30);
    const ids = list.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const times = list.map((e) => Date.parse(e.time));
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
    const hours = (times.at(-1)! - times[0]!) / 3_600_000;
    expect(hours).toBeGreaterThanOrEqual(2);
    expect(hours).toBeLessThanOrEqual(8);
    for (const e of list) expect(e.time).toMatch(/^2026-11-25T\d{2}:\d{2}:00\+09:00$/);
  });

  it('updates and deletes refer to entries published before them', () => {
    const seen = new Set<string>();
    let updates = 0;
    let deletes = 0;
    for (const event of sampleBlog) {
      if (event.event === 'entry') seen.add(event.entry.id);
      if (event.event === 'update') {
        expect(seen.has(event.entry.id)).toBe(true);
        expect(event.entry.body).toContain('訂正');
        updates += 1;
      }
      if (event.event === 'delete') {
        expect(seen.has(event.id)).toBe(true);
        deletes += 1;
      }
    }
    expect(updates).toBeGreaterThanOrEqual(1);
    expect(deletes).toBeGreaterThanOrEqual(1);
  });

  it('carries what the follower has to render', () => {
    const list = entries('entry');
    const all = list.map((e) => `${e.title ?? ''}\n${e.body}`).join('\n');
    // headline-less photo-only entries, credit lines, link teasers on fake domains
    expect(list.some((e) => e.title === undefined && e.body === '' && (e.media?.length ?? 0) > 0)).toBe(true);
    expect(list.some((e) => e.media?.some((m) => m.credit === '© 架空フォト / ホシノ・ミナト'))).toBe(true);
    const links = list.flatMap((e) => e.links ?? []);
    expect(links.length).toBeGreaterThanOrEqual(3);
    for (const link of links) {
      expect(link.url).toMatch(/^https:\/\/(news\.example|example\.invalid)\//);
      expect(link.summary).toBeTruthy();
    }
    for (const m of list.flatMap((e) => e.media ?? [])) {
      if (m.url) expect(m.url).toMatch(/^https:\/\/(news\.example|example\.invalid)\//);
    }
    // tags: Japanese plus a couple of Latin ones; key and exactly one pinned
    const tags = new Set(list.flatMap((e) => e.tags));
    for (const t of ['会見', '港湾', '交通', '天気']) expect(tags.has(t)).toBe(true);
    expect([...tags].filter((t) => /^[A-Za-z0-9+]+$/.test(t)).length).toBeGreaterThanOrEqual(2);
    expect(list.filter((e) => e.key).length).toBeGreaterThanOrEqual(3);
    expect(list.filter((e) => e.pinned)).toHaveLength(1);
    // mostly Japanese newsroom text, with English, Chinese, Korean and emoji
    expect(all).toMatch(/[「」『』（）、。]/);
    expect(all).toMatch(/[ァ-ヶー]+・[ァ-ヶー]+/);
    expect(all).toMatch(/MD/);
    expect(all).toMatch(/2\+2/);
    expect(all).toMatch(/UN/);
    expect(all).toMatch(/[\uAC00-\uD7A3]/); // Hangul
    expect(all).toMatch(/来自|虚构/); // Simplified Chinese
    expect(all).toMatch(/\p{Extended_Pictographic}/u);
    expect(list.some((e) => /^[\x20-\x7e]+$/.test(e.title ?? ''))).toBe(true); // an English headline
    const japanese = list.filter((e) => /[\u3040-\u30ff]/.test(`${e.title ?? ''}${e.body}`)).length;
    expect(japanese / list.length).toBeGreaterThan(0.6);
    // long paragraphs (wrapping matters) and short ones
    const paragraphs = list.flatMap((e) => e.body.split('\n\n')).filter((p) => p !== '');
    expect(paragraphs.some((p) => p.length >= 150)).toBe(true);
    expect(paragraphs.some((p) => p.length <= 20)).toBe(true);
  });

  it('blog metadata has a topic, tags, language and time zone', () => {
    expect(sampleBlogInfo.topic?.name).toBeTruthy();
    expect(sampleBlogInfo.lang).toBe('ja');
    expect(sampleBlogInfo.tz).toBe('Asia/Tokyo');
    expect(sampleBlogInfo.url).toMatch(/^https:\/\/news\.example\//);
  });

  it('round-trips through NDJSON', () => {
    const lines = sampleBlogNdjson('demo');
    expect(lines).toHaveLength(sampleBlog.length);
    const back: FeedEvent[] = lines.map((line) => {
      const parsed = parseNdjsonLine(line);
      if (!parsed.ok) throw new Error(parsed.error);
      expect(parsed.value.feed).toBe('demo');
      return parsed.value.event;
    });
    expect(back).toEqual(sampleBlog);
  });
});

describe('the demo story moved to end now', () => {
  it('keeps every event and gap, in whole minutes, the last entry at the given moment or just before', () => {
    const endingAt = Date.parse('2027-03-14T09:26:41Z');
    const moved = sampleBlogNdjson('demo', endingAt).map((line) => parseNdjsonLine(line));
    const original = sampleBlogNdjson('demo').map((line) => parseNdjsonLine(line));
    const times = (events: typeof moved) => events.flatMap((parsed) => (parsed.ok && (parsed.value.event.event === 'entry' || parsed.value.event.event === 'update') ? [Date.parse(parsed.value.event.entry.time)] : []));
    const shift = times(moved)[0]! - times(original)[0]!;
    expect(shift % 60_000).toBe(0);
    expect(times(moved)).toEqual(times(original).map((time) => time + shift));
    const last = Math.max(...times(moved));
    expect(last).toBeLessThanOrEqual(endingAt);
    expect(endingAt - last).toBeLessThan(60_000);
    for (const parsed of moved) expect(parsed.ok).toBe(true);
  });
});
