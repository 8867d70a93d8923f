import { describe, expect, it } from 'vitest';
import { createFirstSeenClock } from '../../../src/sources/feed/first-seen.js';

describe('first-seen clock for undated feed items', () => {
  const ticking = (): (() => Date) => {
    let seconds = 0;
    return () => new Date(Date.UTC(2026, 11, 1, 12, 0, seconds++));
  };

  it('an item keeps the time it was first read; another item or feed gets its own', () => {
    const clock = createFirstSeenClock(10, ticking());
    expect(clock('https://a.example/feed', 'x')).toBe('2026-12-01T12:00:00Z');
    expect(clock('https://b.example/feed', 'x')).toBe('2026-12-01T12:00:01Z');
    expect(clock('https://a.example/feed', 'y')).toBe('2026-12-01T12:00:02Z');
    expect(clock('https://a.example/feed', 'x')).toBe('2026-12-01T12:00:00Z');
  });

  it('remembers at most its limit, forgetting the oldest first', () => {
    const clock = createFirstSeenClock(2, ticking());
    clock('f', 'one');
    clock('f', 'two');
    clock('f', 'three');
    expect(clock('f', 'two')).toBe('2026-12-01T12:00:01Z');
    expect(clock('f', 'one')).toBe('2026-12-01T12:00:03Z');
  });
});
