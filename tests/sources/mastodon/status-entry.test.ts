import { describe, expect, it } from 'vitest';
import { compareIds, statusToEntry } from '../../../src/sources/mastodon/status-entry.js';
import { status } from '../../helpers/mastodon-statuses.js';

describe('a Mastodon status as an entry', () => {
  it('maps id, time, text, tags, author, url and media', () => {
    const mapped = statusToEntry(status({ id: '113000000000000101', text: '代表団が到着&amp;会見へ', media: [{ description: '埠頭に並ぶ船（架空）', url: 'https://files.example.test/a.jpg' }, { description: null, url: 'https://files.example.test/b.jpg' }] }));
    expect(mapped).toEqual({
      ok: true,
      entry: {
        id: '113000000000000101',
        time: '2026-11-25T07:01:00.000Z',
        body: '代表団が到着&会見へ #港湾サミット',
        tags: ['港湾サミット'],
        media: [{ caption: '埠頭に並ぶ船（架空）', url: 'https://files.example.test/a.jpg' }, { caption: '', url: 'https://files.example.test/b.jpg' }],
        url: 'https://hoshizora.example.test/@kowan/113000000000000101',
        author: '港湾ウォッチャー（架空）',
      },
    });
  });

  it('a content warning becomes the title, edited_at the modified time', () => {
    const mapped = statusToEntry(status({ id: '113000000000000102', spoiler: 'ネタバレ注意', editedAt: '2026-11-25T08:00:00.000Z' }));
    expect(mapped.ok && mapped.entry).toMatchObject({ title: 'ネタバレ注意', modified: '2026-11-25T08:00:00.000Z' });
  });

  it('falls back to the acct when there is no display name', () => {
    const mapped = statusToEntry(status({ id: '113000000000000103', displayName: '' }));
    expect(mapped.ok && mapped.entry.author).toBe('kowan');
  });

  it('drops the invisible parts of a long link', () => {
    const raw = { ...status({ id: '113000000000000104' }), content: '<p>詳細: <a href="https://news.example.test/live/hoshizora/very-long-path"><span class="invisible">https://</span><span class="ellipsis">news.example.test/live/hos</span><span class="invisible">hizora/very-long-path</span></a></p>' };
    const mapped = statusToEntry(raw);
    expect(mapped.ok && mapped.entry.body).toBe('詳細: news.example.test/live/hos…');
  });

  it('a reblog stands for the status it boosts', () => {
    const boosted = status({ id: '113000000000000090', text: '元の投稿です' });
    const mapped = statusToEntry({ ...status({ id: '113000000000000105', text: '' }), reblog: boosted, content: '' });
    expect(mapped.ok && mapped.entry).toMatchObject({ id: '113000000000000090', body: '元の投稿です #港湾サミット' });
  });

  it('reports a malformed status instead of mapping it', () => {
    expect(statusToEntry('nope').ok).toBe(false);
    expect(statusToEntry({ ...status({ id: '1' }), id: undefined }).ok).toBe(false);
    const badTime = statusToEntry({ ...status({ id: '113000000000000106' }), created_at: '昨日' });
    expect(badTime).toMatchObject({ ok: false, error: expect.stringContaining('113000000000000106') as unknown });
  });

  it('orders snowflake ids by value, not by text', () => {
    expect(compareIds('99', '100')).toBeLessThan(0);
    expect(compareIds('113000000000000105', '113000000000000104')).toBeGreaterThan(0);
    expect(compareIds('7', '7')).toBe(0);
  });
});
