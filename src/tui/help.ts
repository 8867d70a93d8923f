import { fitWidth, textWidth, truncate } from '../text/index.js';
import type { Row, Span } from './card-layout.js';
import { keymap, type KeyBinding, type KeyContext } from './keymap.js';

/*
 * The help overlay, drawn from the keymap and nothing else: one section per context, flowed into
 * two columns when one does not fit the screen.
 */

const sections: readonly { readonly context: KeyContext; readonly title: string }[] = [
  { context: 'timeline', title: 'Timeline' },
  { context: 'help', title: 'This help' },
  { context: 'history', title: 'History (h)' },
  { context: 'picker', title: 'Lists (t tags, f follow, m mute)' },
  { context: 'prompt', title: 'Prompts (/ search, | pipe)' },
  { context: 'confirm', title: 'Questions (m on a followed tag)' },
];

/** Each binding appears once, in the section of its first context. */
function sectionBindings(context: KeyContext): KeyBinding[] {
  return keymap.filter((binding) => binding.contexts[0] === context);
}

type Cell = { readonly kind: 'title'; readonly text: string } | { readonly kind: 'key'; readonly binding: KeyBinding } | { readonly kind: 'blank' };

function cells(): Cell[] {
  const all: Cell[] = [];
  for (const { context, title } of sections) {
    const bindings = sectionBindings(context);
    if (bindings.length === 0) continue;
    if (all.length > 0) all.push({ kind: 'blank' });
    all.push({ kind: 'title', text: title }, ...bindings.map((binding) => ({ kind: 'key' as const, binding })));
  }
  return all;
}

const labelWidth = Math.max(...keymap.map((binding) => textWidth(binding.label))) + 1;

function drawCell(cell: Cell | undefined, width: number): Span[] {
  if (cell === undefined || cell.kind === 'blank') return [{ text: ' '.repeat(width), style: 'plain' }];
  if (cell.kind === 'title') return [{ text: fitWidth(` ${cell.text}`, width), style: 'title' }];
  const label = fitWidth(` ${cell.binding.label}`, Math.min(labelWidth + 1, width));
  return [
    { text: label, style: 'time' },
    { text: fitWidth(truncate(cell.binding.description, width - textWidth(label)), Math.max(width - textWidth(label), 0)), style: 'plain' },
  ];
}

/** Every help line for this width: one column, or two when one would not fit and there is room. */
function helpLines(width: number, height: number): Row[] {
  const all = cells();
  const columns = all.length > height && width >= 60 ? 2 : 1;
  const perColumn = Math.max(Math.ceil(all.length / columns), 1);
  const columnWidth = Math.floor(width / columns);
  const rows: Row[] = [];
  for (let line = 0; line < perColumn; line += 1) {
    const row: Span[] = [];
    for (let column = 0; column < columns; column += 1) row.push(...drawCell(all[column * perColumn + line], columnWidth));
    rows.push(row);
  }
  return rows;
}

/** When help is taller than the screen, the last row says whether more follows. */
export function helpScroll(width: number, height: number): { readonly page: number; readonly last: number } {
  const total = helpLines(width, height).length;
  const page = Math.max(height - 1, 1);
  return { page, last: total <= height ? 0 : Math.max(total - page, 0) };
}

export function helpRows(width: number, height: number, offset = 0): Row[] {
  const lines = helpLines(width, height);
  if (lines.length <= height) return lines;
  const { page, last } = helpScroll(width, height);
  const start = Math.min(Math.max(offset, 0), last);
  const footer = start < last ? ' more ↓ (j/k, PgDn/PgUp)' : ' end of help (? or Esc closes)';
  return [...lines.slice(start, start + page), [{ text: fitWidth(truncate(footer, width), width), style: 'meta' }]];
}
