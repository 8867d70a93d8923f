/*
 * Fictional Mastodon statuses in the shape the REST and streaming APIs send (Status entity),
 * about the fictional "ほしぞら港湾サミット（架空）" on a fictional instance.
 */

export interface StatusFields {
  readonly id: string;
  readonly text?: string;
  readonly spoiler?: string;
  readonly editedAt?: string | null;
  readonly displayName?: string;
  readonly media?: readonly { description: string | null; url: string }[];
}

export function status({ id, text = `港湾サミット速報 ${id} 🚢`, spoiler = '', editedAt = null, displayName = '港湾ウォッチャー（架空）', media = [] }: StatusFields, host = 'hoshizora.example.test'): Record<string, unknown> & { id: string } {
  const minutes = Number(BigInt(id) % 60n);
  return {
    id,
    created_at: `2026-11-25T07:${String(minutes).padStart(2, '0')}:00.000Z`,
    in_reply_to_id: null,
    in_reply_to_account_id: null,
    sensitive: spoiler !== '',
    spoiler_text: spoiler,
    visibility: 'public',
    language: 'ja',
    uri: `https://${host}/users/kowan/statuses/${id}`,
    url: `https://${host}/@kowan/${id}`,
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: 0,
    edited_at: editedAt,
    content: `<p>${text} <a href="https://${host}/tags/%E6%B8%AF%E6%B9%BE%E3%82%B5%E3%83%9F%E3%83%83%E3%83%88" class="mention hashtag" rel="tag">#<span>港湾サミット</span></a></p>`,
    reblog: null,
    account: { id: '1090', username: 'kowan', acct: 'kowan', display_name: displayName, url: `https://${host}/@kowan` },
    media_attachments: media.map((item, index) => ({ id: `${id}${index}`, type: 'image', url: item.url, preview_url: item.url, remote_url: null, description: item.description, blurhash: null })),
    mentions: [],
    tags: [{ name: '港湾サミット', url: `https://${host}/tags/%E6%B8%AF%E6%B9%BE%E3%82%B5%E3%83%9F%E3%83%83%E3%83%88` }],
    emojis: [],
    card: null,
    poll: null,
  };
}
