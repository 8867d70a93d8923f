import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseNdjsonLine, type NdjsonEvent } from '../../src/schema/ndjson.js';
import { eventPayload } from '../../src/schema/feed.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

function parseFile(name: string): NdjsonEvent[] {
  const lines = readFileSync(fixture(name), 'utf8').split('\n').filter((l) => l !== '');
  return lines.map((line, i) => {
    const parsed = parseNdjsonLine(line);
    if (!parsed.ok) throw new Error(`${name} line ${i + 1}: ${parsed.error}`);
    return parsed.value;
  });
}

describe('tests/fixtures/small.ndjson', () => {
  it('is a valid small feed: a blog, entries in several scripts, an update and a delete', () => {
    const events = parseFile('small.ndjson').map((e) => e.event);
    expect(events[0]?.event).toBe('blog');
    const entries = events.flatMap((e) => (e.event === 'entry' ? [e.entry] : []));
    expect(entries.length).toBeGreaterThanOrEqual(6);
    const text = entries.map((e) => `${e.title ?? ''}${e.body}`).join('');
    expect(text).toMatch(/[\u3040-\u30ff]/);
    expect(text).toMatch(/[\uAC00-\uD7A3]/);
    expect(text).toMatch(/烟花/);
    expect(text).toMatch(/\p{Extended_Pictographic}/u);
    expect(entries.some((e) => (e.media?.length ?? 0) > 0)).toBe(true);
    expect(entries.some((e) => (e.links?.length ?? 0) > 0)).toBe(true);
    const ids = new Set(entries.map((e) => e.id));
    expect(ids.size).toBe(entries.length);
    const update = events.find((e) => e.event === 'update');
    const del = events.find((e) => e.event === 'delete');
    expect(update && update.event === 'update' && ids.has(update.entry.id)).toBe(true);
    expect(del && del.event === 'delete' && ids.has(del.id)).toBe(true);
  });
});

describe('tests/fixtures/injection.ndjson', () => {
  const raw = readFileSync(fixture('injection.ndjson'), 'utf8');
  const events = parseFile('injection.ndjson');
  const decoded = events
    .map((e) => eventPayload(e.event))
    .flatMap(function strings(v: unknown): string[] {
      if (typeof v === 'string') return [v];
      if (Array.isArray(v)) return v.flatMap(strings);
      if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
      return [];
    })
    .join('\n');

  it('is valid NDJSON in the livetail schema, the file itself inert (everything escaped)', () => {
    expect(events.length).toBeGreaterThanOrEqual(4);
    expect(events[0]?.event.event).toBe('blog');
    // no raw C0 (except the newline ending each line), DEL, C1 or bidi controls in the file
    expect(raw).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it.each([
    ['ESC[2J', '\u001b[2J'],
    ['ESC[31m', '\u001b[31m'],
    ['OSC 0 title', '\u001b]0;pwned\u0007'],
    ['OSC 52 clipboard', '\u001b]52;c;ZXZpbA==\u0007'],
    ['C1 CSI', '\u009b'],
    ['RLO', '\u202e'],
    ['LRI', '\u2066'],
    ['NUL', '\u0000'],
  ])('carries %s once decoded', (_name, needle) => {
    expect(decoded).toContain(needle);
  });

  it('puts hostile text in titles, bodies, tags, captions, credits and link titles', () => {
    const hostile = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    const entries = events.flatMap((e) => (e.event.event === 'entry' ? [e.event.entry] : []));
    expect(entries.some((e) => hostile.test(e.title ?? ''))).toBe(true);
    expect(entries.some((e) => hostile.test(e.body))).toBe(true);
    expect(entries.some((e) => e.tags.some((t) => hostile.test(t)))).toBe(true);
    expect(entries.some((e) => e.media?.some((m) => hostile.test(m.caption) && hostile.test(m.credit ?? '')))).toBe(true);
    expect(entries.some((e) => e.links?.some((l) => hostile.test(l.title)))).toBe(true);
  });
});
