import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toArray } from '../../src/timeline/item-list.js';
import {
  initialViewport,
  moveSelection,
  moveSelectionWrapping,
  newCount,
  revealSelected,
  scrollPage,
  selectedIndex,
  toNewest,
  toOldest,
  viewportReducer,
  visibleLines,
  type ListModel,
  type Viewport,
} from '../../src/tui/viewport.js';
import { makeEntry, makeItem } from '../helpers/entries.js';

/** Newest-first items with seq = arrival; heights from the table. */
function model(heights: readonly number[], rows: number, extraNewer: readonly number[] = []): ListModel {
  const all = [...extraNewer, ...heights];
  const items = all.map((_, index) => {
    const seq = index < extraNewer.length ? 1000 + (extraNewer.length - index) : heights.length - (index - extraNewer.length);
    const timeMs = (all.length - index) * 60_000;
    return makeItem(makeEntry(`${seq}`, 0), { key: `k${seq}`, seq, timeMs });
  });
  return { items, rows, latestSeq: Math.max(...items.map((item) => item.seq), 0), heightOf: (index) => all[index]! };
}

function firstVisible(viewport: Viewport, list: ListModel): string | undefined {
  const first = visibleLines(viewport, list)[0];
  return first ? `${list.items.at(first.index)!.key}+${first.line}` : undefined;
}

describe('viewport', () => {
  it('shows the newest entries first and fills the rows', () => {
    const list = model([3, 3, 3, 3], 7);
    expect(visibleLines(initialViewport, list).map(({ index, line }) => `${index}:${line}`)).toEqual(['0:0', '0:1', '0:2', '1:0', '1:1', '1:2', '2:0']);
  });

  it('moves the selection and scrolls only as much as needed', () => {
    const list = model([3, 3, 3, 3], 7);
    let viewport = moveSelection(initialViewport, 1, list);
    expect(selectedIndex(viewport, list)).toBe(1);
    // Off the newest entry the screen is pinned: nothing has scrolled, but arrivals no longer move it.
    expect(firstVisible(viewport, list)).toBe('k4+0');
    expect(viewport.top).not.toBeNull();
    viewport = moveSelection(viewport, 1, list);
    expect(selectedIndex(viewport, list)).toBe(2);
    // Card 2 spans lines 6..8: the view scrolls two lines so its last line shows.
    expect(firstVisible(viewport, list)).toBe('k4+2');
    viewport = moveSelection(viewport, -2, list);
    expect(firstVisible(viewport, list)).toBe('k4+0');
    expect(viewport.top).toBeNull();
  });

  it('never moves what the reader looks at when entries arrive above', () => {
    const before = model([2, 2, 2, 2, 2], 4);
    const viewport = scrollPage(initialViewport, 1, before);
    const shown = visibleLines(viewport, before).map(({ index, line }) => `${before.items.at(index)!.key}:${line}`);
    const after = model([2, 2, 2, 2, 2], 4, [2, 2, 2]);
    expect(visibleLines(viewport, after).map(({ index, line }) => `${after.items.at(index)!.key}:${line}`)).toEqual(shown);
    expect(newCount(viewport, after)).toBe(3);
    expect(newCount(toNewest(viewport, after), after)).toBe(0);
  });

  it('follows the newest entry while at the top', () => {
    const viewport = initialViewport;
    const after = model([2, 2], 4, [2]);
    expect(firstVisible(viewport, after)).toBe('k1001+0');
    expect(newCount(viewport, after)).toBe(0);
  });

  it('goes to the oldest entry with the screen full, and back', () => {
    const list = model([3, 3, 3, 3], 7);
    const bottom = toOldest(initialViewport, list);
    const lines = visibleLines(bottom, list);
    expect(lines).toHaveLength(7);
    expect(lines.at(-1)).toEqual({ index: 3, line: 2 });
    expect(selectedIndex(bottom, list)).toBe(3);
    expect(toNewest(bottom, list).top).toBeNull();
  });

  it('shows the top of a card taller than the screen', () => {
    const list = model([2, 10, 2], 4);
    const viewport = moveSelection(initialViewport, 1, list);
    expect(firstVisible(viewport, list)).toBe('k2+0');
  });

  it('keeps a deleted anchor nearby instead of jumping', () => {
    const list = model([2, 2, 2, 2], 3);
    const viewport = scrollPage(initialViewport, 1, list);
    const anchor = visibleLines(viewport, list)[0]!.index;
    const without = { ...list, items: toArray(list.items).filter((_, index) => index !== anchor), heightOf: () => 2 };
    expect(visibleLines(viewport, without)).toHaveLength(3);
  });

  it('always fills the screen and keeps the selection on it', () => {
    const command = fc.constantFrom('down', 'up', 'pageDown', 'pageUp', 'newest', 'oldest');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 12 }), fc.array(command, { maxLength: 25 }), (heights, rows, commands) => {
        const list = model(heights, rows);
        let viewport = initialViewport;
        for (const each of commands) {
          viewport =
            each === 'down' ? moveSelection(viewport, 1, list)
            : each === 'up' ? moveSelection(viewport, -1, list)
            : each === 'pageDown' ? scrollPage(viewport, 1, list)
            : each === 'pageUp' ? scrollPage(viewport, -1, list)
            : each === 'newest' ? toNewest(viewport, list)
            : toOldest(viewport, list);
          const lines = visibleLines(viewport, list);
          const total = heights.reduce((sum, height) => sum + height, 0);
          expect(lines).toHaveLength(Math.min(rows, total));
          const selected = selectedIndex(viewport, list);
          expect(lines.some((line) => line.index === selected)).toBe(true);
        }
      }),
    );
  });

  it('keeps the selected entry on screen when the terminal is resized (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 2, max: 14 }),
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 0, max: 29 }),
        (heights, rowsBefore, rowsAfter, moves) => {
          const before = model(heights, rowsBefore);
          const viewport = moveSelection(initialViewport, moves, before);
          const selected = selectedIndex(viewport, before);
          // A narrower terminal also makes every card taller.
          const after = { ...model(heights.map((height) => height + 1), rowsAfter) };
          const revealed = revealSelected(viewport, after);
          expect(selectedIndex(revealed, after)).toBe(selected);
          expect(visibleLines(revealed, after).some((line) => line.index === selected)).toBe(true);
        },
      ),
    );
  });

  it('steps round from the last entry to the first and back (n/N)', () => {
    const list = model([2, 2, 2], 4);
    const last = toOldest(initialViewport, list);
    const first = moveSelectionWrapping(last, 1, list);
    expect(selectedIndex(first, list)).toBe(0);
    expect(first.top).toBeNull();
    expect(selectedIndex(moveSelectionWrapping(first, -1, list), list)).toBe(2);
  });
});

describe('selection off the newest entry', () => {
  type Step = { readonly kind: 'move'; readonly command: 'down' | 'up' | 'pageDown' | 'pageUp' | 'newest' | 'oldest' } | { readonly kind: 'arrive'; readonly height: number };

  /** The screen row where the selected card starts (negative when its top is scrolled off). */
  function selectedRow(viewport: Viewport, list: ListModel): number | undefined {
    const selected = selectedIndex(viewport, list);
    const lines = visibleLines(viewport, list);
    const row = lines.findIndex(({ index }) => index === selected);
    return row < 0 ? undefined : row - lines[row]!.line;
  }

  it('arrivals never move the selected card once the reader moved off the newest (property)', () => {
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.record({ kind: fc.constant('move' as const), command: fc.constantFrom('down', 'up', 'pageDown', 'pageUp', 'newest', 'oldest') }),
      fc.record({ kind: fc.constant('arrive' as const), height: fc.integer({ min: 1, max: 6 }) }),
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 12 }), fc.array(step, { maxLength: 30 }), (heights, rows, steps) => {
        const arrived: number[] = [];
        let list = model(heights, rows);
        let viewport = initialViewport;
        for (const each of steps) {
          if (each.kind === 'move') {
            viewport = viewportReducer(viewport, { command: each.command, model: list });
            continue;
          }
          const selected = list.items.at(selectedIndex(viewport, list))!;
          const offNewest = selectedIndex(viewport, list) > 0;
          const rowBefore = selectedRow(viewport, list);
          arrived.unshift(each.height);
          list = model(heights, rows, arrived);
          if (!offNewest) continue;
          expect(list.items.at(selectedIndex(viewport, list))!.key).toBe(selected.key);
          expect(selectedRow(viewport, list)).toBe(rowBefore);
          expect(newCount(viewport, list)).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('j j then three arrivals: the chosen card stays where it was and 3 new are counted', () => {
    const before = model([2, 2, 2, 2], 8);
    const viewport = moveSelection(moveSelection(initialViewport, 1, before), 1, before);
    expect(selectedRow(viewport, before)).toBe(4);
    const after = model([2, 2, 2, 2], 8, [2, 2, 2]);
    expect(selectedRow(viewport, after)).toBe(4);
    expect(newCount(viewport, after)).toBe(3);
    // The next j goes to the entry below the chosen one, not to one of the new ones.
    expect(selectedKey(after, moveSelection(viewport, 1, after))).toBe('k1');
  });

  it('follows the newest again once the selection is back on it', () => {
    const before = model([2, 2, 2], 6);
    const viewport = moveSelection(moveSelection(initialViewport, 1, before), -1, before);
    expect(viewport.top).toBeNull();
    const after = model([2, 2, 2], 6, [2]);
    expect(firstVisible(viewport, after)).toBe('k1001+0');
  });
});

function selectedKey(items: ListModel, viewport: Viewport): string {
  return items.items.at(selectedIndex(viewport, items))!.key;
}
