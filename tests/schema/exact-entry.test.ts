import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isExactEntry } from '../../src/schema/exact-entry.js';
import { entrySchema, parseEventData } from '../../src/schema/feed.js';

const absent = Symbol('absent');
const anyValue = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }));
/** Mostly a valid value, sometimes missing, sometimes anything at all. */
const field = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: fc.constant(absent), weight: 1 }, { arbitrary: anyValue, weight: 1 });
const times = fc.oneof(
  fc.constantFrom('2026-11-25T14:35:00+09:00', '2026-11-25T05:35:00Z', '2026-11-25T05:35:00.123Z', '2028-02-29T00:00:00Z'),
  fc.constantFrom('2026-02-29T00:00:00Z', '2026-11-25T14:35:00', '2026-11-25', 'yesterday', '2026-11-25T24:00:00Z', '2026-11-25T14:35+09:00', ''),
  fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2999-12-31') }).map((date) => date.toISOString()),
);
const strings = fc.array(fc.string(), { maxLength: 3 });
const withoutAbsent = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== absent));
const media = fc
  .record({ caption: field(fc.string()), credit: field(fc.string()), url: field(fc.string()), extra: fc.oneof({ arbitrary: fc.constant(absent), weight: 8 }, { arbitrary: anyValue, weight: 1 }) })
  .map(withoutAbsent);
const links = fc
  .record({ title: field(fc.string()), url: field(fc.string()), summary: field(fc.string()), extra: fc.oneof({ arbitrary: fc.constant(absent), weight: 8 }, { arbitrary: anyValue, weight: 1 }) })
  .map(withoutAbsent);
/** Entries near the schema's edges: every field may be missing, wrong, or joined by an unknown one. */
const candidates = fc
  .record({
    id: field(fc.string()),
    time: field(times),
    title: field(fc.string()),
    body: field(fc.string()),
    tags: field(strings),
    topics: field(strings),
    media: field(fc.array(media, { maxLength: 2 })),
    links: field(fc.array(links, { maxLength: 2 })),
    key: field(fc.boolean()),
    pinned: field(fc.boolean()),
    unknown: fc.oneof({ arbitrary: fc.constant(absent), weight: 8 }, { arbitrary: anyValue, weight: 1 }),
  })
  .map(withoutAbsent);

describe('the exact-entry fast path', () => {
  it('accepts only what zod accepts and returns unchanged', () => {
    fc.assert(
      fc.property(candidates, (candidate) => {
        if (!isExactEntry(candidate)) return;
        const parsed = entrySchema.safeParse(candidate);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toStrictEqual(candidate);
      }),
      { numRuns: 3000 },
    );
  });

  it('takes a complete entry, so the hot path is really used', () => {
    const entry = {
      id: 'e1',
      time: '2026-11-25T14:35:00+09:00',
      title: '見出し',
      body: '本文',
      tags: ['港湾'],
      topics: ['summit'],
      media: [{ caption: '写真', credit: '© 架空フォト' }],
      links: [{ title: '関連', url: 'https://news.example/a', summary: '要点' }],
      key: true,
      pinned: false,
    };
    expect(isExactEntry(entry)).toBe(true);
    expect(isExactEntry({ ...entry, extra: 1 })).toBe(false);
    expect(isExactEntry({ ...entry, media: [{ caption: '写真', by: 'x' }] })).toBe(false);
    const { body: _body, ...withoutBody } = entry;
    expect(isExactEntry(withoutBody)).toBe(false);
  });
});

describe('payload text reused for the pipe', () => {
  const data = '{"id":"e1","time":"2026-11-25T05:35:00Z","body":"本文","tags":[]}';

  it('is the received text when it is exactly the validated entry on one line', () => {
    const parsed = parseEventData('entry', data);
    expect(parsed.ok && parsed.json).toBe(data);
  });

  it.each([
    ['a field zod strips', '{"id":"e1","time":"2026-11-25T05:35:00Z","body":"","tags":[],"x":1}'],
    ['a default zod fills in', '{"id":"e1","time":"2026-11-25T05:35:00Z","body":""}'],
    ['JSON over several lines', '{"id":"e1",\n"time":"2026-11-25T05:35:00Z","body":"","tags":[]}'],
    ['text before the object', ' {"id":"e1","time":"2026-11-25T05:35:00Z","body":"","tags":[]}'],
  ])('is absent for %s, so the event is serialized again', (_name, text) => {
    const parsed = parseEventData('entry', text);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.json).toBeUndefined();
  });
});
