import { redactUrl } from '../text/redact.js';
import { isFeedEventName, parseEventData } from '../schema/feed.js';
import { parseRetryAfter, type BackoffPolicy } from './backoff.js';
import { describeNetworkError, permanentStatuses } from './http-failures.js';
import { eventIdHeader, openStream, type StreamResponse } from './http-stream.js';
import { createSseParser, type SseMessage, type SseParser } from './sse-parser.js';
import type { Emit, Source } from '../schema/signal.js';
import { defaultKeepaliveTimeoutMs } from './tuning.js';
import { createUtf8Splitter, invalid, type Utf8Piece } from './utf8.js';
import { createPause, waitToReconnect } from './pause.js';

export interface SseSourceOptions {
  readonly url: string;
  /** Sent on every (re)connect. Values never appear in messages this module produces. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly lastEventId?: string;
  /** Silence longer than this (no bytes at all, keepalives included) means a dead connection. */
  readonly keepaliveTimeoutMs?: number;
  readonly maxEventLength?: number;
  readonly policy?: BackoffPolicy;
  readonly random?: () => number;
  /**
   * Pass each event's payload text along (`json` of the signal) for a consumer that prints it
   * (the pipe). Off for the screen: it holds events for a frame, and a payload's text keeps the
   * whole received chunk it was cut from alive.
   */
  readonly payloadText?: boolean;
  /**
   * The first connection, already answered with an event stream (detection opened it): read it
   * instead of connecting again. `controller` aborts it.
   */
  readonly first?: { readonly response: StreamResponse; readonly controller: AbortController };
}

type Outcome =
  /** `delivered`: the server sent something (a keepalive will do) before the connection ended. */
  | { readonly retry: true; readonly reason: string; readonly minimumMs?: number; readonly delivered?: boolean }
  | { readonly retry: false; readonly reason: string };

/** What the reconnect loop learns from the connections it makes. */
interface ConnectionRun {
  /** The server's `retry:`, a floor for reconnect delays. */
  serverRetryMs: number;
  delivered: boolean;
}

/** Silence ends a connection, whether the server never answers or stops sending. */
interface SilenceWatch {
  /** Something arrived: the wait starts over. */
  rearm(): void;
  stop(): void;
  readonly timedOut: boolean;
  /** The wait, for messages ("45s"). */
  readonly limit: string;
}

function watchSilence(timeoutMs: number, onTimeout: () => void): SilenceWatch {
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const rearm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      onTimeout();
    }, timeoutMs);
  };
  rearm();
  return {
    rearm,
    stop: () => clearTimeout(timer),
    get timedOut() {
      return timedOut;
    },
    limit: timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)}s` : `${timeoutMs}ms`,
  };
}

/** Follows one SSE feed forever: parses, validates, resumes with Last-Event-ID, backs off. */
export function createSseSource(options: SseSourceOptions): Source {
  const feed = redactUrl(options.url);
  const random = options.random ?? Math.random;
  const keepaliveTimeoutMs = options.keepaliveTimeoutMs ?? defaultKeepaliveTimeoutMs;
  let stopped = false;
  let controller: AbortController | undefined;
  const pause = createPause();
  let first = options.first;

  async function connectOnce(emit: Emit, parser: SseParser, state: ConnectionRun): Promise<Outcome> {
    const handedOver = first;
    first = undefined;
    controller = handedOver?.controller ?? new AbortController();
    const connection = controller;
    const headers: Record<string, string> = {
      Accept: 'text/event-stream',
      'Cache-Control': 'no-cache',
      ...options.headers,
    };
    const lastEventId = eventIdHeader(parser.lastEventId);
    if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
    const silence = watchSilence(keepaliveTimeoutMs, () => connection.abort());
    try {
      let response: StreamResponse;
      try {
        response = handedOver?.response ?? (await openStream(feed, { headers, signal: connection.signal }));
      } catch (error) {
        return { retry: true, reason: silence.timedOut ? `no answer for ${silence.limit}` : describeNetworkError(error) };
      }
      return await readStream(emit, parser, state, response, silence);
    } finally {
      silence.stop();
    }
  }

  async function readStream(emit: Emit, parser: SseParser, state: ConnectionRun, response: StreamResponse, silence: SilenceWatch): Promise<Outcome> {
    const permanent = permanentStatuses.get(response.status);
    if (permanent !== undefined) {
      response.cancel();
      return { retry: false, reason: permanent };
    }
    if (response.status === 429 || response.status >= 500) {
      response.cancel();
      const minimumMs = parseRetryAfter(response.header('retry-after'), Date.now());
      return { retry: true, reason: `HTTP ${response.status}`, ...(minimumMs === undefined ? {} : { minimumMs }) };
    }
    if (response.status !== 200) {
      response.cancel();
      return { retry: false, reason: `unexpected answer (HTTP ${response.status})` };
    }
    const contentType = response.header('content-type') ?? '';
    if (!/^text\/event-stream\b/i.test(contentType)) {
      response.cancel();
      return { retry: false, reason: `not an event stream (content-type: ${contentType || 'none'})` };
    }

    emit({ type: 'state', feed, state: { status: 'connected', at: Date.now() } });
    state.delivered = false;
    const utf8 = createUtf8Splitter();
    const parse = (pieces: readonly Utf8Piece[]): void => {
      let dataArrived = false;
      for (const piece of pieces) {
        if (piece === invalid) parser.markInvalidText();
        else if (parser.feed(piece)) dataArrived = true;
      }
      if (dataArrived) emit({ type: 'activity', feed });
    };
    silence.rearm();
    try {
      for await (const bytes of response.body) {
        silence.rearm();
        state.delivered = true;
        parse(utf8.push(bytes));
        if (stopped) break;
      }
      parse(utf8.end());
    } catch (error) {
      const reason = silence.timedOut ? `no data for ${silence.limit}` : describeNetworkError(error);
      return { retry: true, reason, minimumMs: state.serverRetryMs, delivered: state.delivered };
    } finally {
      if (parser.reset() && !stopped) {
        emit({ type: 'invalid', feed, reason: 'unfinished event skipped (the connection ended in the middle of it)' });
      }
    }
    const reason = silence.timedOut ? `no data for ${silence.limit}` : 'server closed the connection';
    return { retry: true, reason, minimumMs: state.serverRetryMs, delivered: state.delivered };
  }

  function onMessage(emit: Emit, message: SseMessage): void {
    const name = message.type === 'message' ? 'entry' : message.type;
    if (name === 'ready') {
      emit({ type: 'ready', feed });
      return;
    }
    // Hubs send their own events (nchan's `ping`): not ours, not an error.
    if (!isFeedEventName(name)) return;
    const parsed = parseEventData(name, message.data);
    if (parsed.ok) {
      const cursor = eventIdHeader(message.lastEventId) === undefined ? undefined : message.lastEventId;
      emit({ type: 'event', feed, event: parsed.value, cursor, json: options.payloadText ? parsed.json : undefined });
    } else {
      const where = message.lastEventId === '' ? name : `${name} ${message.lastEventId}`;
      emit({ type: 'invalid', feed, reason: `${where}: ${parsed.error}` });
    }
  }

  async function run(emit: Emit): Promise<void> {
    const state: ConnectionRun = { serverRetryMs: 0, delivered: false };
    const parser = createSseParser(
      {
        onMessage: (message) => onMessage(emit, message),
        onRetry: (ms) => {
          state.serverRetryMs = ms;
        },
        onOversized: (length) =>
          emit({ type: 'invalid', feed, reason: `event of ${length} characters skipped (too large)` }),
        onInvalidText: (lastEventId) =>
          emit({ type: 'invalid', feed, reason: `${lastEventId === '' ? 'event' : `event at cursor ${lastEventId}`}: not valid UTF-8` }),
      },
      {
        lastEventId: options.lastEventId ?? '',
        ...(options.maxEventLength === undefined ? {} : { maxEventLength: options.maxEventLength }),
      },
    );
    let attempt = 0;
    while (!stopped) {
      emit({ type: 'state', feed, state: { status: 'connecting', attempt } });
      const outcome = await connectOnce(emit, parser, state);
      if (stopped) return;
      if (!outcome.retry) {
        emit({ type: 'state', feed, state: { status: 'stopped', reason: outcome.reason } });
        return;
      }
      // A connection that carried anything starts the backoff over (hubs like nchan close idle
      // subscribers routinely); failures in a row, and servers that accept and hang up without a
      // byte, grow it.
      attempt = outcome.delivered ? 1 : attempt + 1;
      await waitToReconnect(emit, pause, { feed, attempt, reason: outcome.reason, serverMinimumMs: outcome.minimumMs, policy: options.policy, random });
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
    },
  };
}
