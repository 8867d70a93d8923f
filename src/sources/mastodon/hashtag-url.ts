/*
 * Which Mastodon hashtag a URL names: the page a browser shows (`https://HOST/tags/NAME`) or the
 * streaming endpoint (`/api/v1/streaming/hashtag?tag=NAME`, `/hashtag/local` for one server).
 */

export interface Hashtag {
  /** `https://HOST` (the REST API lives there; the stream may live elsewhere). */
  readonly origin: string;
  /** The tag without `#`, as given (Mastodon matches tags case-insensitively). */
  readonly tag: string;
  /** Only posts from this server (the `/local` stream, `?local=true` on REST). */
  readonly local: boolean;
  /** `?access_token=` of a streaming URL (Mastodon takes the user token there too). */
  readonly accessToken?: string;
}

/** The hashtag `location` names, or undefined when it is not a Mastodon hashtag URL. */
export function parseHashtagUrl(location: string): Hashtag | undefined {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const page = /^\/tags\/([^/]+)\/?$/.exec(url.pathname);
  if (page) {
    const tag = decodeURIComponent(page[1]!).replace(/^#/, '');
    return tag === '' ? undefined : { origin: url.origin, tag, local: url.searchParams.get('local') === 'true' };
  }
  const stream = /^\/api\/v1\/streaming\/hashtag(\/local)?\/?$/.exec(url.pathname);
  const tag = url.searchParams.get('tag')?.replace(/^#/, '');
  const accessToken = url.searchParams.get('access_token');
  if (stream && tag) return { origin: url.origin, tag, local: stream[1] !== undefined, ...(accessToken ? { accessToken } : {}) };
  return undefined;
}

/** The REST timeline of the tag, newest first; `minId` asks for what came after it. */
export function timelineUrl(hashtag: Hashtag, { minId, limit = 40 }: { minId?: string; limit?: number } = {}): string {
  const url = new URL(`/api/v1/timelines/tag/${encodeURIComponent(hashtag.tag)}`, hashtag.origin);
  url.searchParams.set('limit', String(limit));
  if (hashtag.local) url.searchParams.set('local', 'true');
  if (minId !== undefined) url.searchParams.set('min_id', minId);
  return url.href;
}

/** The SSE stream of the tag on `streamingOrigin` (the instance's streaming host, or its own). */
export function streamUrl(hashtag: Hashtag, streamingOrigin: string): string {
  const url = new URL(`/api/v1/streaming/hashtag${hashtag.local ? '/local' : ''}`, streamingOrigin);
  url.searchParams.set('tag', hashtag.tag);
  return url.href;
}

/** `configuration.urls.streaming` is a ws(s):// URL; its SSE endpoints are on the same host over http(s). */
export function streamingOrigin(streaming: unknown, fallback: string): string {
  if (typeof streaming !== 'string') return fallback;
  try {
    const url = new URL(streaming);
    if (url.protocol === 'wss:' || url.protocol === 'https:') return `https://${url.host}`;
    if (url.protocol === 'ws:' || url.protocol === 'http:') return `http://${url.host}`;
  } catch {
    // A malformed value: the server's own host is the best guess.
  }
  return fallback;
}

/** Mastodon ids are decimal snowflakes that grow with time: compare as numbers of any length. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length && /^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
