import type { ItemList } from '../timeline/item-list.js';
import type { TimelineItem } from '../timeline/timeline.js';
import type { ScrollCommand } from './controller.js';

/*
 * Where the reader is looking, as pure functions. Positions are kept as (time, seq) of an entry
 * rather than an index, so entries arriving above or being deleted never move what is on screen:
 * the anchor is found again by binary search in the newest-first list. Only the cards next to
 * the anchor are ever measured, which keeps scrolling cheap with 100,000 entries.
 */

export interface Position {
  readonly timeMs: number;
  readonly seq: number;
}

export interface Viewport {
  /**
   * The first line on screen: a line offset inside an entry. `null` follows the newest entry,
   * which happens only while the newest entry is the one selected: once the reader moves off it,
   * the top is pinned and arrivals never move what they see.
   */
  readonly top: (Position & { readonly offset: number }) | null;
  /** The entry under the cursor; `null` means the first entry on screen. */
  readonly selected: (Position & { readonly key: string }) | null;
  /** Entries that arrived after this seq count as new while the reader is scrolled away. */
  readonly seenSeq: number;
}

export interface ListModel {
  /** Visible entries, newest first (sorted by time then seq, descending). */
  readonly items: ItemList;
  /** Lines of the card at `index`, separator included; at least 1. */
  heightOf(index: number): number;
  /** Lines available for the timeline. */
  readonly rows: number;
  /** The highest seq in the timeline (what "seen" means when following). */
  readonly latestSeq: number;
}

export const initialViewport: Viewport = { top: null, selected: null, seenSeq: 0 };

function position(item: TimelineItem): Position {
  return { timeMs: item.timeMs, seq: item.seq };
}

/** Index of the entry at `pos`, or of the next older one if it is gone. */
export function indexOf(items: ItemList, pos: Position): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const item = items.at(middle)!;
    const newer = item.timeMs > pos.timeMs || (item.timeMs === pos.timeMs && item.seq > pos.seq);
    if (newer) low = middle + 1;
    else high = middle;
  }
  return Math.min(low, Math.max(items.length - 1, 0));
}

interface Top {
  readonly index: number;
  readonly offset: number;
}

function resolveTop(viewport: Viewport, model: ListModel): Top {
  if (viewport.top === null || model.items.length === 0) return { index: 0, offset: 0 };
  const index = indexOf(model.items, viewport.top);
  const same = model.items.at(index)!.seq === viewport.top.seq;
  return { index, offset: same ? Math.min(viewport.top.offset, model.heightOf(index) - 1) : 0 };
}

export function selectedIndex(viewport: Viewport, model: ListModel): number {
  if (model.items.length === 0) return -1;
  if (viewport.selected === null) return resolveTop(viewport, model).index;
  return indexOf(model.items, viewport.selected);
}

/** The lowest top that still fills the screen (the end of the list). */
function lastTop(model: ListModel): Top {
  let remaining = model.rows;
  for (let index = model.items.length - 1; index >= 0; index -= 1) {
    const height = model.heightOf(index);
    if (height >= remaining) return { index, offset: height - remaining };
    remaining -= height;
  }
  return { index: 0, offset: 0 };
}

function isBefore(a: Top, b: Top): boolean {
  return a.index < b.index || (a.index === b.index && a.offset < b.offset);
}

function moveTop(top: Top, lines: number, model: ListModel): Top {
  let { index, offset } = top;
  offset += lines;
  while (offset < 0 && index > 0) {
    index -= 1;
    offset += model.heightOf(index);
  }
  if (offset < 0) return { index: 0, offset: 0 };
  while (index < model.items.length - 1 && offset >= model.heightOf(index)) {
    offset -= model.heightOf(index);
    index += 1;
  }
  const limit = lastTop(model);
  return isBefore(limit, { index, offset }) ? (isBefore(limit, top) ? top : limit) : { index, offset };
}

function withTop(viewport: Viewport, top: Top, model: ListModel): Viewport {
  const item = model.items.at(top.index)!;
  const wasFollowing = viewport.top === null;
  return {
    ...viewport,
    top: { ...position(item), offset: top.offset },
    seenSeq: wasFollowing ? model.latestSeq : viewport.seenSeq,
  };
}

/**
 * Follows the newest entry exactly when it is selected at the very top; pins the screen as soon
 * as the selection is anywhere else. Every move ends here, so no state in between survives.
 */
function settle(viewport: Viewport, model: ListModel): Viewport {
  if (model.items.length === 0) return viewport;
  const selected = selectedIndex(viewport, model);
  const top = resolveTop(viewport, model);
  if (selected === 0 && top.index === 0 && top.offset === 0) {
    return { top: null, selected: null, seenSeq: Math.max(viewport.seenSeq, model.latestSeq) };
  }
  return viewport.top === null ? withTop(viewport, top, model) : viewport;
}

function withSelected(viewport: Viewport, index: number, model: ListModel): Viewport {
  const item = model.items.at(index);
  return item ? { ...viewport, selected: { ...position(item), key: item.key } } : viewport;
}

/** Scrolls the least needed so the card at `index` is on screen (its top when it is too tall). */
function reveal(viewport: Viewport, index: number, model: ListModel): Viewport {
  const top = resolveTop(viewport, model);
  if (index < top.index || (index === top.index && top.offset > 0)) {
    return withTop(viewport, { index, offset: 0 }, model);
  }
  let start = -top.offset;
  for (let cursor = top.index; cursor < index; cursor += 1) {
    start += model.heightOf(cursor);
    if (start >= model.rows) break;
  }
  const height = model.heightOf(index);
  if (start >= 0 && start + height <= model.rows) return viewport;
  if (height >= model.rows) return withTop(viewport, { index, offset: 0 }, model);
  return withTop(viewport, moveTop({ index, offset: 0 }, height - model.rows, model), model);
}

/** Selects the card at `index` and scrolls the least needed to show it. */
export function selectAt(viewport: Viewport, index: number, model: ListModel): Viewport {
  if (model.items.length === 0) return viewport;
  const clamped = Math.min(Math.max(index, 0), model.items.length - 1);
  return settle(reveal(withSelected(viewport, clamped, model), clamped, model), model);
}

export function moveSelection(viewport: Viewport, delta: number, model: ListModel): Viewport {
  return selectAt(viewport, selectedIndex(viewport, model) + delta, model);
}

/** Like `moveSelection`, but past either end it comes round to the other (n/N through matches). */
export function moveSelectionWrapping(viewport: Viewport, delta: number, model: ListModel): Viewport {
  const count = model.items.length;
  if (count === 0) return viewport;
  return selectAt(viewport, (((selectedIndex(viewport, model) + delta) % count) + count) % count, model);
}

/** Scrolls the least needed to bring the selected card back on screen (after a resize or an expand). */
export function revealSelected(viewport: Viewport, model: ListModel): Viewport {
  if (model.items.length === 0 || viewport.selected === null) return viewport;
  return settle(reveal(viewport, selectedIndex(viewport, model), model), model);
}

/** Scrolls by whole screens and selects the first card that starts on screen. */
export function scrollPage(viewport: Viewport, pages: number, model: ListModel): Viewport {
  if (model.items.length === 0) return viewport;
  const step = Math.max(model.rows - 1, 1) * pages;
  const top = moveTop(resolveTop(viewport, model), step, model);
  const scrolled = withTop(viewport, top, model);
  const nextStartsOnScreen = top.index < model.items.length - 1 && model.heightOf(top.index) - top.offset < model.rows;
  const firstStarting = top.offset > 0 && nextStartsOnScreen ? top.index + 1 : top.index;
  return settle(withSelected(scrolled, firstStarting, model), model);
}

export function toNewest(viewport: Viewport, model: ListModel): Viewport {
  return { top: null, selected: null, seenSeq: Math.max(viewport.seenSeq, model.latestSeq) };
}

export function toOldest(viewport: Viewport, model: ListModel): Viewport {
  if (model.items.length === 0) return viewport;
  return settle(withSelected(withTop(viewport, lastTop(model), model), model.items.length - 1, model), model);
}

export function newCount(viewport: Viewport, model: ListModel): number {
  if (viewport.top === null) return 0;
  let count = 0;
  model.items.forEach((item) => {
    if (item.seq > viewport.seenSeq) count += 1;
  });
  return count;
}

export interface SliceLine {
  readonly index: number;
  readonly line: number;
}

/** The card lines on screen, top to bottom. */
export function visibleLines(viewport: Viewport, model: ListModel): SliceLine[] {
  const lines: SliceLine[] = [];
  if (model.items.length === 0) return lines;
  let { index, offset } = resolveTop(viewport, model);
  while (lines.length < model.rows && index < model.items.length) {
    const height = model.heightOf(index);
    for (let line = offset; line < height && lines.length < model.rows; line += 1) lines.push({ index, line });
    index += 1;
    offset = 0;
  }
  return lines;
}

/** Selects the next entry older than the selected one for which `wanted` holds, wrapping round to the newest. */
export function selectNextWhere(viewport: Viewport, model: ListModel, wanted: (item: TimelineItem) => boolean): Viewport {
  const count = model.items.length;
  const from = count === 0 || viewport.selected === null ? -1 : selectedIndex(viewport, model);
  for (let step = 1; step <= count; step += 1) {
    const index = (from + step) % count;
    if (wanted(model.items.at(index)!)) return selectAt(viewport, index, model);
  }
  return viewport;
}

/** A scroll command, or the selection put on one entry (the oldest unread one, say). */
export type ViewportAction =
  | { readonly command: ScrollCommand; readonly model: ListModel }
  | { readonly command: 'select'; readonly index: number; readonly model: ListModel };

/** One scroll command applied to the viewport, for `useReducer`. */
export function viewportReducer(viewport: Viewport, action: ViewportAction): Viewport {
  const { model } = action;
  if (action.command === 'select') return selectAt(viewport, action.index, model);
  switch (action.command) {
    case 'down':
      return moveSelection(viewport, 1, model);
    case 'up':
      return moveSelection(viewport, -1, model);
    case 'pageDown':
      return scrollPage(viewport, 1, model);
    case 'pageUp':
      return scrollPage(viewport, -1, model);
    case 'newest':
      return toNewest(viewport, model);
    case 'oldest':
      return toOldest(viewport, model);
    case 'nextMatch':
      return moveSelectionWrapping(viewport, 1, model);
    case 'previousMatch':
      return moveSelectionWrapping(viewport, -1, model);
    case 'nextPinned':
      return selectNextWhere(viewport, model, (item) => item.entry.pinned === true);
    case 'reveal':
      return revealSelected(viewport, model);
  }
}
