import { sanitizeLine, textWidth, truncate } from '../../text/index.js';
import type { Row } from '../card-layout.js';
import { Rows } from '../components/Rows.js';
import type { PromptState } from './reducer.js';

/** The end of the text when it is wider than the room: the reader is typing there. */
function tail(text: string, width: number): string {
  let shown = text;
  while (shown !== '' && textWidth(shown) > width) shown = [...shown].slice(1).join('');
  return shown;
}

/** The prompt as a status row: label, the text typed so far with a cursor, and what keys do. */
export function promptRow(state: PromptState, hint: string, width: number): Row {
  const right = truncate(`${hint} `, Math.floor(width / 2));
  const room = Math.max(width - textWidth(right) - textWidth(state.label) - 3, 1);
  const typed = `${tail(sanitizeLine(state.text), room)}▏`;
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
