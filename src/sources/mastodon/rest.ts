import { describeNetworkError, isTransientStatus, permanentStatuses } from '../http-failures.js';
import { openStream } from '../http-stream.js';
import { readBody } from '../poll/fetch-document.js';
import { compareIds, timelineUrl, type Hashtag } from './hashtag-url.js';

/*
 * The two REST calls a hashtag needs (no client library for that): the instance, for its
 * streaming host, and the tag's timeline. Failures come back as values the source can act on.
 */

export type RestResult =
  | { readonly ok: true; readonly value: unknown }
  /** `retry`: a network failure, 429 or 5xx; otherwise an answer no retry will change. */
  | { readonly ok: false; readonly retry: boolean; readonly reason: string; readonly retryAfter?: string | null };

export async function getJson(url: string, headers: Readonly<Record<string, string>>, signal: AbortSignal): Promise<RestResult> {
  try {
    const response = await openStream(url, { headers: { Accept: 'application/json', ...headers }, signal });
    if (response.status !== 200) {
      response.cancel();
      const reason = permanentStatuses.get(response.status) ?? `HTTP ${response.status}`;
      return { ok: false, retry: isTransientStatus(response.status), reason, retryAfter: response.header('retry-after') };
    }
    const text = new TextDecoder().decode(await readBody(response));
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch {
      return { ok: false, retry: true, reason: 'answer is not JSON' };
    }
  } catch (error) {
    return { ok: false, retry: true, reason: describeNetworkError(error) };
  }
}

/** Pages fetched per gap or poll: a poll continues where the last stopped; a stream's gap larger than this says so. */
export const maxGapPages = 10;
const pageSize = 40;

export type TimelineResult =
  | { readonly ok: true; readonly statuses: readonly unknown[]; readonly truncated: boolean }
  | Extract<RestResult, { ok: false }>;

const idOf = (status: unknown): string | undefined =>
  typeof status === 'object' && status !== null && typeof (status as { id?: unknown }).id === 'string' ? (status as { id: string }).id : undefined;

/**
 * The tag's statuses oldest first: the latest page when `minId` is undefined, else everything
 * after `minId` (Mastodon answers `min_id` with the page just after it, so walk forward).
 */
export async function fetchTimeline(hashtag: Hashtag, minId: string | undefined, headers: Readonly<Record<string, string>>, signal: AbortSignal): Promise<TimelineResult> {
  const statuses: unknown[] = [];
  let after = minId;
  for (let page = 0; page < (minId === undefined ? 1 : maxGapPages); page += 1) {
    const result = await getJson(timelineUrl(hashtag, { limit: pageSize, ...(after === undefined ? {} : { minId: after }) }), headers, signal);
    if (!result.ok) return result;
    if (!Array.isArray(result.value)) return { ok: false, retry: true, reason: 'timeline is not a list of statuses' };
    const oldestFirst = [...(result.value as unknown[])].sort((a, b) => compareIds(idOf(a) ?? '', idOf(b) ?? ''));
    statuses.push(...oldestFirst);
    const newest = oldestFirst.map(idOf).findLast((id) => id !== undefined);
    if (minId === undefined || oldestFirst.length < pageSize || newest === undefined) return { ok: true, statuses, truncated: false };
    after = newest;
  }
  return { ok: true, statuses, truncated: true };
}
