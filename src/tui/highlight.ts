import { graphemes } from '../text/index.js';
import { foldForSearch } from '../timeline/search.js';
import type { Row, Span, SpanStyle } from './card-layout.js';

/*
 * Search matches lit inside cards. A match is found the way the search finds it (both sides
 * folded with foldForSearch, so case and full/half width do not matter), over the text as it was
 * before the wrap: each line is joined to the next by what the wrap dropped at the break, so a
 * match that runs across a line break is found and both of its parts are lit. It works on rows
 * already laid out, so the wrapped layout stays exactly as it is.
 */

/** A piece of a line, lit or not. */
export interface Segment {
  readonly text: string;
  readonly highlight: boolean;
}

/** Consecutive lines of one wrapped text; `joins[k]` is what the wrap dropped between lines k and k+1 (see lineJoins). */
export interface WrappedText {
  readonly lines: readonly string[];
  readonly joins: readonly string[];
}

/** Each line cut into segments where matches of `query` start and end; the segments of a line give the line back. */
export function highlightLines({ lines, joins }: WrappedText, query: string): Segment[][] {
  const needle = foldForSearch(query).trim();
  // Graphemes on screen, and for each code unit of the folded text the grapheme it came from
  // (-1 for what a join put there, which is not on screen).
  const drawn: { readonly line: number; readonly text: string }[] = [];
  const owners: number[] = [];
  let folded = '';
  lines.forEach((line, index) => {
    if (index > 0) {
      // A missing join is no join: a newline, which nothing typed at the prompt contains.
      const join = foldForSearch(joins[index - 1] ?? '\n');
      folded += join;
      for (let unit = 0; unit < join.length; unit += 1) owners.push(-1);
    }
    for (const grapheme of graphemes(line)) {
      const fold = foldForSearch(grapheme);
      folded += fold;
      for (let unit = 0; unit < fold.length; unit += 1) owners.push(drawn.length);
      drawn.push({ line: index, text: grapheme });
    }
  });
  const lit = new Uint8Array(drawn.length);
  if (needle !== '') {
    for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) {
      for (let unit = at; unit < at + needle.length; unit += 1) if (owners[unit]! >= 0) lit[owners[unit]!] = 1;
    }
  }
  const segments: Segment[][] = lines.map(() => []);
  drawn.forEach(({ line, text }, index) => {
    const highlight = lit[index] === 1;
    const pieces = segments[line]!;
    const last = pieces.at(-1);
    if (last !== undefined && last.highlight === highlight) pieces[pieces.length - 1] = { text: last.text + text, highlight };
    else pieces.push({ text, highlight });
  });
  return segments;
}

/** Styles of the card text the search reads or a reader would look for a match in. */
const searchedStyles: ReadonlySet<SpanStyle> = new Set(['title', 'body', 'tag', 'caption', 'credit', 'link']);

interface Place {
  readonly row: number;
  readonly span: number;
}

interface CardText {
  readonly style: SpanStyle;
  readonly places: Place[];
  readonly lines: string[];
  readonly joins: string[];
}

/** The texts of a card: a span that continues the same style's span on the row above (it has a `join`) extends it. */
function cardTexts(rows: readonly Row[]): CardText[] {
  const texts: CardText[] = [];
  let previousRow: CardText | undefined;
  rows.forEach((row, rowIndex) => {
    let thisRow: CardText | undefined;
    row.forEach((span, spanIndex) => {
      if (!searchedStyles.has(span.style)) return;
      const place = { row: rowIndex, span: spanIndex };
      if (span.join !== undefined && previousRow?.style === span.style) {
        previousRow.places.push(place);
        previousRow.lines.push(span.text);
        previousRow.joins.push(span.join);
        thisRow = previousRow;
      } else {
        thisRow = { style: span.style, places: [place], lines: [span.text], joins: [] };
        texts.push(thisRow);
      }
    });
    previousRow = thisRow;
  });
  return texts;
}

/** A card's rows with every match of `query` in its text split out as spans marked `highlight`. */
export function highlightRows(rows: readonly Row[], query: string): readonly Row[] {
  const replaced = new Map<string, Span[]>();
  for (const text of cardTexts(rows)) {
    highlightLines(text, query).forEach((segments, index) => {
      if (!segments.some((segment) => segment.highlight)) return;
      const { row, span } = text.places[index]!;
      const original = rows[row]![span]!;
      replaced.set(`${row}:${span}`, segments.map((segment) => (segment.highlight ? { ...original, text: segment.text, highlight: true } : { ...original, text: segment.text })));
    });
  }
  if (replaced.size === 0) return rows;
  return rows.map((row, rowIndex) => row.flatMap((span, spanIndex) => replaced.get(`${rowIndex}:${spanIndex}`) ?? [span]));
}

// The card's rows for the last query, per laid-out card: the frames of one search reuse them.
const highlighted = new WeakMap<readonly Row[], { readonly query: string; readonly rows: readonly Row[] }>();

/** highlightRows, remembered per card layout for the current query; a blank query lights nothing. */
export function searchHighlighted(rows: readonly Row[], query: string): readonly Row[] {
  if (query.trim() === '') return rows;
  const known = highlighted.get(rows);
  if (known?.query === query) return known.rows;
  const result = highlightRows(rows, query);
  highlighted.set(rows, { query, rows: result });
  return result;
}
