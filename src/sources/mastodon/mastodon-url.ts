/*
 * Which Mastodon hashtag a URL names: the page people share (https://HOST/tags/NAME) or the
 * streaming endpoint (/api/v1/streaming/hashtag?tag=NAME). Recognised from the URL alone, so
 * following one costs no detection request.
 */

export interface MastodonHashtag {
  /** Scheme and host of the instance, e.g. `https://social.example`. */
  readonly origin: string;
  readonly tag: string;
  /** `?access_token=` of a streaming URL: Mastodon takes the user token there too. */
  readonly accessToken?: string;
}

export function mastodonHashtagOf(location: string): MastodonHashtag | undefined {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const page = /^\/tags\/([^/]+)\/?$/.exec(url.pathname);
  const tag = page ? safeDecode(page[1]!) : url.pathname.replace(/\/$/, '') === '/api/v1/streaming/hashtag' ? url.searchParams.get('tag') : null;
  if (tag === null || tag === undefined || tag === '') return undefined;
  const accessToken = url.searchParams.get('access_token');
  return { origin: url.origin, tag, ...(accessToken ? { accessToken } : {}) };
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The hashtag's public page: the blog's url. */
export function tagPageUrl({ origin, tag }: MastodonHashtag): string {
  return `${origin}/tags/${encodeURIComponent(tag)}`;
}

/** REST timeline of the tag, `limit` statuses, newer than `minId` when given. */
export function timelineUrl({ origin, tag }: MastodonHashtag, limit: number, minId?: string): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (minId !== undefined) query.set('min_id', minId);
  return `${origin}/api/v1/timelines/tag/${encodeURIComponent(tag)}?${query}`;
}

/** The streaming endpoint on `streamingOrigin` (the instance's own unless it names another). */
export function streamUrl({ tag }: MastodonHashtag, streamingOrigin: string): string {
  return `${streamingOrigin}/api/v1/streaming/hashtag?${new URLSearchParams({ tag })}`;
}

/** `configuration.urls.streaming` (wss://… or ws://…) as the origin to GET the SSE stream from. */
export function streamingOriginOf(streaming: unknown): string | undefined {
  if (typeof streaming !== 'string') return undefined;
  try {
    const url = new URL(streaming);
    const scheme = url.protocol === 'wss:' || url.protocol === 'https:' ? 'https:' : url.protocol === 'ws:' || url.protocol === 'http:' ? 'http:' : undefined;
    return scheme === undefined ? undefined : `${scheme}//${url.host}`;
  } catch {
    return undefined;
  }
}
