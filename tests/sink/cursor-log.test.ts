import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCursorLog, type Cursors } from '../../src/sink/cursor-log.js';

describe('cursor log (--resume positions)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('saves a cursor only once the batch holding its line was written', () => {
    const saved: Cursors[] = [];
    const log = createCursorLog((cursors) => saved.push(cursors));
    log.handled('a', '1');
    const written = log.batch();
    log.handled('a', '2');
    expect(saved).toEqual([]);
    written();
    expect(saved).toEqual([new Map([['a', '1']])]);
  });

  it('saves at most once per interval while running, and the latest position at the end', () => {
    vi.useFakeTimers();
    let clock = 0;
    const saved: Cursors[] = [];
    const log = createCursorLog((cursors) => saved.push(cursors), { intervalMs: 1000, now: () => clock });
    for (let cursor = 1; cursor <= 5; cursor += 1) {
      log.handled('a', String(cursor));
      log.batch()();
      clock += 100;
    }
    expect(saved.map((cursors) => cursors.get('a'))).toEqual(['1']);
    clock = 1000;
    vi.advanceTimersByTime(1000);
    expect(saved.map((cursors) => cursors.get('a'))).toEqual(['1', '5']);
    log.handled('a', '6');
    log.handled('b', 'x:1');
    log.close(true);
    expect(saved.at(-1)).toEqual(new Map([['a', '6'], ['b', 'x:1']]));
  });

  it('keeps the last written position when the output failed, and saves nothing unchanged', () => {
    const saved: Cursors[] = [];
    const log = createCursorLog((cursors) => saved.push(cursors));
    log.handled('a', '1');
    log.batch()();
    log.handled('a', '2');
    log.batch();
    log.close(false);
    expect(saved).toEqual([new Map([['a', '1']])]);
  });
});
