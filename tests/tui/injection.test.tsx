import { readFileSync } from 'node:fs';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { parseNdjsonLine } from '../../src/schema/ndjson.js';
import type { SourceSignal } from '../../src/schema/signal.js';
import { renderApp } from '../helpers/app.js';
import { FakeSource } from '../helpers/fake-source.js';
import { frameWhere, tick } from '../helpers/ink.js';

const F = 'http://127.0.0.1:9/';

function fixtureSignals(): SourceSignal[] {
  return readFileSync(new URL('../fixtures/injection.ndjson', import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const parsed = parseNdjsonLine(line);
      if (!parsed.ok) throw new Error(parsed.error);
      return { type: 'event', feed: F, event: parsed.value.event };
    });
}

// Anything that could move the cursor, change the terminal or reorder text: ESC, C0 but
// newline, DEL and C1 (U+009B is a one-character CSI), bidi embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex
const hostile = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

afterEach(() => cleanup());

describe('hostile feed text on screen', () => {
  it('shows the text of titles, bodies, tags, captions and links with no escape or control left', async () => {
    // Colour off: Ink then writes no escape sequence of its own, so any ESC would be the feed's.
    const { lastFrame, stdin } = renderApp({ sources: [new FakeSource(F, fixtureSignals())], size: { columns: 80, rows: 60 } });
    await frameWhere(lastFrame, (text) => text.includes('正常な本文'));
    // frameWhere strips escape sequences to match text: the checks below read the raw frames.
    const collapsed = lastFrame() ?? '';
    await tick();
    // Expand every card: full bodies, every credit, link summaries and URLs.
    for (const key of ['\r', 'j', '\r', 'j', '\r', 'j', '\r']) {
      stdin.write(key);
      await tick();
    }
    await frameWhere(lastFrame, (text) => text.includes('要約'), 'expanded cards');
    const expanded = lastFrame() ?? '';
    for (const frame of [collapsed, expanded]) {
      expect(frame).not.toMatch(hostile);
      expect(frame).not.toContain('pwned');
      expect(frame).not.toContain(']52;');
    }
    expect(expanded).toContain('Injection test');
    expect(expanded).toContain('正常な本文トラップ。普通の文に戻る。');
    expect(expanded).toContain('clipboard  write, C1 CSI  red , DEL.');
    expect(expanded).toContain('#会見');
    expect(expanded).toContain('架空フォト');
  });
});
