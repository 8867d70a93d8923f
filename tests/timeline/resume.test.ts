import { describe, expect, it } from 'vitest';
import type { ConnectionState, SourceSignal } from '../../src/schema/signal.js';
import { applySignals, emptyTimeline, getItem, latestGap, type Timeline } from '../../src/timeline/timeline.js';
import { makeEntry, signal } from '../helpers/entries.js';

/*
 * What a reconnect leaves in the timeline: replays dropped, and a gap the reader can see.
 * Entry times are minutes past 14:00 JST (05:00 UTC); `at(m)` is the same clock for states.
 */

const F = 'http://127.0.0.1:1/feed';
const at = (minute: number): number => Date.parse(makeEntry('x', minute).time);
const state = (connection: ConnectionState): SourceSignal => ({ type: 'state', feed: F, state: connection });
const connected = (minute: number) => state({ status: 'connected', at: at(minute) });
const lost = (minute: number) => state({ status: 'reconnecting', attempt: 1, delayMs: 1000, reason: 'network error (ECONNRESET)', at: at(minute) });
const entry = (id: string, minute: number, body?: string) => signal(F, { event: 'entry', entry: makeEntry(id, minute, body ? { body } : {}) });
const update = (id: string, minute: number, body: string) => signal(F, { event: 'update', entry: makeEntry(id, minute, { body }) });
const gapOf = (timeline: Timeline) => timeline.feeds.get(F)!.gap;

describe('timeline after reconnects', () => {
  it('drops a replayed original and a replayed older correction instead of reverting the entry', () => {
    const history = [entry('a', 0), update('a', 0, 'first fix'), update('a', 0, 'second fix')];
    const once = applySignals(emptyTimeline(), history);
    const replayed = applySignals(once, history);
    expect(replayed).toBe(once);
    expect(getItem(once, F, 'a')).toMatchObject({ revision: 2, entry: { body: 'second fix' } });
  });

  it('still applies a correction that says something new', () => {
    const timeline = applySignals(emptyTimeline(), [entry('a', 0), update('a', 0, 'fix'), entry('a', 0, 'republished')]);
    expect(getItem(timeline, F, 'a')).toMatchObject({ revision: 2, entry: { body: 'republished' } });
  });

  it('records no gap when the first connection fails: nothing was missed yet', () => {
    const timeline = applySignals(emptyTimeline(), [lost(0), connected(1), entry('a', 1)]);
    expect(gapOf(timeline)).toBeUndefined();
  });

  it('records when the connection was down and counts entries caught up until ready', () => {
    let timeline = applySignals(emptyTimeline(), [connected(0), entry('a', 1), { type: 'ready', feed: F }, lost(2)]);
    expect(gapOf(timeline)).toEqual({ from: at(2), to: undefined, caughtUp: 0, catchingUp: false, incomplete: false });
    timeline = applySignals(timeline, [lost(3), connected(9), entry('a', 1), entry('b', 4), entry('c', 6), { type: 'ready', feed: F }, entry('d', 10)]);
    expect(gapOf(timeline)).toEqual({ from: at(2), to: at(9), caughtUp: 2, catchingUp: false, incomplete: false });
  });

  it('on a server that sends ready, counts everything replayed before ready, whatever its date', () => {
    // Publishers' clocks and story times need not match ours: b is dated after the reconnect but replayed.
    const timeline = applySignals(emptyTimeline(), [connected(0), entry('a', 1), { type: 'ready', feed: F }, lost(2), connected(9), entry('b', 12), { type: 'ready', feed: F }, entry('c', 13)]);
    expect(gapOf(timeline)).toMatchObject({ caughtUp: 1, catchingUp: false });
  });

  it('ends catch-up at the first entry dated after the reconnect on hubs without ready', () => {
    const timeline = applySignals(emptyTimeline(), [connected(0), lost(2), connected(9), entry('b', 4), entry('c', 10), entry('d', 5)]);
    expect(gapOf(timeline)).toMatchObject({ caughtUp: 1, catchingUp: false });
  });

  it('treats a drop during catch-up as the same outage', () => {
    const timeline = applySignals(emptyTimeline(), [connected(0), lost(2), connected(5), entry('b', 3), lost(6), connected(9), entry('c', 4), { type: 'ready', feed: F }]);
    expect(gapOf(timeline)).toEqual({ from: at(2), to: at(9), caughtUp: 2, catchingUp: false, incomplete: false });
  });

  it('marks a gap incomplete when a correction arrives for an entry published during it that never came', () => {
    let timeline = applySignals(emptyTimeline(), [connected(0), entry('a', 1), lost(2), connected(9)]);
    timeline = applySignals(timeline, [update('a', 1, 'fix of an entry we have'), entry('z', 12)]);
    expect(gapOf(timeline)!.incomplete).toBe(false);
    timeline = applySignals(timeline, [update('lost', 5, 'fix of an entry we never got')]);
    expect(gapOf(timeline)!.incomplete).toBe(true);
  });

  it('picks the latest gap of all feeds', () => {
    const other = 'http://127.0.0.1:1/other';
    const timeline = applySignals(emptyTimeline(), [
      connected(0),
      lost(2),
      { type: 'state', feed: other, state: { status: 'connected', at: at(0) } },
      { type: 'state', feed: other, state: { status: 'reconnecting', attempt: 1, delayMs: 1, reason: 'x', at: at(3) } },
    ]);
    expect(latestGap(timeline.feeds.values())).toMatchObject({ feed: other, gap: { from: at(3) } });
  });
});
