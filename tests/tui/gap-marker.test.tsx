import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { Gap } from '../../src/timeline/timeline.js';
import { describeGap } from '../../src/tui/chrome.js';
import { renderApp } from '../helpers/app.js';
import { makeEntry, signal, storyClock } from '../helpers/entries.js';
import { FakeSource } from '../helpers/fake-source.js';
import { frameWhere } from '../helpers/ink.js';

const F = 'http://127.0.0.1:8787/';
const tokyo = (hhmm: string): number => Date.parse(`2026-11-25T${hhmm}:00+09:00`);
const gap = (change: Partial<Gap>): Gap => ({ from: tokyo('14:02'), to: tokyo('14:09'), caughtUp: 12, catchingUp: false, incomplete: false, ...change });

describe('gap marker', () => {
  it('says when the connection was down, in the reader’s zone, and what was caught up', () => {
    expect(describeGap({ feed: F, gap: gap({}) }, storyClock(), false)).toBe('disconnected 14:02–14:09, 12 entries caught up');
    expect(describeGap({ feed: F, gap: gap({}) }, storyClock('Europe/London'), false)).toBe('disconnected 05:02–05:09, 12 entries caught up');
  });

  it('tells an open gap, a catch-up in progress and a hole apart, and names the feed among several', () => {
    expect(describeGap({ feed: F, gap: gap({ to: undefined }) }, storyClock(), false)).toBe('disconnected since 14:02');
    expect(describeGap({ feed: F, gap: gap({ catchingUp: true, caughtUp: 1 }) }, storyClock(), false)).toBe('disconnected 14:02–14:09, catching up (1 entry so far)');
    expect(describeGap({ feed: F, gap: gap({ incomplete: true }) }, storyClock(), true)).toBe(
      '127.0.0.1:8787: disconnected 14:02–14:09, 12 entries caught up, some entries were lost',
    );
  });
});

describe('gap marker in the status line', () => {
  afterEach(() => cleanup());

  it('shows where the connection was down once the feed is back', async () => {
    const source = new FakeSource(F, [
      { type: 'state', feed: F, state: { status: 'connected', at: tokyo('13:00') } },
      signal(F, { event: 'entry', entry: makeEntry('a', 1) }),
      { type: 'state', feed: F, state: { status: 'reconnecting', attempt: 1, delayMs: 1000, reason: 'network error (ECONNRESET)', at: tokyo('14:02') } },
      { type: 'state', feed: F, state: { status: 'connected', at: tokyo('14:09') } },
      signal(F, { event: 'entry', entry: makeEntry('b', 5) }),
      { type: 'ready', feed: F },
    ]);
    const { lastFrame } = renderApp({ sources: [source], size: { columns: 100, rows: 24 } });
    const frame = await frameWhere(lastFrame, (text) => text.includes('disconnected'), 'a gap marker');
    expect(frame).toContain('disconnected 14:02–14:09, 1 entry caught up');
  });
});
