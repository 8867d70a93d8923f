import { NetworkError, openStream } from '../http-stream.js';
import { readBody } from '../poll/fetch-document.js';
import { compareIds } from './status-entry.js';
import { streamingOriginOf, timelineUrl, type MastodonHashtag } from './mastodon-url.js';

/*
 * The two REST calls the hashtag source makes: the tag's timeline (newest first, as Mastodon
 * answers) and the instance's streaming host.
 */

export type RestAnswer<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly status: number; readonly retryAfter: string | null };

export const pageLimit = 40;
/** A gap longer than this many pages is not filled further: the reader sees a gap, not a flood. */
export const maxGapPages = 10;

type Json = Record<string, unknown>;

export async function getJson(url: string, headers: Readonly<Record<string, string>>, signal: AbortSignal): Promise<RestAnswer<unknown>> {
  const response = await openStream(url, { headers: { Accept: 'application/json', ...headers }, signal });
  if (response.status !== 200) {
    response.cancel();
    return { ok: false, status: response.status, retryAfter: response.header('retry-after') };
  }
  const text = new TextDecoder().decode(await readBody(response));
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    throw new NetworkError('answer is not JSON');
  }
}

const idOf = (status: unknown): string | undefined => {
  const id = typeof status === 'object' && status !== null ? (status as Json).id : undefined;
  return typeof id === 'string' && id !== '' ? id : undefined;
};

/**
 * Statuses of the tag, oldest first: the latest page when `minId` is undefined, otherwise
 * everything newer than `minId`, page by page (at most `maxGapPages`).
 */
export async function fetchTimeline(hashtag: MastodonHashtag, minId: string | undefined, headers: Readonly<Record<string, string>>, signal: AbortSignal): Promise<RestAnswer<unknown[]>> {
  const collected: unknown[] = [];
  let after = minId;
  for (let page = 0; page < maxGapPages; page += 1) {
    const answer = await getJson(timelineUrl(hashtag, pageLimit, after), headers, signal);
    if (!answer.ok) return answer;
    if (!Array.isArray(answer.value)) throw new NetworkError('timeline answer is not a list of statuses');
    const statuses = [...answer.value].sort((left, right) => compareIds(idOf(left) ?? '', idOf(right) ?? ''));
    collected.push(...statuses);
    const newest = statuses.map(idOf).filter((id): id is string => id !== undefined).at(-1);
    if (minId === undefined || statuses.length < pageLimit || newest === undefined) break;
    after = newest;
  }
  return { ok: true, value: collected };
}

/** Where the instance streams from; its own origin when it does not say or cannot be asked. */
export async function findStreamingOrigin(origin: string, headers: Readonly<Record<string, string>>, signal: AbortSignal): Promise<string> {
  try {
    const answer = await getJson(`${origin}/api/v2/instance`, headers, signal);
    if (!answer.ok || typeof answer.value !== 'object' || answer.value === null) return origin;
    const urls = ((answer.value as Json).configuration as Json | undefined)?.urls as Json | undefined;
    return streamingOriginOf(urls?.streaming) ?? origin;
  } catch {
    return origin;
  }
}
