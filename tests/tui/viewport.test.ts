import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toArray } from '../../src/timeline/item-list.js';
import type { TimelineItem } from '../../src/timeline/timeline.js';
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
  visibleLines,
  type ListModel,
  type Viewport,
} from '../../src/tui/viewport.js';

/** Newest-first items with seq = arrival; heights from the table. */
function model(heights: readonly number[], rows: number, extraNewer: readonly number[] = []): ListModel {
  const all = [...extraNewer, ...heights];
  const items: TimelineItem[] = all.map((_, index) => {
    const seq = index < extraNewer.length ? 1000 + (extraNewer.length - index) : heights.length - (index - extraNewer.length);
    const timeMs = (all.length - index) * 60_000;
    return { key: `k${seq}`, feed: 'f', entry: { id: `${seq}`, time: '', body: '', tags: [] }, revision: 0, seq, timeMs };
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
    expect(viewport.top).toBeNull();
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

describe('selection while following', () => {
  it('moves from what is on screen when arrivals pushed the selected card away', () => {
    const before = model([2, 2, 2], 4);
    const viewport = moveSelection(initialViewport, 1, before);
    expect(selectedIndex(viewport, before)).toBe(1);
    // Ten entries arrive above: still following, the selected card is now far below the screen.
    const after = model([2, 2, 2], 4, Array.from({ length: 10 }, () => 2));
    expect(visibleLines(viewport, after).some(({ index }) => index === selectedIndex(viewport, after))).toBe(false);
    const moved = moveSelection(viewport, 1, after);
    expect(selectedIndex(moved, after)).toBe(1);
    expect(moved.top).toBeNull();
  });
});
