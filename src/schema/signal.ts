import type { FeedEvent } from './feed.js';

/*
 * What every source (SSE, stdin NDJSON, later polling adapters) reports. Past this point nothing
 * knows about HTTP: the timeline and both faces consume these signals only.
 */

export type ConnectionState =
  | { readonly status: 'connecting'; readonly attempt: number }
  /** `at`: when the connection (re)opened, epoch ms; gap markers end there. */
  | { readonly status: 'connected'; readonly at?: number }
  | {
      readonly status: 'reconnecting';
      readonly attempt: number;
      readonly delayMs: number;
      readonly reason: string;
      readonly at: number;
    }
  | { readonly status: 'stopped'; readonly reason: string }
  | { readonly status: 'ended' };

export type SourceSignal =
  /**
   * `cursor`: the SSE last event id in force after this event (opaque; absent when the feed sends
   * no ids). Saving it and passing it back as `lastEventId` resumes right after this event.
   * `json`: the event's payload as received, when it is exactly the validated payload on one line.
   */
  | { readonly type: 'event'; readonly feed: string; readonly event: FeedEvent; readonly cursor?: string; readonly json?: string }
  /**
   * Part of an event arrived (a slow stream, a large event in many chunks): the source is busy,
   * which `--once` must not take for silence. Comments, keepalives and reconnects are not activity.
   */
  | { readonly type: 'activity'; readonly feed: string }
  /** The backlog has been delivered; what follows is live. */
  | { readonly type: 'ready'; readonly feed: string }
  | { readonly type: 'invalid'; readonly feed: string; readonly reason: string }
  /** Something the reader should know once about how the source works (e.g. it polls instead of streaming). */
  | { readonly type: 'notice'; readonly feed: string; readonly text: string }
  | { readonly type: 'state'; readonly feed: string; readonly state: ConnectionState };

export type Emit = (signal: SourceSignal) => void;

export interface Source {
  /** The label this source's events carry (a URL, or `stdin`). */
  readonly feed: string;
  start(emit: Emit): void;
  /**
   * For a source that was started before its consumer: hands over what arrived so far, once, so
   * that the screen's first frame shows it; `start` then delivers only what comes after.
   */
  takeArrived?(): SourceSignal[];
  stop(): void;
}

export function isFinal(state: ConnectionState): boolean {
  return state.status === 'stopped' || state.status === 'ended';
}
