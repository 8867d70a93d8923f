import { redactUrl } from '../text/redact.js';
import type { Emit, Source } from '../schema/signal.js';
import { parseNdjsonLine } from '../schema/ndjson.js';
import { parseRetryAfter, type BackoffPolicy } from './backoff.js';
import { detectKind } from './detect.js';
import { describeNetworkError, isTransientStatus, permanentStatuses } from './http-failures.js';
import { eventIdHeader, openStream, type StreamResponse } from './http-stream.js';
import { documentFrom, type FetchOutcome } from './poll/fetch-document.js';
import { createSseSource, type SseSourceOptions } from './sse-source.js';
import { createPause, waitToReconnect } from './pause.js';

/*
 * `livetail URL` with no --source: one request, answered by whatever the URL is. An event stream
 * goes on as the SSE source on that same connection (no second request: the common case costs
 * nothing); a page or a feed becomes a polled source whose first answer is the one already
 * read; NDJSON is read once. The adapters load only when a URL turns out to need them.
 */

export interface AutoSourceOptions extends Omit<SseSourceOptions, 'first'> {
  readonly everyMs: number;
  readonly policy?: BackoffPolicy;
}

/** SSE first, then what live blogs are published as. */
const acceptAnything = 'text/event-stream, application/rss+xml;q=0.9, application/atom+xml;q=0.9, application/feed+json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, text/html;q=0.8, */*;q=0.5';
export const pageAccept = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';
export const feedAccept = 'application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/** A polled source of `kind`, loaded on demand. */
export async function polledSource(kind: 'page' | 'feed', options: AutoSourceOptions, first?: FetchOutcome): Promise<Source> {
  const [{ createPolledSource }, parse] = await Promise.all([
    import('./poll/polled-source.js'),
    kind === 'page' ? import('./page/parse-page.js').then((module) => module.createPageParser()) : import('./feed/parse-feed.js').then((module) => module.parseFeedDocument),
  ]);
  return createPolledSource({
    url: options.url,
    parse,
    accept: kind === 'page' ? pageAccept : feedAccept,
    everyMs: options.everyMs,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(first ? { first } : {}),
    ...(options.lastEventId === undefined ? {} : { cursor: options.lastEventId }),
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.random ? { random: options.random } : {}),
  });
}

/** NDJSON served over HTTP: read once, like a file. */
function emitNdjson(emit: Emit, feed: string, body: Uint8Array): void {
  const lines = new TextDecoder().decode(body).split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const parsed = parseNdjsonLine(line.replace(/\r$/, ''));
    if (parsed.ok) emit({ type: 'event', feed: parsed.value.feed ?? feed, event: parsed.value.event });
    else emit({ type: 'invalid', feed, reason: `line ${index + 1}: ${parsed.error}` });
  });
  emit({ type: 'ready', feed });
  emit({ type: 'state', feed, state: { status: 'ended' } });
}

export function createAutoSource(options: AutoSourceOptions): Source {
  const feed = redactUrl(options.url);
  const random = options.random ?? Math.random;
  let stopped = false;
  let inner: Source | undefined;
  let controller: AbortController | undefined;
  const pause = createPause();

  /** Answers the first request, or says why not (`retry` for what may pass). */
  async function ask(): Promise<{ response: StreamResponse; controller: AbortController } | { retry: boolean; reason: string; minimumMs?: number }> {
    const connection = new AbortController();
    controller = connection;
    const headers: Record<string, string> = { Accept: acceptAnything, 'Cache-Control': 'no-cache', ...options.headers };
    const lastEventId = options.lastEventId === undefined ? undefined : eventIdHeader(options.lastEventId);
    if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
    const timeoutMs = options.keepaliveTimeoutMs ?? 45_000;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      connection.abort();
    }, timeoutMs);
    try {
      const response = await openStream(feed, { headers, signal: connection.signal });
      const permanent = permanentStatuses.get(response.status);
      if (response.status === 200) return { response, controller: connection };
      response.cancel();
      if (permanent !== undefined) return { retry: false, reason: permanent };
      if (isTransientStatus(response.status)) {
        const minimumMs = parseRetryAfter(response.header('retry-after'), Date.now());
        return { retry: true, reason: `HTTP ${response.status}`, ...(minimumMs === undefined ? {} : { minimumMs }) };
      }
      return { retry: false, reason: `unexpected answer (HTTP ${response.status})` };
    } catch (error) {
      return { retry: true, reason: timedOut ? `no answer for ${Math.round(timeoutMs / 1000)}s` : describeNetworkError(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** The source an answer calls for; undefined when it was used up here (NDJSON) or unusable. */
  async function sourceFor(answer: { response: StreamResponse; controller: AbortController }, emit: Emit): Promise<Source | undefined> {
    const contentType = answer.response.header('content-type') ?? undefined;
    // Only an event stream is decided by its header alone, and read on that connection.
    if (/^\s*text\/event-stream\b/i.test(contentType ?? '')) return createSseSource({ ...options, first: answer });
    const outcome = await documentFrom(answer.response);
    if (outcome.kind !== 'document') return undefined;
    const head = Buffer.from(outcome.document.body.subarray(0, 4096)).toString('latin1');
    const sniffed = detectKind(contentType, head);
    if (sniffed === 'ndjson') {
      emitNdjson(emit, feed, outcome.document.body);
      return undefined;
    }
    // An event stream that did not say so: follow it as one, from the start.
    if (sniffed === 'sse') return createSseSource(options);
    if (sniffed === 'page' || sniffed === 'feed') return polledSource(sniffed, options, outcome);
    emit({ type: 'state', feed, state: { status: 'stopped', reason: `not a live blog, a feed or an event stream (content-type: ${contentType ?? 'none'})` } });
    return undefined;
  }

  async function run(emit: Emit): Promise<void> {
    for (let attempt = 0; !stopped; ) {
      emit({ type: 'state', feed, state: { status: 'connecting', attempt } });
      const answer = await ask();
      if (stopped) return;
      if ('response' in answer) {
        try {
          inner = await sourceFor(answer, emit);
        } catch (error) {
          emit({ type: 'state', feed, state: { status: 'stopped', reason: describeNetworkError(error) } });
          return;
        }
        if (stopped) inner?.stop();
        else inner?.start(emit);
        return;
      }
      if (!answer.retry) {
        emit({ type: 'state', feed, state: { status: 'stopped', reason: answer.reason } });
        return;
      }
      attempt += 1;
      await waitToReconnect(emit, pause, { feed, attempt, reason: answer.reason, serverMinimumMs: answer.minimumMs, policy: options.policy, random });
    }
  }

  return {
    feed,
    start(emit) {
      void run(emit);
    },
    stop() {
      stopped = true;
      controller?.abort();
      pause.cut();
      inner?.stop();
    },
  };
}
