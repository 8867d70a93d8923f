import type { ConnectionState } from '../schema/signal.js';
import type { FeedInfo } from './timeline.js';

/*
 * A gap: the connection was lost at `from` and came back at `to`. Entries that arrive after the
 * reconnect are "caught up" while the server replays what was missed: catch-up ends at the
 * server's `ready`, or, for hubs that send no such marker (nchan, Pushpin, Mercure), at the first
 * new entry dated after the reconnect (that one is live). Nothing in plain SSE says whether a hub
 * could replay everything (nchan silently starts from its oldest buffered message when the
 * resume id is too old), so a gap is `incomplete` only on evidence: an update arrives for an
 * entry we never received that is dated inside the gap, i.e. its original was published while
 * we were away and never replayed.
 */
export interface Gap {
  readonly from: number;
  /** Undefined while still disconnected. */
  readonly to: number | undefined;
  readonly caughtUp: number;
  readonly catchingUp: boolean;
  readonly incomplete: boolean;
}

/** How a gap changes when the connection state does. */
export function gapAfterState(gap: Gap | undefined, previous: ConnectionState, state: ConnectionState): Gap | undefined {
  switch (state.status) {
    case 'reconnecting':
      // Lost again while still down or still catching up: the same outage goes on.
      if (gap !== undefined && (gap.to === undefined || gap.catchingUp)) return { ...gap, to: undefined, catchingUp: false };
      // Only a connection that was up leaves a gap; failing to connect at start misses nothing.
      return previous.status === 'connected' ? { from: state.at, to: undefined, caughtUp: 0, catchingUp: false, incomplete: false } : gap;
    case 'connected':
      return gap !== undefined && gap.to === undefined ? { ...gap, to: state.at ?? gap.from, catchingUp: true } : gap;
    case 'stopped':
    case 'ended':
      return gap?.catchingUp ? { ...gap, catchingUp: false } : gap;
    case 'connecting':
      return gap;
  }
}

/** Whether `timeMs` falls inside the gap (an open gap extends to now). */
export function isInside(gap: Gap, timeMs: number): boolean {
  return timeMs >= gap.from && (gap.to === undefined || timeMs <= gap.to);
}

/** The gap to tell the reader about: the latest one of any feed. */
export function latestGap(feeds: Iterable<FeedInfo>): { readonly feed: string; readonly gap: Gap } | undefined {
  let latest: { feed: string; gap: Gap } | undefined;
  for (const info of feeds) {
    if (info.gap !== undefined && (latest === undefined || info.gap.from > latest.gap.from)) latest = { feed: info.feed, gap: info.gap };
  }
  return latest;
}
