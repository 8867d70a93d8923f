import type { FeedEvent } from '../../schema/feed.js';
import type { Emit, Source } from '../../schema/signal.js';
import { parseRetryAfter, reconnectDelay, type BackoffPolicy } from '../backoff.js';
import { describeNetworkError, isTransientStatus, permanentStatuses } from '../http-failures.js';
import { openStream } from '../http-stream.js';
import { createSseParser, type SseMessage } from '../sse-parser.js';
import { redactUrl } from '../../text/redact.js';
import { defaultKeepaliveTimeoutMs } from '../tuning.js';
import { mastodonHashtagOf, streamUrl, tagPageUrl, type MastodonHashtag } from './mastodon-url.js';
import { fetchTimeline, findStreamingOrigin, type RestAnswer } from './rest.js';
import { compareIds, statusToEntry } from './status-entry.js';

/*
 * A Mastodon hashtag: the recent posts from the REST timeline, then live ones from the streaming
 * API. Streams carry no ids to resume from, so each time the stream (re)opens the REST timeline
 * is asked for what is newer than the newest status seen, and ids already delivered are dropped.
 * Since Mastodon 4.2 streaming needs a user token; without one (or when the stream answers 401)
 * the REST timeline is polled instead.
 */

export interface MastodonSourceOptions {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly everyMs: number;
  /** For --resume: the newest status id an earlier run delivered. */
  readonly cursor?: string;
  readonly keepaliveTimeoutMs?: number;
  readonly policy?: BackoffPolicy;
  readonly random?: () => number;
}

type Problem = { readonly retry: boolean; readonly reason: string; readonly minimumMs?: number };

/** Ids remembered for deduplication: far more than a gap fill can bring back. */
const rememberedIds = 4096;

export function pollingNotice(everyMs: number): string {
  const every = everyMs % 1000 === 0 ? `${everyMs / 1000}s` : `${everyMs}ms`;
  return `Mastodon streaming needs a user token (--header "Authorization: Bearer …"); polling the public timeline every ${every} instead`;
}

function problemOf(answer: Extract<RestAnswer<unknown>, { ok: false }>): Problem {
  const permanent = permanentStatuses.get(answer.status);
  if (permanent !== undefined || !isTransientStatus(answer.status)) return { retry: false, reason: permanent ?? `unexpected answer (HTTP ${answer.status})` };
  const minimumMs = parseRetryAfter(answer.retryAfter, Date.now());
  return { retry: true, reason: `HTTP ${answer.status}`, ...(minimumMs === undefined ? {} : { minimumMs }) };
}

const hasAuthorization = (headers: Readonly<Record<string, string>>): boolean => Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');

export function createMastodonSource(options: MastodonSourceOptions): Source {
  /** The label; requests use `options.url`, which may carry `?access_token=`. */
  const feed = redactUrl(options.url);
  const given = options.headers ?? {};
  const tokenInUrl = mastodonHashtagOf(options.url)?.accessToken;
  // A token in the URL goes as a header: it is never rebuilt into request URLs or logs.
  const headers = tokenInUrl === undefined || hasAuthorization(given) ? given : { ...given, Authorization: `Bearer ${tokenInUrl}` };
  const random = options.random ?? Math.random;
  const keepaliveTimeoutMs = options.keepaliveTimeoutMs ?? defaultKeepaliveTimeoutMs;
  /** The newest timeline id seen: the min_id of the next gap fill, and the cursor. */
  let newest = options.cursor;
  const seen = new Set<string>();
  let stopped = false;
  let controller: AbortController | undefined;
  let wake: (() => void) | undefined;

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const send = (emit: Emit, event: FeedEvent): void => emit({ type: 'event', feed, event, ...(newest === undefined ? {} : { cursor: newest }) });

  /** One status, as a new entry or an edit; a status already delivered as new is not again. */
  function deliver(emit: Emit, payload: unknown, kind: 'entry' | 'update'): void {
    const mapped = statusToEntry(payload);
    if (!mapped.ok) {
      emit({ type: 'invalid', feed, reason: mapped.error });
      return;
    }
    // A boost's own id is what the timeline pages by; the entry is the boosted status.
    const ownId = (payload as { id?: unknown }).id;
    const timelineId = typeof ownId === 'string' && ownId !== '' ? ownId : mapped.entry.id;
    if (newest === undefined || compareIds(timelineId, newest) > 0) newest = timelineId;
    if (kind === 'entry') {
      if (seen.has(mapped.entry.id)) return;
      seen.add(mapped.entry.id);
      if (seen.size > rememberedIds) seen.delete(seen.values().next().value!);
    }
    send(emit, { event: kind, entry: mapped.entry });
  }

  /** What the REST timeline has that is newer than the newest status seen. */
  async function fill(emit: Emit, hashtag: MastodonHashtag): Promise<Problem | undefined> {
    controller = new AbortController();
    try {
      const answer = await fetchTimeline(hashtag, newest, headers, controller.signal);
      if (stopped) return undefined;
      if (!answer.ok) return problemOf(answer);
      for (const status of answer.value) deliver(emit, status, 'entry');
      return undefined;
    } catch (error) {
      return { retry: true, reason: describeNetworkError(error) };
    }
  }

  function onStreamMessage(emit: Emit, message: SseMessage): void {
    if (message.type === 'delete') {
      const id = message.data.trim().replace(/^"(.*)"$/, '$1');
      if (id !== '') send(emit, { event: 'delete', id });
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
    deliver(emit, payload, message.type === 'update' ? 'entry' : 'update');
  }

  /** One stream connection: 'unauthorized', or why it ended. */
  async function streamOnce(emit: Emit, hashtag: MastodonHashtag, streamingOrigin: string): Promise<'unauthorized' | Problem> {
    const connection = new AbortController();
    controller = connection;
    let silent = false;
    let timer: NodeJS.Timeout | undefined;
    const rearm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        silent = true;
        connection.abort();
      }, keepaliveTimeoutMs);
    };
    rearm();
    try {
      const response = await openStream(streamUrl(hashtag, streamingOrigin), { headers: { Accept: 'text/event-stream', ...headers }, signal: connection.signal });
      if (response.status === 401) {
        response.cancel();
        return 'unauthorized';
      }
      if (response.status !== 200) {
        response.cancel();
        return problemOf({ ok: false, status: response.status, retryAfter: response.header('retry-after') });
      }
      // The stream is open: what was posted before it opened comes from REST, the rest from it.
      const gap = await fill(emit, hashtag);
      if (gap !== undefined || stopped) {
        response.cancel();
        return gap ?? { retry: false, reason: 'stopped' };
      }
      controller = connection;
      rearm();
      emit({ type: 'state', feed, state: { status: 'connected', at: Date.now() } });
      const parser = createSseParser({ onMessage: (message) => onStreamMessage(emit, message) });
      const decoder = new TextDecoder();
      for await (const chunk of response.body) {
        rearm();
        parser.feed(decoder.decode(chunk, { stream: true }));
      }
      return { retry: true, reason: 'stream ended' };
    } catch (error) {
      return { retry: true, reason: silent ? `no data for ${Math.round(keepaliveTimeoutMs / 1000)}s` : describeNetworkError(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits out a problem; false when it is final. */
  async function backOff(emit: Emit, problem: Problem, attempt: number): Promise<boolean> {
    if (!problem.retry) {
      emit({ type: 'state', feed, state: { status: 'stopped', reason: problem.reason } });
      return false;
    }
    const delayMs = reconnectDelay(attempt, random(), { ...(options.policy ? { policy: options.policy } : {}), serverMinimumMs: problem.minimumMs ?? 0 });
    emit({ type: 'state', feed, state: { status: 'reconnecting', attempt, delayMs, reason: problem.reason, at: Date.now() } });
    await sleep(delayMs);
    return !stopped;
  }

  /** Streams until stopped; 'unauthorized' when the instance wants a token it did not get. */
  async function stream(emit: Emit, hashtag: MastodonHashtag): Promise<'unauthorized' | undefined> {
    controller = new AbortController();
    const streamingOrigin = await findStreamingOrigin(hashtag.origin, headers, controller.signal);
    for (let attempt = 1; !stopped; attempt += 1) {
      const ended = await streamOnce(emit, hashtag, streamingOrigin);
      if (stopped) return undefined;
      if (ended === 'unauthorized') return ended;
      if (!(await backOff(emit, ended, attempt))) return undefined;
    }
    return undefined;
  }

  async function poll(emit: Emit, hashtag: MastodonHashtag): Promise<void> {
    emit({ type: 'invalid', feed, reason: pollingNotice(options.everyMs) });
    let failures = 0;
    while (!stopped) {
      await sleep(options.everyMs);
      if (stopped) return;
      const problem = await fill(emit, hashtag);
      if (stopped) return;
      if (problem === undefined) {
        if (failures > 0) emit({ type: 'state', feed, state: { status: 'connected', at: Date.now() } });
        failures = 0;
      } else {
        failures += 1;
        if (!(await backOff(emit, problem, failures))) return;
      }
    }
  }

  async function run(emit: Emit): Promise<void> {
    const hashtag = mastodonHashtagOf(options.url);
    if (hashtag === undefined) {
      emit({ type: 'state', feed, state: { status: 'stopped', reason: 'not a Mastodon hashtag URL (https://HOST/tags/NAME)' } });
      return;
    }
    emit({ type: 'state', feed, state: { status: 'connecting', attempt: 0 } });
    send(emit, { event: 'blog', blog: { id: tagPageUrl(hashtag), title: `#${hashtag.tag} (${new URL(hashtag.origin).host})`, url: tagPageUrl(hashtag), status: 'live' } });
    for (let attempt = 1; ; attempt += 1) {
      const problem = await fill(emit, hashtag);
      if (stopped) return;
      if (problem === undefined) break;
      if (!(await backOff(emit, problem, attempt))) return;
    }
    emit({ type: 'state', feed, state: { status: 'connected', at: Date.now() } });
    emit({ type: 'ready', feed });
    if (hasAuthorization(headers) && (await stream(emit, hashtag)) === undefined) return;
    await poll(emit, hashtag);
  }

  return {
    feed,
    start(emit) {
      void run(emit);
    },
    stop() {
      stopped = true;
      controller?.abort();
      wake?.();
    },
  };
}
