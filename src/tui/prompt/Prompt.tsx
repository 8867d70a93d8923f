import { sanitizeLine, textWidth, truncate } from '../../text/index.js';
import type { Row } from '../card-layout.js';
import { Rows } from '../components/Rows.js';
import { splitAtCursor, type PromptState } from './reducer.js';

const cursorMark = '▏';

/** The end of the text when it is wider than the room: the reader is typing there. */
function tail(text: string, width: number): string {
  let shown = text;
  while (shown !== '' && textWidth(shown) > width) shown = [...shown].slice(1).join('');
  return shown;
}

/**
 * The typed line in `width` columns with the cursor drawn where it is: as much as fits before
 * it, then what follows it (`…` when cut), so the place being edited is always on screen.
 */
export function lineWithCursor(state: PromptState, width: number): string {
  const { before, after } = splitAtCursor(state);
  const shownBefore = tail(sanitizeLine(before), Math.max(width - 1, 0));
  return `${shownBefore}${cursorMark}${truncate(after, width - 1 - textWidth(shownBefore))}`;
}

/** The prompt as a status row: label, the text typed so far with a cursor, and what keys do. */
export function promptRow(state: PromptState, hint: string, width: number): Row {
  const right = truncate(`${hint} `, Math.floor(width / 2));
  const room = Math.max(width - textWidth(right) - textWidth(state.label) - 2, 1);
  const typed = lineWithCursor(state, room);
  const used = 1 + textWidth(state.label) + textWidth(typed);
  return [
    { text: ` ${state.label}`, style: 'marker' },
    { text: typed, style: 'plain' },
    { text: ' '.repeat(Math.max(width - used - textWidth(right), 1)), style: 'plain' },
    { text: right, style: 'meta' },
  ];
}

export function Prompt({ state, hint, width, color }: { readonly state: PromptState; readonly hint: string; readonly width: number; readonly color: boolean }) {
  return <Rows color={color} rows={[promptRow(state, hint, width)]} />;
}
