import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter, reconnectDelay } from '../../src/sources/backoff.js';

const policy = { baseMs: 1000, maxMs: 60_000 };

describe('reconnect backoff', () => {
  it('grows with attempts and is capped', () => {
    expect([1, 2, 3, 4].map((attempt) => reconnectDelay(attempt, 1, { policy }))).toEqual([1000, 2000, 4000, 8000]);
    expect(reconnectDelay(40, 1, { policy })).toBe(60_000);
  });

  it('stays within the upper half of the window whatever the jitter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, random) => {
        const ceiling = Math.min(60_000, 1000 * 2 ** (attempt - 1));
        const delay = reconnectDelay(attempt, random, { policy });
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(delay).toBeLessThanOrEqual(ceiling);
      }),
    );
  });

  it("honours the server's minimum", () => {
    expect(reconnectDelay(1, 0, { policy, serverMinimumMs: 10_000 })).toBe(10_000);
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 12:00:10 GMT', Date.parse('2026-11-25T12:00:00Z'))).toBe(10_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});
