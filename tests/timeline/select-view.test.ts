import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findLabel, followCandidates, followedTopicOf, isMuted, labelKey, toggled, withAdded } from '../../src/timeline/follow.js';
import { foldForSearch, matchesQuery } from '../../src/timeline/search.js';
import { toArray, type ItemList } from '../../src/timeline/item-list.js';
import { countMutedOnlyBy, isFiltering, matchesFilter, selectView, tagCounts } from '../../src/timeline/select.js';
import { applySignals, emptyTimeline } from '../../src/timeline/timeline.js';
import { advanceMarks, countUnread, isUnread, type ReadMarks } from '../../src/timeline/unread.js';
import { makeEntry, signal } from '../helpers/entries.js';

const A = 'http://127.0.0.1:1/a';

function timelineOf(...entries: ReturnType<typeof makeEntry>[]) {
  return applySignals(
    emptyTimeline(),
    entries.map((entry) => signal(A, { event: 'entry', entry })),
  );
}

describe('search', () => {
  const entry = makeEntry('a', 0, {
    title: '首脳会談、MDの配備で合意',
    body: 'Ｕｎｉｔｅｄ港湾会議は２＋２の枠組みを確認した。',
    tags: ['会見'],
    media: [{ caption: 'ｶﾒﾗに手を振る市長', credit: '© 架空フォト' }],
  });

  it.each([
    ['ＭＤ', true],
    ['md', true],
    ['united', true],
    ['2+2', true],
    ['カメラ', true],
    ['会見', true],
    ['架空フォト', false],
    ['配備で合意しない', false],
  ])('finds %s: %s', (query, found) => {
    expect(matchesQuery(entry, query)).toBe(found);
  });

  it('an empty or blank query matches everything', () => {
    expect(matchesQuery(entry, '')).toBe(true);
    expect(matchesQuery(entry, '  ')).toBe(true);
  });

  it('folding is idempotent and makes full-width ASCII half-width (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(foldForSearch(foldForSearch(text))).toBe(foldForSearch(text));
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{1,12}$/), (ascii) => {
        const fullWidth = [...ascii].map((char) => String.fromCodePoint(char.codePointAt(0)! + 0xfee0)).join('');
        expect(matchesQuery(makeEntry('x', 0, { body: `前置き${ascii.toLowerCase()}後書き` }), fullWidth)).toBe(true);
      }),
    );
  });
});

describe('tag filter', () => {
  it('ignores case and full/half width, as the picker does (--tag Flood, --tag ＭＤ)', () => {
    const flood = makeEntry('a', 0, { tags: ['flood'] });
    const md = makeEntry('b', 0, { tags: ['MD'] });
    expect(matchesFilter(flood, { tags: ['Flood'] })).toBe(true);
    expect(matchesFilter(md, { tags: ['ＭＤ'] })).toBe(true);
    expect(matchesFilter(md, { tags: ['AMD'] })).toBe(false);
  });
});

describe('followed topics', () => {
  it('match a tag, a topic, or a word in the headline or body', () => {
    expect(followedTopicOf(makeEntry('a', 0, { tags: ['港湾'] }), ['港湾'])).toBe('港湾');
    expect(followedTopicOf(makeEntry('a', 0, { topics: ['ほしぞら港湾サミット'] }), ['ほしぞら港湾サミット'])).toBe('ほしぞら港湾サミット');
    expect(followedTopicOf(makeEntry('a', 0, { title: '台風10号が接近' }), ['台風'])).toBe('台風');
    expect(followedTopicOf(makeEntry('a', 0, { body: 'The MD plan was agreed.' }), ['md'])).toBe('md');
    expect(followedTopicOf(makeEntry('a', 0, { tags: ['ＭＤ'] }), ['MD'])).toBe('MD');
  });

  it('match Latin words whole only', () => {
    expect(followedTopicOf(makeEntry('a', 0, { body: 'AMD shares rose.' }), ['MD'])).toBeUndefined();
    expect(followedTopicOf(makeEntry('a', 0, { body: '株価はAMDが上昇、MDは横ばい' }), ['MD'])).toBe('MD');
  });

  it('match nothing without topics', () => {
    expect(followedTopicOf(makeEntry('a', 0, { tags: ['港湾'] }), [])).toBeUndefined();
    expect(followedTopicOf(makeEntry('a', 0, { tags: ['港湾'] }), [' '])).toBeUndefined();
  });

  it('offers tags then topics as candidates, each once', () => {
    expect(followCandidates(makeEntry('a', 0, { tags: ['会見', '港湾'], topics: ['港湾', 'サミット'] }))).toEqual(['会見', '港湾', 'サミット']);
  });

  it('toggling twice gives back the list (as labels); adding is idempotent and adds no twin (property)', () => {
    const labels = fc.oneof(fc.string(), fc.constantFrom('MD', 'ＭＤ', 'md', 'Flood', 'flood', 'ｶﾒﾗ', 'カメラ'));
    fc.assert(
      fc.property(fc.uniqueArray(labels, { selector: labelKey }), labels, (list, value) => {
        expect(toggled(toggled(list, value), value).map(labelKey).sort()).toEqual(list.map(labelKey).sort());
        const added = withAdded(list, [value]);
        expect(withAdded(added, [value])).toEqual(added);
        expect(new Set(added.map(labelKey)).size).toBe(added.length);
      }),
    );
  });

  it('one tag in any width or case: unfollow, mute and lookup fold it (ＭＤ is MD)', () => {
    expect(toggled(['港湾', 'MD'], 'ｍｄ')).toEqual(['港湾']);
    expect(withAdded(['MD'], ['ＭＤ', 'flood', 'Flood'])).toEqual(['MD', 'flood']);
    expect(findLabel(['MD', 'カメラ'], 'ｶﾒﾗ')).toBe('カメラ');
    expect(isMuted(makeEntry('a', 0, { tags: ['Flood'] }), ['flood'])).toBe(true);
    expect(isMuted(makeEntry('a', 0, { tags: ['AMD'] }), ['MD'])).toBe(false);
    expect(followCandidates(makeEntry('a', 0, { tags: ['MD'], topics: ['ＭＤ'] }))).toEqual(['MD']);
  });
});

describe('selectView', () => {
  const timeline = timelineOf(
    makeEntry('a', 0, { tags: ['会見', '港湾'] }),
    makeEntry('b', 5, { tags: ['天気'], title: 'MDの説明' }),
    makeEntry('c', 10, { tags: ['会見'] }),
    makeEntry('d', 15, { tags: ['広告'] }),
  );
  const ids = (items: ItemList) => toArray(items).map((item) => item.entry.id);

  it('counts what muting or unmuting a tag changes: its entries no other muted tag hides', () => {
    expect(countMutedOnlyBy(timeline, '会見', [])).toBe(2);
    expect(countMutedOnlyBy(timeline, '会見', ['港湾'])).toBe(1);
    expect(countMutedOnlyBy(timeline, '会見', ['会見', '港湾'])).toBe(1);
    expect(countMutedOnlyBy(timeline, 'ＭＤ', [])).toBe(0);
  });

  it('hides muted entries and counts them apart from the filter', () => {
    const view = selectView(timeline, { tags: ['会見'] }, ['広告']);
    expect(ids(view.items)).toEqual(['c', 'a']);
    expect(view).toMatchObject({ hidden: 1, muted: 1 });
  });

  it('combines tags (any of), search and followed-only', () => {
    expect(ids(selectView(timeline, { tags: ['天気', '港湾'] }, []).items)).toEqual(['b', 'a']);
    expect(ids(selectView(timeline, { tags: [], query: 'ｍｄ' }, []).items)).toEqual(['b']);
    expect(ids(selectView(timeline, { tags: [], followed: ['港湾', '天気'] }, []).items)).toEqual(['b', 'a']);
    expect(ids(selectView(timeline, { tags: [], followed: [] }, []).items)).toEqual([]);
  });

  it('visible + hidden + muted is every entry (property)', () => {
    const tags = ['会見', '港湾', '天気', '広告'];
    fc.assert(
      fc.property(fc.subarray(tags), fc.subarray(tags), fc.constantFrom('', 'MD', '本文'), (filterTags, muted, query) => {
        const view = selectView(timeline, { tags: filterTags, query }, muted);
        expect(view.items.length + view.hidden + view.muted).toBe(timeline.size);
        for (const item of toArray(view.items)) expect(item.entry.tags.some((tag) => muted.includes(tag))).toBe(false);
      }),
    );
  });

  it('knows when a filter is in force', () => {
    expect(isFiltering({ tags: [] })).toBe(false);
    expect(isFiltering({ tags: [], query: ' ' })).toBe(false);
    expect(isFiltering({ tags: [], query: 'x' })).toBe(true);
    expect(isFiltering({ tags: [], followed: [] })).toBe(true);
  });
});

describe('tagCounts', () => {
  it('lists every tag with its count, most used first, ties by name', () => {
    const timeline = timelineOf(
      makeEntry('a', 0, { tags: ['会見', '港湾'] }),
      makeEntry('b', 5, { tags: ['天気', '会見', '会見'] }),
      makeEntry('c', 10, { tags: ['港湾', '会見'] }),
    );
    expect(tagCounts(timeline)).toEqual([
      { tag: '会見', count: 3 },
      { tag: '港湾', count: 2 },
      { tag: '天気', count: 1 },
    ]);
  });
});

describe('unread marks', () => {
  const list = selectView(timelineOf(makeEntry('a', 0), makeEntry('b', 5), makeEntry('c', 10)), { tags: [] }, []).items;
  const items = toArray(list);

  it('entries newer than the feed mark are unread; unmarked feeds have none', () => {
    const marks: ReadMarks = new Map([[A, { timeMs: items[2]!.timeMs, id: 'a' }]]);
    expect(items.map((item) => isUnread(item, marks))).toEqual([true, true, false]);
    expect(countUnread(list, marks)).toBe(2);
    expect(countUnread(list, new Map())).toBe(0);
  });

  it('advancing only moves marks forward and keeps the map when nothing moved', () => {
    const marks = advanceMarks(new Map(), [items[1]!]);
    expect(marks.get(A)).toEqual({ timeMs: items[1]!.timeMs, id: 'b' });
    expect(advanceMarks(marks, [items[2]!])).toBe(marks);
    expect(advanceMarks(marks, items).get(A)!.id).toBe('c');
  });
});
