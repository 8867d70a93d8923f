import { redactUrl } from '../../text/redact.js';
import type { Emit, Source } from '../../schema/signal.js';
import { parseRetryAfter, type BackoffPolicy } from '../backoff.js';
import { describeNetworkError, isTransientStatus, permanentStatuses } from '../http-failures.js';
import { fetchDocument, type FetchOutcome, type Validators } from './fetch-document.js';
import type { DocumentParser } from './snapshot.js';
import { diffSnapshot, emptyPollState } from './snapshot-diff.js';
import { createPause, waitToReconnect } from '../pause.js';

/*
 * A live-blog page or a feed, polled: each answer is parsed into a snapshot and diffed against
 * the last (snapshot-diff.ts). The interval is the reader's (`--every`) unless the server asks
 * for more: Cache-Control max-age, Retry-After, a feed's ttl are floors, and failures back off.
 */

export interface PolledSourceOptions {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly parse: DocumentParser;
  /** What the request accepts: a page or feed types. */
  readonly accept: string;
  readonly everyMs: number;
  /** The first answer, when detection already fetched it. */
  readonly first?: FetchOutcome;
  /** For --resume: the cursor the last event printed by an earlier run carried. */
  readonly cursor?: string;
  readonly policy?: BackoffPolicy;
  readonly random?: () => number;
}

export const defaultEveryMs = 30_000;

export function createPolledSource(options: PolledSourceOptions): Source {
  const feed = redactUrl(options.url);
  const random = options.random ?? Math.random;
  let stopped = false;
  let controller: AbortController | undefined;
  const pause = createPause();


  async function run(emit: Emit): Promise<void> {
    let validators: Validators = {};
    let state = emptyPollState;
    let cursor = options.cursor;
    const knownUpTo = cursor === undefined ? undefined : Date.parse(cursor);
    let first = options.first;
    let ready = false;
    let failures = 0;
    // A feed's notices (undecodable bytes, undated items) come back on every poll: each is said once.
    const noticesSaid = new Set<string>();
    emit({ type: 'state', feed, state: { status: 'connecting', attempt: 0 } });
    while (!stopped) {
      let outcome: FetchOutcome;
      let problem: { reason: string; minimumMs?: number } | undefined;
      let floorMs = 0;
      try {
        controller = new AbortController();
        outcome = first ?? (await fetchDocument(feed, { headers: options.headers ?? {}, validators, signal: controller.signal, accept: options.accept }));
      } catch (error) {
        outcome = { kind: 'status', status: 0, retryAfter: null };
        problem = { reason: describeNetworkError(error) };
      }
      first = undefined;
      if (stopped) return;
      if (outcome.kind === 'status' && problem === undefined) {
        const permanent = permanentStatuses.get(outcome.status);
        if (permanent !== undefined || !isTransientStatus(outcome.status)) {
          emit({ type: 'state', feed, state: { status: 'stopped', reason: permanent ?? `unexpected answer (HTTP ${outcome.status})` } });
          return;
        }
        const minimumMs = parseRetryAfter(outcome.retryAfter, Date.now());
        problem = { reason: `HTTP ${outcome.status}`, ...(minimumMs === undefined ? {} : { minimumMs }) };
      }
      if (outcome.kind === 'document') {
        const parsed = options.parse(outcome.document);
        if (!parsed.ok) {
          // The first answer decides what the URL is; later a bad answer is one skipped poll.
          if (!ready) {
            emit({ type: 'state', feed, state: { status: 'stopped', reason: parsed.error } });
            return;
          }
          emit({ type: 'invalid', feed, reason: parsed.error });
        } else {
          validators = outcome.validators;
          const diffed = diffSnapshot(state, parsed.snapshot, ready ? { cursor } : { ...(knownUpTo === undefined ? {} : { knownUpTo }), ...(cursor === undefined ? {} : { cursor }) });
          state = diffed.state;
          if (!ready || failures > 0) emit({ type: 'state', feed, state: { status: 'connected', at: Date.now() } });
          for (const notice of parsed.snapshot.notices ?? []) {
            if (noticesSaid.has(notice)) continue;
            noticesSaid.add(notice);
            emit({ type: 'invalid', feed, reason: notice });
          }
          for (const { event, cursor: after } of diffed.events) {
            cursor = after;
            emit({ type: 'event', feed, event, ...(after === undefined ? {} : { cursor: after }) });
          }
          if (!ready) emit({ type: 'ready', feed });
          ready = true;
          failures = 0;
          floorMs = (parsed.snapshot.ttlSeconds ?? 0) * 1000;
        }
      } else if (outcome.kind === 'unchanged' && failures > 0) {
        emit({ type: 'state', feed, state: { status: 'connected', at: Date.now() } });
        failures = 0;
      }
      if (outcome.kind !== 'status') floorMs = Math.max(floorMs, outcome.maxAgeMs ?? 0);
      if (problem !== undefined) {
        failures += 1;
        await waitToReconnect(emit, pause, { feed, attempt: failures, reason: problem.reason, serverMinimumMs: problem.minimumMs, policy: options.policy, random });
      } else await pause.wait(Math.max(options.everyMs, floorMs));
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
