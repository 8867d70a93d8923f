import type { ConnectionState } from '../schema/signal.js';
import { sanitizeLine, textWidth, truncate } from '../text/index.js';
import { stamp, type ShownClock } from '../format/clock.js';
import type { FeedInfo, Gap } from '../timeline/timeline.js';
import type { TimelineSummary } from '../timeline/select.js';
import type { Row, Span } from './card-layout.js';
import { bindingsFor, type KeyContext } from './keymap.js';

/*
 * Header and status line as rows of spans, cut to the width: pure, so they are tested without
 * rendering and the components only paint them.
 */

export function rule(width: number): Row {
  return [{ text: '─'.repeat(Math.max(width, 0)), style: 'plain' }];
}

function describeConnection(state: ConnectionState): string {
  switch (state.status) {
    case 'connecting':
      return state.attempt === 0 ? 'connecting…' : `connecting (attempt ${state.attempt})…`;
    case 'connected':
      return 'connected';
    case 'reconnecting':
      // Why, not only when: `connection refused` and `HTTP 503` call for different things.
      return `reconnecting in ${Math.ceil(state.delayMs / 1000)}s (attempt ${state.attempt}): ${sanitizeLine(state.reason)}`;
    case 'stopped':
      return `stopped: ${sanitizeLine(state.reason)}`;
    case 'ended':
      return 'input ended';
  }
}

/** What a feed is called on screen: the blog's title once known, its address until then. */
export function feedName(info: FeedInfo): string {
  return info.blog ? sanitizeLine(info.blog.title) : feedLabel(info.feed);
}

type FeedBadge = 'LIVE' | 'ENDED' | 'STOPPED';

/** A feed that stopped for good is not live, whatever its blog last said. */
function feedBadge(info: FeedInfo): FeedBadge {
  if (info.connection.status === 'stopped') return 'STOPPED';
  return info.blog?.status === 'ended' ? 'ENDED' : 'LIVE';
}

const badgeSpans: Record<FeedBadge, Span> = {
  LIVE: { text: ' ● LIVE ', style: 'time' },
  ENDED: { text: ' ■ ENDED ', style: 'meta' },
  STOPPED: { text: ' ✖ STOPPED ', style: 'marker' },
};

/** A short name for a feed URL: host and path, without the scheme. */
export function feedLabel(feed: string): string {
  return sanitizeLine(feed.replace(/^https?:\/\//, '').replace(/\/$/, ''));
}

/** Lays out `left` and `right` on one line; the left part gives way first. */
function spread(left: readonly Span[], right: readonly Span[], width: number): Row {
  const rightText = right.map((span) => span.text).join('');
  const rightWidth = Math.min(textWidth(rightText), width);
  const leftRoom = Math.max(width - rightWidth - (rightWidth > 0 ? 1 : 0), 0);
  const row: Span[] = [];
  let used = 0;
  for (const span of left) {
    const text = truncate(span.text, leftRoom - used);
    if (text === '') break;
    row.push({ ...span, text });
    used += textWidth(text);
  }
  if (rightWidth === 0) return [...row, { text: ' '.repeat(width - used), style: 'plain' }];
  row.push({ text: ' '.repeat(width - used - rightWidth), style: 'plain' });
  return [...row, ...right.map((span) => ({ ...span, text: truncate(span.text, rightWidth) }))];
}

export interface HeaderModel {
  readonly summary: TimelineSummary;
  readonly feeds: readonly FeedInfo[];
  readonly filterTags: readonly string[];
  /** What else narrows the view, with the counts the view hides (see selectView). */
  readonly view?: { readonly query: string; readonly followedOnly: boolean; readonly keyOnly?: boolean; readonly hideRetracted?: boolean; readonly hidden: number; readonly muted: number };
  /** The zone times are shown in, as zoneLabel names it (`Tokyo UTC+9`). */
  readonly zone?: string;
}

/**
 * What the header says after the state and the title. When the line runs short, counts go
 * first, then the title is cut to its start, then the zone goes, then connection and filters are
 * cut (and left out when too short to read), and last the title's start; the state (LIVE, ENDED,
 * STOPPED) always stays.
 */
interface HeaderPart {
  readonly text: string;
  readonly kind: 'count' | 'info' | 'zone';
}

/** Columns of the title kept (with the space before it) before the zone gives way. */
const titleStartWidth = 11;
/** Connection or filter text is cut no shorter than this (`reconnecting…`); below it, the title has the room. */
const shortestInfo = 12;

function joinParts(parts: readonly HeaderPart[]): string {
  return parts.map((part) => part.text).join(' · ');
}

/** `badges` and a title on the left, `parts` on the right, giving way in the order HeaderPart says. */
function fitHeader(badges: readonly Span[], title: string, parts: readonly HeaderPart[], width: number): Row {
  const fullBadgeWidth = textWidth(badges.map((span) => span.text).join(''));
  // On the narrowest screens the state keeps its word and drops its padding.
  const left = fullBadgeWidth < width ? badges : badges.map((span) => ({ ...span, text: span.text.trim() }));
  const badgeWidth = textWidth(left.map((span) => span.text).join(''));
  const titleSpan: Span = { text: ` ${title}`, style: 'title' };
  const titleWidth = textWidth(titleSpan.text);
  const titleStart = Math.min(titleWidth, titleStartWidth);
  const lay = (rightText: string): Row => spread([...left, titleSpan], rightText === '' ? [] : [{ text: `${rightText} `, style: 'plain' }], width);
  const titleRoom = (rightText: string): number => width - badgeWidth - (rightText === '' ? 0 : textWidth(rightText) + 2);
  const withoutCounts = parts.filter((part) => part.kind !== 'count');
  const info = parts.filter((part) => part.kind === 'info');
  for (const [kept, wanted] of [[parts, titleWidth], [withoutCounts, titleWidth], [withoutCounts, titleStart], [info, titleStart]] as const) {
    if (titleRoom(joinParts(kept)) >= wanted) return lay(joinParts(kept));
  }
  const infoRoom = width - badgeWidth - titleStart - 2;
  return info.length > 0 && infoRoom >= shortestInfo ? lay(truncate(joinParts(info), infoRoom)) : lay('');
}

/** `tag: 会見, 港湾 · /MD · followed (29 hidden) · 3 muted`: every filter in force and its cost. */
function describeFilters(filterTags: readonly string[], summary: TimelineSummary, view: HeaderModel['view']): HeaderPart[] {
  const filters: string[] = [];
  if (filterTags.length > 0) filters.push(`tag: ${filterTags.map(sanitizeLine).join(', ')}`);
  if (view && view.query.trim() !== '') filters.push(`/${sanitizeLine(view.query.trim())}`);
  if (view?.followedOnly) filters.push('followed');
  if (view?.keyOnly) filters.push('key events');
  if (view?.hideRetracted) filters.push('no retracted');
  const parts: HeaderPart[] = filters.length > 0 ? [{ text: `${filters.join(' · ')} (${view?.hidden ?? summary.hidden} hidden)`, kind: 'info' }] : [];
  if (view && view.muted > 0) parts.push({ text: `${view.muted} muted`, kind: 'count' });
  return parts;
}

/**
 * The header: one line for one feed. For several, a line of counts (`● 1 LIVE · ■ 1 ENDED`), then
 * one line per feed with its state when `room` allows, since mixing them hid an ended blog.
 */
export function headerRows({ summary, feeds, filterTags, view, zone }: HeaderModel, width: number, room: number): Row[] {
  const entries: HeaderPart = { text: `${summary.entries} ${summary.entries === 1 ? 'entry' : 'entries'}`, kind: 'count' };
  const totals = [entries, ...describeFilters(filterTags, summary, view), ...(zone ? [{ text: zone, kind: 'zone' as const }] : [])];
  const connection = (info: FeedInfo): HeaderPart => ({ text: describeConnection(info.connection), kind: 'info' });
  if (feeds.length <= 1) {
    const info = feeds[0];
    const badge = badgeSpans[info ? feedBadge(info) : summary.ended ? 'ENDED' : 'LIVE'];
    const title = info ? feedName(info) : sanitizeLine(summary.title ?? '');
    return [fitHeader([badge], title, info ? [connection(info), ...totals] : totals, width)];
  }
  const counts = new Map<FeedBadge, number>();
  for (const info of feeds) counts.set(feedBadge(info), (counts.get(feedBadge(info)) ?? 0) + 1);
  const countSpans = [...counts].map(([badge, count]): Span => ({ ...badgeSpans[badge], text: badgeSpans[badge].text.replace(badge, `${count} ${badge}`) }));
  const first = fitHeader(countSpans, `${feeds.length} feeds`, totals, width);
  if (room < feeds.length + 1) return [first];
  return [first, ...feeds.map((info) => fitHeader([{ text: ' ', style: 'plain' }, badgeSpans[feedBadge(info)]], feedName(info), [connection(info)], width))];
}

/** The gap marker for the status line: `disconnected 14:02–14:09, 12 entries caught up`. */
export function describeGap({ feed, gap }: { readonly feed: string; readonly gap: Gap }, shown: ShownClock, multiFeed: boolean): string {
  const clock = (timeMs: number): string => stamp(timeMs, shown);
  const prefix = multiFeed ? `${feedLabel(feed)}: ` : '';
  if (gap.to === undefined) return `${prefix}disconnected since ${clock(gap.from)}`;
  const entries = `${gap.caughtUp} ${gap.caughtUp === 1 ? 'entry' : 'entries'}`;
  const progress = gap.catchingUp ? `catching up (${entries} so far)` : `${entries} caught up`;
  const missing = gap.incomplete ? ', some entries were lost' : '';
  return `${prefix}disconnected ${clock(gap.from)}–${clock(gap.to)}, ${progress}${missing}`;
}

export interface StatusModel {
  readonly newEntries: number;
  readonly invalid: number;
  readonly lastInvalid: string | undefined;
  /** Short facts shown before the key hints, e.g. `12 unread`, `/MD 3 of 17`. */
  readonly notes?: readonly string[];
  /** A one-line message (the result of the last key) shown instead of the key hints. */
  readonly notice?: string | undefined;
  /** Whose keys the hints name: in a list `j` types, so timeline hints would mislead. */
  readonly context?: KeyContext;
}

export function statusRow({ newEntries, invalid, lastInvalid, notes = [], notice, context = 'timeline' }: StatusModel, width: number): Row {
  const left: Span[] = [];
  if (newEntries > 0) left.push({ text: ` ↑ ${newEntries} new (g) `, style: 'marker' });
  for (const note of notes) left.push({ text: ` ${sanitizeLine(note)} `, style: 'marker' });
  if (notice) left.push({ text: ` ${sanitizeLine(notice)}`, style: 'meta' });
  else left.push({ text: ` ${bindingsFor(context).flatMap((binding) => (binding.hint ? [binding.hint] : [])).join(' · ')}`, style: 'plain' });
  const right: Span[] =
    invalid > 0
      ? [{ text: `${invalid} invalid skipped${lastInvalid ? `: ${sanitizeLine(lastInvalid)}` : ''} `, style: 'meta' }]
      : [];
  return spread(left, right, width);
}
