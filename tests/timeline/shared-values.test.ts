import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/schema/feed.js';
import { SharedValues } from '../../src/timeline/shared-values.js';
import { makeEntry, signal } from '../helpers/entries.js';

const A = 'http://127.0.0.1:1/a';

const arbitraryEntry: fc.Arbitrary<Entry> = fc
  .record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    tags: fc.array(fc.constantFrom('会見', '港湾', '', 'MD'), { maxLength: 3 }),
    topics: fc.option(fc.array(fc.constantFrom('サミット', '台風'), { maxLength: 2 }), { nil: undefined }),
    media: fc.option(
      fc.array(
        fc.record({ caption: fc.constantFrom('埠頭', '会場', ''), credit: fc.option(fc.constantFrom('© 架空フォト', ''), { nil: undefined }), url: fc.option(fc.constantFrom('https://example.com/a.jpg'), { nil: undefined }) }, { requiredKeys: ['caption'] }),
        { maxLength: 3 },
      ),
      { nil: undefined },
    ),
  })
  .map(({ id, tags, topics, media }) => makeEntry(id, 0, { tags, ...(topics ? { topics } : {}), ...(media ? { media } : {}) }));

describe('shared values', () => {
  it('never changes what an entry says, and equal lists end up as one object (property)', () => {
    fc.assert(
      fc.property(fc.array(arbitraryEntry, { maxLength: 30 }), (entries) => {
        const before = structuredClone(entries);
        const shared = new SharedValues();
        for (const entry of entries) shared.adopt(signal(A, { event: 'entry', entry }));
        expect(entries).toEqual(before);
        expect(entries.map((entry) => JSON.stringify(entry))).toEqual(before.map((entry) => JSON.stringify(entry)));
        for (const a of entries) {
          for (const b of entries) {
            if (JSON.stringify(a.tags) === JSON.stringify(b.tags)) expect(a.tags).toBe(b.tags);
            if (a.media && b.media && JSON.stringify(a.media) === JSON.stringify(b.media)) expect(a.media).toBe(b.media);
          }
        }
      }),
    );
  });

  it('leaves deletes and other signals alone', () => {
    const shared = new SharedValues();
    const deletion = signal(A, { event: 'delete', id: 'x' });
    shared.adopt(deletion);
    expect(deletion).toEqual(signal(A, { event: 'delete', id: 'x' }));
  });
});
