import type { Blog } from '../../schema/feed.js';
import { redactUrl } from '../../text/redact.js';
import type { Emit, Source } from '../../schema/signal.js';
import { parseRetryAfter, type BackoffPolicy } from '../backoff.js';
import { describeNetworkError } from '../http-failures.js';
import { openStream } from '../http-stream.js';
import { createSseParser, type SseMessage } from '../sse-parser.js';
import { defaultKeepaliveTimeoutMs } from '../tuning.js';
import { createUtf8Splitter, invalid } from '../utf8.js';
import { compareIds, streamingOrigin, streamUrl, type Hashtag } from './hashtag-url.js';
import { fetchTimeline, getJson, maxGapPages, type RestResult } from './rest.js';
import { statusToEntry } from './status.js';
import { createPause, waitToReconnect } from '../pause.js';

/*
 * A Mastodon hashtag: the recent posts from the public REST timeline, then live ones from the
 * streaming API, or, without a token (streams need one since Mastodon 4.2) or when the stream
 * says 401, the REST timeline polled with min_id. Streams carry no ids, so every reconnect
 * fills the gap from REST; the ids already emitted keep anything from arriving twice.
 */

export interface MastodonSourceOptions {
  readonly url: string;
  readonly hashtag: Hashtag;
  readonly headers?: Readonly<Record<string, string>>;
  readonly everyMs: number;
  /** The newest status id a previous run saw (`min_id` on restart). */
  readonly lastEventId?: string;
  readonly keepaliveTimeoutMs?: number;
  readonly policy?: BackoffPolicy;
  readonly random?: () => number;
}

/** Ids remembered against doubles: far more than a gap fill or a stream can repeat. */
const rememberedIds = 5000;

const hasToken = (headers: Readonly<Record<string, string>>): boolean => Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');

export function createMastodonSource(options: MastodonSourceOptions): Source {
  const { hashtag } = options;
  // The label, as every source gives it: a token in the URL never reaches a pipe or a log.
  const feed = redactUrl(options.url);
  const given = options.headers ?? {};
  // A streaming URL's token goes as the header: request URLs are rebuilt from the tag alone.
  const headers = hashtag.accessToken === undefined || hasToken(given) ? given : { ...given, Authorization: `Bearer ${hashtag.accessToken}` };
  const random = options.random ?? Math.random;
  const keepaliveTimeoutMs = options.keepaliveTimeoutMs ?? defaultKeepaliveTimeoutMs;
  const every = options.everyMs < 1000 ? `${options.everyMs}ms` : `${Math.round(options.everyMs / 1000)}s`;
  const stopper = new AbortController();
  let newest = options.lastEventId;
  const seen = new Set<string>();
  const pause = createPause();


  function remember(id: string): boolean {
    if (seen.has(id)) return false;
    seen.add(id);
    if (seen.size > rememberedIds) seen.delete(seen.values().next().value!);
    return true;
  }

  function emitStatus(emit: Emit, payload: unknown, kind: 'entry' | 'update'): void {
    const mapped = statusToEntry(payload);
    if (!mapped.ok) {
      emit({ type: 'invalid', feed, reason: mapped.error });
      return;
    }
    const { entry } = mapped;
    if (kind === 'entry' && !remember(entry.id)) return;
    seen.add(entry.id);
    if (newest === undefined || compareIds(entry.id, newest) > 0) newest = entry.id;
    emit({ type: 'event', feed, event: { event: kind, entry }, cursor: newest });
  }

  /** Waits out a failed REST call; false when the failure is final (and said so). */
  async function backOff(emit: Emit, failure: Extract<RestResult, { ok: false }>, attempt: number): Promise<boolean> {
    if (!failure.retry) {
      emit({ type: 'state', feed, state: { status: 'stopped', reason: failure.reason } });
      return false;
    }
    const serverMinimumMs = parseRetryAfter(failure.retryAfter ?? null, Date.now());
    await waitToReconnect(emit, pause, { feed, attempt, reason: failure.reason, serverMinimumMs, policy: options.policy, random });
    return !stopper.signal.aborted;
  }

  /** Everything after the newest status seen (the latest page at first); false when it failed. */
  async function catchUp(emit: Emit): Promise<RestResult & { truncated?: boolean }> {
    const result = await fetchTimeline(hashtag, newest, headers, stopper.signal);
    if (!result.ok) return result;
    for (const status of result.statuses) emitStatus(emit, status, 'entry');
    return { ok: true, value: undefined, truncated: result.truncated };
  }

  async function poll(emit: Emit): Promise<void> {
    for (let attempt = 0; !stopper.signal.aborted; ) {
      await pause.wait(options.everyMs);
      if (stopper.signal.aborted) return;
      const result = await catchUp(emit);
      if (result.ok) {
        if (attempt > 0) emit({ type: 'state', feed, state: { status: 'connected', at: Date.now() } });
        attempt = 0;
      } else if (!(await backOff(emit, result, (attempt += 1)))) return;
    }
  }

  /** One stream connection; resolves with why it ended. `unauthorized`: fall back to polling. */
  async function streamOnce(emit: Emit, location: string): Promise<{ unauthorized: true } | { unauthorized: false; reason: string; delivered: boolean }> {
    const connection = new AbortController();
    const abort = (): void => connection.abort();
    stopper.signal.addEventListener('abort', abort, { once: true });
    let timer: NodeJS.Timeout | undefined;
    let silent = false;
    const rearm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        silent = true;
        connection.abort();
      }, keepaliveTimeoutMs);
    };
    let delivered = false;
    try {
      rearm();
      const response = await openStream(location, { headers: { Accept: 'text/event-stream', 'Cache-Control': 'no-cache', ...headers }, signal: connection.signal });
      if (response.status === 401 || response.status === 403) {
        response.cancel();
        return { unauthorized: true };
      }
      if (response.status !== 200 || !/^text\/event-stream\b/i.test(response.header('content-type') ?? '')) {
        response.cancel();
        return { unauthorized: false, reason: `stream answered HTTP ${response.status}`, delivered };
      }
      emit({ type: 'state', feed, state: { status: 'connected', at: Date.now() } });
      // Connected first, then the gap: a post made meanwhile comes by both ways and counts once.
      const filled = await catchUp(emit);
      if (!filled.ok) return { unauthorized: false, reason: filled.reason, delivered };
      if (filled.truncated) emit({ type: 'notice', feed, text: `more than ${maxGapPages} pages of posts while disconnected: the oldest of them were not fetched` });
      const parser = createSseParser({
        onMessage: (message) => onStreamMessage(emit, message),
        onInvalidText: () => emit({ type: 'invalid', feed, reason: 'stream event: not valid UTF-8' }),
        onOversized: (length) => emit({ type: 'invalid', feed, reason: `stream event of ${length} characters skipped (too large)` }),
      });
      const utf8 = createUtf8Splitter();
      for await (const bytes of response.body) {
        rearm();
        delivered = true;
        for (const piece of utf8.push(bytes)) if (piece === invalid) parser.markInvalidText();
        else parser.feed(piece);
        if (stopper.signal.aborted) break;
      }
      return { unauthorized: false, reason: silent ? 'no data from the stream' : 'server closed the stream', delivered };
    } catch (error) {
      return { unauthorized: false, reason: silent ? 'no data from the stream' : describeNetworkError(error), delivered };
    } finally {
      clearTimeout(timer);
      stopper.signal.removeEventListener('abort', abort);
    }
  }

  function onStreamMessage(emit: Emit, message: SseMessage): void {
    if (message.type === 'delete') {
      const id = message.data.trim();
      if (id !== '') emit({ type: 'event', feed, event: { event: 'delete', id }, ...(newest === undefined ? {} : { cursor: newest }) });
      return;
    }
    if (message.type !== 'update' && message.type !== 'status.update') return;
    let payload: unknown;
    try {
      payload = JSON.parse(message.data);
    } catch {
      emit({ type: 'invalid', feed, reason: `${message.type}: not JSON` });
      return;
    }
    emitStatus(emit, payload, message.type === 'update' ? 'entry' : 'update');
  }

  async function stream(emit: Emit, location: string): Promise<void> {
    for (let attempt = 0; !stopper.signal.aborted; ) {
      emit({ type: 'state', feed, state: { status: 'connecting', attempt } });
      const outcome = await streamOnce(emit, location);
      if (stopper.signal.aborted) return;
      if (outcome.unauthorized) {
        emit({ type: 'notice', feed, text: `the stream needs a user token (HTTP 401): polling the timeline every ${every}` });
        emit({ type: 'state', feed, state: { status: 'connected', at: Date.now() } });
        return poll(emit);
      }
      attempt = outcome.delivered ? 1 : attempt + 1;
      await waitToReconnect(emit, pause, { feed, attempt, reason: outcome.reason, policy: options.policy, random });
    }
  }

  async function run(emit: Emit): Promise<void> {
    emit({ type: 'state', feed, state: { status: 'connecting', attempt: 0 } });
    const host = new URL(hashtag.origin).host;
    const page = `${hashtag.origin}/tags/${encodeURIComponent(hashtag.tag)}`;
    const blog: Blog = { id: page, title: `#${hashtag.tag} on ${host}`, url: page, status: 'live' };
    emit({ type: 'event', feed, event: { event: 'blog', blog } });
    for (let attempt = 0; ; ) {
      const backlog = await catchUp(emit);
      if (stopper.signal.aborted) return;
      if (backlog.ok) break;
      if (!(await backOff(emit, backlog, (attempt += 1)))) return;
    }
    emit({ type: 'state', feed, state: { status: 'connected', at: Date.now() } });
    emit({ type: 'ready', feed });
    if (!hasToken(headers)) {
      emit({ type: 'notice', feed, text: `no access token: polling the timeline every ${every} (Mastodon streams need one; see --header)` });
      return poll(emit);
    }
    const instance = await getJson(new URL('/api/v2/instance', hashtag.origin).href, headers, stopper.signal);
    const streaming = instance.ok ? (instance.value as { configuration?: { urls?: { streaming?: unknown } } } | null)?.configuration?.urls?.streaming : undefined;
    return stream(emit, streamUrl(hashtag, streamingOrigin(streaming, hashtag.origin)));
  }

  return {
    feed,
    start(emit) {
      void run(emit);
    },
    stop() {
      stopper.abort();
      pause.cut();
    },
  };
}
