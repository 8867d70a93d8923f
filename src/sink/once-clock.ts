import type { SourceSignal } from '../schema/signal.js';

/*
 * When `--once` is over for each feed. A feed is through at its `ready` marker or when it ends.
 * A feed that answers but sends no event bytes for `idleMs` has sent what it has (servers with no
 * ready marker); comments, keepalives and reconnects are not event bytes, so they cannot keep a
 * run going. A feed that cannot be reached is waited for through its retries, for `timeoutMs` of
 * failures in a row, and then given up as a failure. No timers and no clock of its own: the pipe
 * tells it what happened and when, and asks when to look again.
 */

export interface OnceLimits {
  readonly idleMs: number;
  readonly timeoutMs: number;
}

interface FeedClock {
  over: boolean;
  /** When event bytes last arrived, or the feed answered after failing: idle counts from here. */
  busyAt: number;
  /** Since when connections have failed in a row; undefined while the feed answers. */
  failingSince: number | undefined;
  /** Whether the connection being tried reached `connected`. */
  answered: boolean;
  lastFailure: string | undefined;
}

export type OnceVerdict =
  | { readonly feed: string; readonly outcome: 'through' }
  | { readonly feed: string; readonly outcome: 'unreachable'; readonly reason: string };

export interface OnceReview {
  /** Feeds whose run just ended, each reported once. */
  readonly verdicts: readonly OnceVerdict[];
  /** When to review again; undefined when every feed is over. */
  readonly nextAt: number | undefined;
}

function describeLimit(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10}s` : `${ms}ms`;
}

export class OnceClock {
  private readonly feeds = new Map<string, FeedClock>();

  constructor(
    feeds: readonly string[],
    private readonly limits: OnceLimits,
    now: number,
  ) {
    // Not answered yet counts as failing: a feed that never answers is given up at the timeout.
    for (const feed of feeds) this.feeds.set(feed, { over: false, busyAt: now, failingSince: now, answered: false, lastFailure: undefined });
  }

  /** Event bytes arrived (a whole event or part of one). Called per event: only notes the time. */
  busy(feed: string, now: number): void {
    const clock = this.feeds.get(feed);
    if (clock) clock.busyAt = now;
  }

  /** Every signal but events and activity (see `busy`). */
  note(feed: string, signal: SourceSignal, now: number): void {
    const clock = this.feeds.get(feed);
    if (!clock || clock.over) return;
    if (signal.type === 'ready') clock.over = true;
    if (signal.type !== 'state') return;
    const state = signal.state;
    switch (state.status) {
      case 'connected':
        clock.answered = true;
        if (clock.failingSince !== undefined) {
          // Back after failing: the backlog is still to come, so idle counts from now.
          clock.failingSince = undefined;
          clock.busyAt = now;
        }
        return;
      case 'reconnecting':
        // A connection that answered and then closed is not a failure (hubs close idle
        // subscribers routinely); one that never answered is.
        if (!clock.answered) {
          clock.failingSince ??= now;
          clock.lastFailure = state.reason;
        }
        clock.answered = false;
        return;
      case 'stopped':
      case 'ended':
        clock.over = true;
        return;
      case 'connecting':
        return;
    }
  }

  review(now: number): OnceReview {
    const verdicts: OnceVerdict[] = [];
    let nextAt: number | undefined;
    const later = (at: number): void => {
      nextAt = nextAt === undefined ? at : Math.min(nextAt, at);
    };
    for (const [feed, clock] of this.feeds) {
      if (clock.over) continue;
      if (clock.failingSince !== undefined) {
        if (now - clock.failingSince < this.limits.timeoutMs) {
          later(clock.failingSince + this.limits.timeoutMs);
          continue;
        }
        const last = clock.lastFailure === undefined ? 'no answer' : `last failure: ${clock.lastFailure}`;
        verdicts.push({ feed, outcome: 'unreachable', reason: `no connection within ${describeLimit(this.limits.timeoutMs)} (${last})` });
      } else if (now - clock.busyAt < this.limits.idleMs) {
        later(clock.busyAt + this.limits.idleMs);
        continue;
      } else {
        verdicts.push({ feed, outcome: 'through' });
      }
      clock.over = true;
    }
    return { verdicts, nextAt };
  }
}
