import type { Entry, Media } from '../../schema/entities.js';
import { entrySchema } from '../../schema/entities.js';
import { htmlToText } from '../html/html-text.js';

/*
 * A Mastodon Status (REST and streaming share the shape) as an entry. A reblog stands for the
 * status it boosts: that is the post people follow a hashtag to read.
 */

export type StatusResult = { readonly ok: true; readonly entry: Entry } | { readonly ok: false; readonly error: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const stringOf = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function mediaOf(attachments: unknown): Media[] {
  if (!Array.isArray(attachments)) return [];
  return attachments.filter(isObject).map((attachment) => {
    const url = stringOf(attachment.url) ?? stringOf(attachment.remote_url);
    return { caption: typeof attachment.description === 'string' ? attachment.description : '', ...(url === undefined ? {} : { url }) };
  });
}

function tagsOf(tags: unknown): string[] {
  if (!Array.isArray(tags)) return [];
  return tags.filter(isObject).flatMap((tag) => (typeof tag.name === 'string' && tag.name !== '' ? [tag.name] : []));
}

function authorOf(account: unknown): string | undefined {
  if (!isObject(account)) return undefined;
  return stringOf(account.display_name) ?? stringOf(account.acct) ?? stringOf(account.username);
}

export function statusToEntry(payload: unknown): StatusResult {
  if (!isObject(payload)) return { ok: false, error: 'status: not an object' };
  const status = isObject(payload.reblog) ? payload.reblog : payload;
  const id = stringOf(status.id);
  if (id === undefined) return { ok: false, error: 'status: no id' };
  const spoiler = typeof status.spoiler_text === 'string' ? status.spoiler_text.trim() : '';
  const media = mediaOf(status.media_attachments);
  const author = authorOf(status.account);
  const url = stringOf(status.url) ?? stringOf(status.uri);
  const modified = stringOf(status.edited_at);
  const candidate = {
    id,
    time: status.created_at,
    ...(spoiler === '' ? {} : { title: spoiler }),
    body: typeof status.content === 'string' ? htmlToText(status.content) : '',
    tags: tagsOf(status.tags),
    ...(media.length === 0 ? {} : { media }),
    ...(url === undefined ? {} : { url }),
    ...(author === undefined ? {} : { author }),
    ...(modified === undefined ? {} : { modified }),
  };
  const parsed = entrySchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `status ${id}: ${issue ? `${issue.path.join('.') || 'status'}: ${issue.message}` : 'invalid'}` };
  }
  return { ok: true, entry: parsed.data };
}

/** Mastodon ids are decimal snowflakes: longer is newer, then by digits. */
export function compareIds(left: string, right: string): number {
  return left.length - right.length || (left < right ? -1 : left > right ? 1 : 0);
}
