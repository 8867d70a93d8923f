import { clockParts, dayLabel, dayText, stamp, type ShownClock } from '../format/clock.js';
import { fitWidth, lineJoins, prepareText, sanitizeLine, textWidth, truncate, widthModeKey, wrapPrepared, type PreparedText } from '../text/index.js';
import { isRetracted, type TimelineItem } from '../timeline/timeline.js';
import { linkTarget } from './terminal/hyperlinks.js';

/*
 * An entry card as screen lines. Every line is cut to the width here, so components only paint
 * spans and Ink never wraps (or measures long strings of) feed text.
 *
 *  16:05  Headline                                         edited
 *  11/30  body, wrapped with the CJK rules of src/text      (the day, when not today;
 *  2025   …                                                  the year, when not this one)
 *         #tag  #tag
 *         📷 caption
 *            © credit
 *         ▸ linked story
 *
 * Collapsed (the default), a card shows the headline, the first lines of the body ending in
 * `…` when cut, the tags, the first photo with its credit (and how many more there are) and the
 * titles of linked stories. Expanded (Enter), it shows the whole body, every photo with credit
 * and URL, and each linked story's summary and URL.
 */

export type SpanStyle = 'time' | 'title' | 'body' | 'tag' | 'caption' | 'credit' | 'link' | 'meta' | 'marker' | 'followed' | 'retracted' | 'removed' | 'added' | 'plain';

export interface Span {
  readonly text: string;
  readonly style: SpanStyle;
  /** An http(s) URL the text links to (OSC 8 where the terminal supports it). */
  readonly link?: string | undefined;
  /**
   * On a line that continues the wrapped text of the row above: what the wrap dropped at the
   * break ('' between CJK characters, a space between words, newlines between paragraphs), so a
   * search match across the break is found (src/tui/highlight.ts).
   */
  readonly join?: string | undefined;
  /** Part of a search match: drawn inverse. */
  readonly highlight?: boolean | undefined;
}

export type Row = readonly Span[];

export const gutterWidth = 8;
const minimumContentWidth = 8;
/** Body lines of a collapsed card. */
export const collapsedBodyLines = 3;

export interface CardContext {
  readonly width: number;
  readonly clock: ShownClock;
  /** Shown on the headline row when several feeds share the timeline. */
  readonly feedLabel: string | undefined;
  readonly expanded: boolean;
}

interface PreparedCard {
  readonly title: PreparedText | undefined;
  readonly body: PreparedText | undefined;
  readonly author: string | undefined;
  readonly captions: readonly { readonly caption: PreparedText; readonly credit: string | undefined; readonly url: string | undefined }[];
  readonly links: readonly { readonly title: string; readonly summary: PreparedText | undefined; readonly url: string }[];
}

function prepareCard(item: TimelineItem): PreparedCard {
  const { entry } = item;
  return {
    title: entry.title ? prepareText(entry.title) : undefined,
    body: entry.body.trim() ? prepareText(entry.body.trim()) : undefined,
    author: entry.author?.trim() ? sanitizeLine(entry.author.trim()) : undefined,
    captions: (entry.media ?? []).map((media) => ({
      caption: prepareText(`📷 ${media.caption}`),
      credit: media.credit ? sanitizeLine(media.credit) : undefined,
      url: media.url ? sanitizeLine(media.url) : undefined,
    })),
    links: (entry.links ?? []).map((link) => ({
      title: sanitizeLine(link.title),
      summary: link.summary?.trim() ? prepareText(link.summary.trim()) : undefined,
      url: sanitizeLine(link.url),
    })),
  };
}

/** The first lines of a wrapped text; the last one kept ends in `…` when some were cut. */
function firstLines(lines: readonly string[], count: number, width: number): string[] {
  if (lines.length <= count) return [...lines];
  const kept = lines.slice(0, count);
  kept[count - 1] = truncate(`${kept[count - 1]!}…`, width);
  return kept;
}

function contentRows(card: PreparedCard, item: TimelineItem, width: number, expanded: boolean): Row[] {
  const rows: Row[] = [];
  /** One row per line of a wrapped text, each after the first carrying what the wrap dropped before it. */
  const pushWrapped = (text: PreparedText, lineWidth: number, style: SpanStyle, { indent = '', link, keep }: { indent?: string; link?: string | undefined; keep?: number } = {}): void => {
    const lines = wrapPrepared(text, lineWidth);
    const joins = lineJoins(text.text, lines);
    const kept = keep === undefined ? lines : firstLines(lines, keep, lineWidth);
    kept.forEach((line, index) => {
      const span: Span = { text: line, style, link, ...(index > 0 ? { join: joins[index - 1] } : {}) };
      rows.push(indent === '' ? [span] : [{ text: indent, style: 'plain' }, span]);
    });
  };
  if (card.title) pushWrapped(card.title, width, 'title', { link: linkTarget(item.entry.url) });
  if (card.body) pushWrapped(card.body, width, 'body', expanded ? {} : { keep: collapsedBodyLines });
  // Who wrote it, where the source says: a live blog has several reporters.
  if (card.author) rows.push([{ text: truncate(`— ${card.author}`, width), style: 'meta' }]);
  const tags = item.entry.tags.map((tag) => `#${sanitizeLine(tag)}`);
  if (tags.length > 0) {
    let line: Span[] = [];
    let used = 0;
    for (const tag of tags) {
      const tagText = truncate(tag, width);
      const tagWidth = textWidth(tagText);
      if (used > 0 && used + 2 + tagWidth > width) {
        rows.push(line);
        line = [];
        used = 0;
      }
      if (used > 0) line.push({ text: '  ', style: 'plain' });
      line.push({ text: tagText, style: 'tag' });
      used += (used > 0 ? 2 : 0) + tagWidth;
    }
    rows.push(line);
  }
  const captions = expanded ? card.captions : card.captions.slice(0, 1);
  for (const { caption, credit, url } of captions) {
    pushWrapped(caption, width, 'caption');
    if (credit) rows.push([{ text: truncate(`   ${credit}`, width), style: 'credit' }]);
    if (expanded && url) rows.push([{ text: truncate(`   ${url}`, width), style: 'credit', link: linkTarget(url) }]);
  }
  const morePhotos = card.captions.length - captions.length;
  if (morePhotos > 0) rows.push([{ text: truncate(`📷 +${morePhotos} more (Enter)`, width), style: 'credit' }]);
  for (const link of card.links) {
    rows.push([{ text: truncate(`▸ ${link.title}`, width), style: 'link', link: linkTarget(link.url) }]);
    if (!expanded) continue;
    if (link.summary) pushWrapped(link.summary, Math.max(width - 2, 1), 'body', { indent: '  ' });
    rows.push([{ text: truncate(`  ${link.url}`, width), style: 'credit', link: linkTarget(link.url) }]);
  }
  return rows;
}

/** `edited 2× · 16:12`: how often the entry was corrected, and when last (the source's time when it says). */
export function editedNote(item: TimelineItem, clock: ShownClock): string {
  if (item.revision === 0) return '';
  const latest = item.history?.revisions.at(-1);
  const whenMs = item.entry.modified !== undefined ? Date.parse(item.entry.modified) : latest?.arrivedMs;
  return whenMs === undefined ? `edited ${item.revision}×` : `edited ${item.revision}× · ${stamp(whenMs, clock)}`;
}

/** Gutter marks that need no colour: `!` a key event, `^` pinned (both: `!` on the first row, `^` on the second). */
function gutterMark(item: TimelineItem, row: number): string {
  const { key, pinned } = item.entry;
  if (row === 0) return key ? '!' : pinned ? '^' : ' ';
  return row === 1 && key && pinned ? '^' : ' ';
}

/**
 * What the gutter shows down a card: the time, then the day when it is not today, then the year
 * when it is not this one. The line after them is left free for the unread mark.
 */
function gutterLabels(timeMs: number, clock: ShownClock): string[] {
  const day = dayLabel(timeMs, clock);
  return [clockParts(timeMs, clock.timeZone).time, ...(day ? [day.day] : []), ...(day?.year ? [day.year] : [])];
}

/** The card line whose gutter carries the unread mark: the first after the time and date. */
export function unreadMarkLine(item: TimelineItem, clock: ShownClock): number {
  return isRetracted(item) ? 1 : gutterLabels(item.timeMs, clock).length;
}

/** A retracted entry: one dim line where it stood, `16:05 retracted 16:20 · headline` (`11/30 · retracted…` another day). */
function retractedRow(item: TimelineItem, context: CardContext): Row {
  const time = clockParts(item.timeMs, context.clock.timeZone).time;
  const day = dayLabel(item.timeMs, context.clock);
  const when = stamp(item.history!.retractedMs!, context.clock);
  const said = sanitizeLine(item.entry.title?.trim() || item.entry.body.trim());
  const contentWidth = Math.max(context.width - gutterWidth, minimumContentWidth);
  const dated = day ? `${dayText(day)} · ` : '';
  return [
    { text: ` ${time}  `, style: 'retracted' },
    { text: truncate(`${dated}retracted ${when}${said === '' ? '' : ` · ${said}`}`, contentWidth), style: 'retracted' },
  ];
}

function layoutCard(card: PreparedCard, item: TimelineItem, context: CardContext): Row[] {
  if (isRetracted(item)) return [retractedRow(item, context)].map((row) => (context.width < gutterWidth + minimumContentWidth ? clip(row, context.width) : row));
  const contentWidth = Math.max(context.width - gutterWidth, minimumContentWidth);
  const content = contentRows(card, item, contentWidth, context.expanded);
  const labels = gutterLabels(item.timeMs, context.clock);
  // A one-line card of another day grows a line for its date, so the separator stays free for the unread mark.
  while (content.length < labels.length) content.push([{ text: '', style: 'plain' }]);
  const notes = [editedNote(item, context.clock), context.feedLabel ?? ''].filter(Boolean).join(' · ');
  const rows: Row[] = content.map((spans, index) => {
    const label = labels[index];
    const gutter: Span = { text: ` ${(label ?? '').padEnd(5)} ${gutterMark(item, index)}`, style: index === 0 ? 'time' : label ? 'meta' : 'plain' };
    if (index !== 0 || notes === '') return [gutter, ...spans];
    const used = spans.reduce((sum, span) => sum + textWidth(span.text), 0);
    const room = contentWidth - used - 2;
    if (room < 4) return [gutter, ...spans];
    const note = truncate(notes, room);
    return [gutter, ...spans, { text: ' '.repeat(contentWidth - used - textWidth(note)), style: 'plain' }, { text: note, style: 'meta' }];
  });
  rows.push([]);
  return context.width < gutterWidth + minimumContentWidth ? rows.map((row) => clip(row, context.width)) : rows;
}

/** For terminals narrower than the gutter plus a minimal column: cut rows at the edge. */
function clip(row: Row, width: number): Row {
  const text = row.map((span) => span.text).join('');
  return text === '' ? row : [{ text: fitWidth(truncate(text, width), width).trimEnd(), style: 'plain' }];
}

/**
 * Card layouts, computed once per entry revision and width. Bounded: only cards the reader
 * scrolls past are ever laid out, and the least recently used are forgotten first.
 */
export class CardCache {
  private readonly prepared = new Map<string, PreparedCard>();
  private readonly laidOut = new Map<string, Row[]>();

  constructor(private readonly capacity = 2000) {}

  rows(item: TimelineItem, context: CardContext): Row[] {
    const revisionKey = `${item.key}\u0000${item.revision}${isRetracted(item) ? 'r' : ''}`;
    const layoutKey = `${revisionKey}\u0000${context.width}\u0000${widthModeKey()}\u0000${context.clock.timeZone ?? ''}\u0000${context.clock.today}\u0000${context.feedLabel ?? ''}\u0000${context.expanded}`;
    const cached = this.laidOut.get(layoutKey);
    if (cached) {
      this.touch(this.laidOut, layoutKey, cached);
      return cached;
    }
    let card = this.prepared.get(revisionKey);
    if (card) this.touch(this.prepared, revisionKey, card);
    else {
      card = prepareCard(item);
      this.remember(this.prepared, revisionKey, card);
    }
    const rows = layoutCard(card, item, context);
    this.remember(this.laidOut, layoutKey, rows);
    return rows;
  }

  private touch<T>(map: Map<string, T>, key: string, value: T): void {
    map.delete(key);
    map.set(key, value);
  }

  private remember<T>(map: Map<string, T>, key: string, value: T): void {
    map.set(key, value);
    if (map.size > this.capacity) map.delete(map.keys().next().value!);
  }
}
