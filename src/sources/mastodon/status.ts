import type { Entry, Media } from '../../schema/feed.js';
import { entrySchema } from '../../schema/feed.js';
import { htmlToText } from '../html/html-text.js';

/*
 * A Mastodon status (REST or streaming payload) as a livetail entry. Nothing from the server is
 * trusted to have the type the API documents: a status that cannot be read is an error for an
 * `invalid` signal, never a crash. Text is not sanitized here; the faces do that.
 */

export type StatusResult = { readonly ok: true; readonly entry: Entry } | { readonly ok: false; readonly error: string };

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const nonEmptyString = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

function author(account: unknown): string | undefined {
  if (!isObject(account)) return undefined;
  return nonEmptyString(account.display_name)?.trim() ?? nonEmptyString(account.acct) ?? nonEmptyString(account.username);
}

function tags(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names = value.flatMap((tag) => (isObject(tag) && nonEmptyString(tag.name) ? [tag.name as string] : []));
  return [...new Set(names)];
}

function media(value: unknown): Media[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((attachment): Media[] => {
    if (!isObject(attachment)) return [];
    const caption = nonEmptyString(attachment.description) ?? '';
    const url = nonEmptyString(attachment.url) ?? nonEmptyString(attachment.remote_url);
    if (caption === '' && url === undefined) return [];
    return [{ caption, ...(url ? { url } : {}) }];
  });
}

/** The status an entry is made of: a reblog shows the post that was boosted. */
function original(status: Json): Json {
  return isObject(status.reblog) ? status.reblog : status;
}

export function statusToEntry(payload: unknown): StatusResult {
  if (!isObject(payload)) return { ok: false, error: 'status is not an object' };
  const status = original(payload);
  const id = nonEmptyString(status.id);
  if (!id) return { ok: false, error: 'status without an id' };
  if (typeof status.content !== 'string') return { ok: false, error: `status ${id}: content is not text` };
  const spoiler = nonEmptyString(status.spoiler_text);
  const url = nonEmptyString(status.url) ?? nonEmptyString(status.uri);
  const name = author(status.account);
  const attachments = media(status.media_attachments);
  const candidate = {
    id,
    time: status.created_at,
    ...(spoiler ? { title: spoiler.trim() } : {}),
    body: htmlToText(status.content),
    tags: tags(status.tags),
    ...(attachments.length > 0 ? { media: attachments } : {}),
    ...(url ? { url } : {}),
    ...(name ? { author: name } : {}),
    ...(nonEmptyString(status.edited_at) ? { modified: status.edited_at } : {}),
  };
  const checked = entrySchema.safeParse(candidate);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return { ok: false, error: `status ${id}: ${issue ? `${issue.path.join('.') || 'entry'}: ${issue.message}` : 'not a valid entry'}` };
  }
  return { ok: true, entry: checked.data };
}
