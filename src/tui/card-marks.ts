import { gutterWidth, type Row, type Span } from './card-layout.js';

/*
 * Marks drawn in a card's gutter at render time, so the cached layout stays the same whatever
 * the reader selects or follows. Each mark is a character as well as a colour, so it shows with
 * colour turned off:
 *
 *  ▌14:35* Headline          ▌ selected,  * matches a followed topic
 *  ▌ new   body…               new: arrived since the reader last saw this feed (on the line
 *                                   after the date, for a card of another day)
 */

export interface CardMarks {
  readonly selected: boolean;
  readonly followed: boolean;
  readonly unread: boolean;
  /** The line whose gutter is free for the unread mark (see unreadMarkLine). */
  readonly unreadLine: number;
}

export function markRow(row: Row, line: number, marks: CardMarks): Row {
  const unreadHere = marks.unread && line === marks.unreadLine;
  if (!marks.selected && !marks.followed && !unreadHere) return row;
  // The separator row of a one-line card is empty; an unread mark still needs its gutter.
  const [gutter, ...rest] = row.length > 0 ? row : [{ text: ' '.repeat(gutterWidth), style: 'plain' as const }];
  let text = gutter!.text;
  let style: Span['style'] = gutter!.style;
  if (line === 0 && marks.followed) {
    text = `${text.slice(0, 6)}*${text.slice(7)}`;
    style = 'followed';
  }
  if (unreadHere) {
    text = ` new${text.slice(4)}`;
    style = 'marker';
  }
  if (marks.selected) {
    text = `▌${text.slice(1)}`;
    if (style === 'plain') style = 'marker';
  }
  return [{ text, style }, ...rest];
}
