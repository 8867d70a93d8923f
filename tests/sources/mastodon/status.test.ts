import { describe, expect, it } from 'vitest';
import { statusToEntry } from '../../../src/sources/mastodon/status.js';

/** A status in Mastodon's REST shape (fictional post). */
const status = {
  id: '110000000000000101',
  created_at: '2026-05-03T06:05:00.000Z',
  in_reply_to_id: null,
  sensitive: false,
  spoiler_text: '',
  visibility: 'public',
  language: 'ja',
  uri: 'https://hoshizora.example/users/minato/statuses/110000000000000101',
  url: 'https://hoshizora.example/@minato/110000000000000101',
  edited_at: null,
  content:
    '<p>共同声明「航路の安全を最優先」。<a href="https://hoshizora.example/@umi" class="u-url mention">@<span>umi</span></a> さん、会見は15時から。</p>' +
    '<p>詳細: <a href="https://news.hoshizora.example/summit/2026/joint-statement-full-text" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span class="ellipsis">news.hoshizora.example/summit</span><span class="invisible">/2026/joint-statement-full-text</span></a></p>' +
    '<p><a href="https://hoshizora.example/tags/%E4%BC%9A%E8%A6%8B" class="mention hashtag" rel="tag">#<span>会見</span></a> <a href="https://hoshizora.example/tags/Port" class="mention hashtag" rel="tag">#<span>Port</span></a></p>',
  reblog: null,
  account: { id: '1', username: 'minato', acct: 'minato@hoshizora.example', display_name: '港の記者（架空） 🚢', url: 'https://hoshizora.example/@minato' },
  media_attachments: [
    { id: '9', type: 'image', url: 'https://files.hoshizora.example/1.jpg', preview_url: 'https://files.hoshizora.example/1s.jpg', remote_url: null, description: '会場に到着する代表団（架空）', blurhash: 'UABC' },
    { id: '10', type: 'image', url: 'https://files.hoshizora.example/2.jpg', preview_url: null, remote_url: null, description: null, blurhash: null },
  ],
  mentions: [{ id: '2', username: 'umi', acct: 'umi', url: 'https://hoshizora.example/@umi' }],
  tags: [{ name: '会見', url: 'https://hoshizora.example/tags/会見' }, { name: 'port', url: 'https://hoshizora.example/tags/port' }],
  emojis: [],
};

describe('a Mastodon status as an entry', () => {
  it('maps every field: readable hashtags and mentions, invisible URL parts dropped, captions, author, permalink', () => {
    const result = statusToEntry(status);
    expect(result).toEqual({
      ok: true,
      entry: {
        id: '110000000000000101',
        time: '2026-05-03T06:05:00.000Z',
        body: '共同声明「航路の安全を最優先」。@umi さん、会見は15時から。\n\n詳細: news.hoshizora.example/summit…\n\n#会見 #Port',
        tags: ['会見', 'port'],
        media: [{ caption: '会場に到着する代表団（架空）', url: 'https://files.hoshizora.example/1.jpg' }, { caption: '', url: 'https://files.hoshizora.example/2.jpg' }],
        url: 'https://hoshizora.example/@minato/110000000000000101',
        author: '港の記者（架空） 🚢',
      },
    });
  });

  it('takes the spoiler text as the title and edited_at as modified', () => {
    const result = statusToEntry({ ...status, spoiler_text: '速報（架空）', edited_at: '2026-05-03T06:09:30.000Z' });
    expect(result.ok && result.entry).toMatchObject({ title: '速報（架空）', modified: '2026-05-03T06:09:30.000Z' });
  });

  it('falls back to the acct when the display name is empty', () => {
    const result = statusToEntry({ ...status, account: { ...status.account, display_name: '' } });
    expect(result.ok && result.entry.author).toBe('minato@hoshizora.example');
  });

  it('shows the boosted post of a reblog', () => {
    const boost = { ...status, id: '110000000000000200', content: '', reblog: { ...status, content: '<p>원문 게시물</p>' } };
    const result = statusToEntry(boost);
    expect(result.ok && [result.entry.id, result.entry.body]).toEqual(['110000000000000101', '원문 게시물']);
  });

  it.each([
    ['not an object', 'hello'],
    ['no id', { ...status, id: 42 }],
    ['content not text', { ...status, content: { html: '<p>x</p>' } }],
    ['a bad time', { ...status, created_at: '昨日' }],
    ['a bad edit time', { ...status, edited_at: 'soon' }],
  ])('refuses a malformed status (%s) with a reason', (_, payload) => {
    const result = statusToEntry(payload);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/\S/);
  });

  it('tolerates odd optional fields without failing the post', () => {
    const result = statusToEntry({ ...status, tags: 'x', media_attachments: [null, { description: 5 }], account: null, url: null });
    expect(result.ok && result.entry).toMatchObject({ tags: [], url: status.uri });
    expect(result.ok && result.entry.author).toBeUndefined();
    expect(result.ok && result.entry.media).toBeUndefined();
  });
});
