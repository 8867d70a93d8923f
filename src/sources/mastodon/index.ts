import type { Source } from '../../schema/signal.js';
import type { BackoffPolicy } from '../backoff.js';
import { parseHashtagUrl, type Hashtag } from './hashtag-url.js';
import { createMastodonSource } from './mastodon-source.js';

export { parseHashtagUrl };
import { getJson } from './rest.js';

/*
 * What the source factory loads for Mastodon: the source, and the check that tells a Mastodon
 * `/tags/NAME` page from any other site's tag page (asked of the server, not guessed from the path).
 */

export interface HashtagSourceOptions {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly everyMs: number;
  readonly lastEventId?: string;
  readonly keepaliveTimeoutMs?: number;
  readonly policy?: BackoffPolicy;
}

export function hashtagSource(options: HashtagSourceOptions, hashtag: Hashtag): Source {
  return createMastodonSource({ ...options, hashtag });
}

/** The hashtag behind `url` when the server is a Mastodon (it answers /api/v2/instance), else undefined. */
export async function probeHashtag(url: string, headers: Readonly<Record<string, string>>): Promise<Hashtag | undefined> {
  const hashtag = parseHashtagUrl(url);
  if (!hashtag) return undefined;
  if (new URL(url).pathname.startsWith('/api/v1/streaming/')) return hashtag;
  const instance = await getJson(new URL('/api/v2/instance', hashtag.origin).href, headers, AbortSignal.timeout(10_000));
  const value = instance.ok ? instance.value : undefined;
  return typeof value === 'object' && value !== null && 'configuration' in value ? hashtag : undefined;
}
