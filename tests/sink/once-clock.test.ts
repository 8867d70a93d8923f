import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OnceClock } from '../../src/sink/once-clock.js';
import type { ConnectionState, SourceSignal } from '../../src/schema/signal.js';

const F = 'http://127.0.0.1:9/';
const limits = { idleMs: 2000, timeoutMs: 60_000 };
const state = (connection: ConnectionState): SourceSignal => ({ type: 'state', feed: F, state: connection });
const connected = state({ status: 'connected' });
const failed = (reason: string, attempt = 1): SourceSignal => state({ status: 'reconnecting', attempt, delayMs: 1000, reason, at: 0 });

describe('--once clock', () => {
  it('ends a feed that answers with nothing but keepalives after --idle', () => {
    const clock = new OnceClock([F], limits, 0);
    clock.note(F, connected, 100);
    expect(clock.review(2000)).toEqual({ verdicts: [], nextAt: 2100 });
    expect(clock.review(2100)).toEqual({ verdicts: [{ feed: F, outcome: 'through' }], nextAt: undefined });
  });

  it('counts event bytes, whole events or parts of one, as activity', () => {
    const clock = new OnceClock([F], limits, 0);
    clock.note(F, connected, 0);
    clock.busy(F, 1500);
    clock.busy(F, 3000);
    expect(clock.review(4000)).toEqual({ verdicts: [], nextAt: 5000 });
    expect(clock.review(5000).verdicts).toEqual([{ feed: F, outcome: 'through' }]);
  });

  it('does not restart the idle time on reconnects to a server that keeps closing', () => {
    const clock = new OnceClock([F], limits, 0);
    for (let at = 0; at < 2000; at += 300) {
      clock.note(F, connected, at);
      clock.note(F, failed('server closed the connection'), at + 299);
    }
    expect(clock.review(2000).verdicts).toEqual([{ feed: F, outcome: 'through' }]);
  });

  it('waits through failures past --idle until --timeout, then names the last failure', () => {
    const clock = new OnceClock([F], limits, 0);
    clock.note(F, failed('HTTP 503'), 10);
    clock.note(F, failed('network error (ECONNREFUSED)', 2), 5000);
    expect(clock.review(59_999)).toEqual({ verdicts: [], nextAt: 60_000 });
    expect(clock.review(60_000)).toEqual({
      verdicts: [{ feed: F, outcome: 'unreachable', reason: 'no connection within 60s (last failure: network error (ECONNREFUSED))' }],
      nextAt: undefined,
    });
  });

  it('says there was no answer when the feed never answered nor failed', () => {
    const clock = new OnceClock([F], { idleMs: 2000, timeoutMs: 1500 }, 0);
    expect(clock.review(1500).verdicts).toEqual([{ feed: F, outcome: 'unreachable', reason: 'no connection within 1.5s (no answer)' }]);
  });

  it('counts idle from the connection that ends a run of failures', () => {
    const clock = new OnceClock([F], limits, 0);
    clock.note(F, connected, 0);
    clock.note(F, failed('server closed the connection'), 100);
    clock.note(F, failed('HTTP 503', 2), 1200);
    expect(clock.review(30_000).verdicts).toEqual([]);
    clock.note(F, connected, 30_000);
    expect(clock.review(31_999).verdicts).toEqual([]);
    expect(clock.review(32_000).verdicts).toEqual([{ feed: F, outcome: 'through' }]);
  });

  it('is over for a feed at its ready marker or when it ends, without a verdict', () => {
    const other = 'other';
    const clock = new OnceClock([F, other], limits, 0);
    clock.note(F, { type: 'ready', feed: F }, 5);
    clock.note(other, { type: 'state', feed: other, state: { status: 'stopped', reason: 'not found (HTTP 404)' } }, 6);
    expect(clock.review(7)).toEqual({ verdicts: [], nextAt: undefined });
  });

  it('never ends a feed early: idle only after idleMs without event bytes, unreachable only after timeoutMs of failures in a row', () => {
    // A reconnect after a connection that answered is a close; after one that did not, a failure.
    type Step = { gap: number; what: 'busy' | 'connected' | 'reconnecting' | 'review' };
    const step = fc.record({ gap: fc.integer({ min: 0, max: 3000 }), what: fc.constantFrom('busy', 'connected', 'reconnecting', 'review') }) as fc.Arbitrary<Step>;
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const small = { idleMs: 2000, timeoutMs: 10_000 };
        const clock = new OnceClock([F], small, 0);
        // A model of the rule, kept the obvious way: the last moment each limit started counting.
        let now = 0;
        let answered = false;
        let failingSince: number | undefined = 0;
        let busyAt = 0;
        for (const { gap, what } of steps) {
          now += gap;
          if (what === 'busy') {
            clock.busy(F, now);
            busyAt = now;
          } else if (what === 'connected') {
            clock.note(F, connected, now);
            answered = true;
            if (failingSince !== undefined) busyAt = now;
            failingSince = undefined;
          } else if (what === 'reconnecting') {
            clock.note(F, failed('HTTP 503'), now);
            if (!answered) failingSince ??= now;
            answered = false;
          } else {
            const { verdicts } = clock.review(now);
            const verdict = verdicts[0];
            if (verdict?.outcome === 'through') expect(failingSince === undefined && now - busyAt >= small.idleMs).toBe(true);
            if (verdict?.outcome === 'unreachable') expect(failingSince !== undefined && now - failingSince >= small.timeoutMs).toBe(true);
            if (verdict === undefined) expect(failingSince === undefined ? now - busyAt < small.idleMs : now - failingSince < small.timeoutMs).toBe(true);
            if (verdict) return;
          }
        }
      }),
    );
  });
});
