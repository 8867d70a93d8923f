import { fitWidth, sanitizeLine, textWidth, truncate } from '../../text/index.js';
import type { Row, Span } from '../card-layout.js';
import { Rows } from '../components/Rows.js';
import { lineWithCursor } from '../prompt/Prompt.js';
import { matchingOptions, type PickerState } from './reducer.js';

/** The picker as rows: title, the typed text, then the options that match, scrolled to the cursor. */
export function pickerRows(state: PickerState, width: number, height: number): Row[] {
  const how = state.multiple ? 'type to narrow · Space marks · Enter applies · Esc cancels' : 'type to narrow · Enter chooses · Esc cancels';
  const rows: Row[] = [
    [{ text: fitWidth(truncate(` ${state.title} · ${how}`, width), width), style: 'title' }],
    [
      { text: ` ${state.line.label}`, style: 'marker' },
      { text: lineWithCursor(state.line, Math.max(width - 3, 0)), style: 'plain' },
    ],
  ];
  const options = matchingOptions(state);
  if (options.length === 0) rows.push([{ text: truncate('   nothing matches', width), style: 'credit' }]);
  const room = Math.max(height - rows.length, 1);
  const start = Math.max(0, Math.min(state.cursor - room + 1, options.length - room));
  options.slice(start, start + room).forEach((option, offset) => {
    const index = start + offset;
    const box = state.multiple ? (state.marked.includes(option.value) ? '[x] ' : '[ ] ') : '';
    const right = [option.count === undefined ? '' : String(option.count), option.note ?? ''].filter(Boolean).join('  ');
    const rightWidth = textWidth(right);
    const left = truncate(`${index === state.cursor ? '▌' : ' '} ${box}${sanitizeLine(option.value)}`, Math.max(width - rightWidth - 2, 1));
    const spans: Span[] = [
      { text: left, style: index === state.cursor ? 'marker' : 'tag' },
      { text: ' '.repeat(Math.max(width - textWidth(left) - rightWidth - 1, 1)), style: 'plain' },
      { text: right, style: 'meta' },
    ];
    rows.push(spans);
  });
  return rows.slice(0, height);
}

export function Picker({ state, width, height, color }: { readonly state: PickerState; readonly width: number; readonly height: number; readonly color: boolean }) {
  return <Rows color={color} rows={pickerRows(state, width, height)} />;
}
