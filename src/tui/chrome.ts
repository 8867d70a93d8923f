import type { ConnectionState } from '../schema/signal.js';
import { sanitizeLine, textWidth, truncate } from '../text/index.js';
import { clockParts } from '../format/clock.js';
import type { FeedInfo, Gap } from '../timeline/timeline.js';
import type { TimelineSummary } from '../timeline/select.js';
import type { Row, Span } from './card-layout.js';
import { keymap } from './keymap.js';

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
      return `reconnecting in ${Math.ceil(state.delayMs / 1000)}s (attempt ${state.attempt})`;
    case 'stopped':
      return `stopped: ${state.reason}`;
    case 'ended':
      return 'input ended';
  }
}

/** One word for all feeds: the worst state wins, since that is what the reader must know. */
export function connectionSummary(feeds: readonly FeedInfo[]): string {
  const rank: Record<ConnectionState['status'], number> = { stopped: 4, reconnecting: 3, connecting: 2, ended: 1, connected: 0 };
  const worst = feeds.reduce<FeedInfo | undefined>(
    (found, info) => (found === undefined || rank[info.connection.status] > rank[found.connection.status] ? info : found),
    undefined,
  );
  if (!worst) return '';
  const text = describeConnection(worst.connection);
  return feeds.length > 1 && worst.connection.status !== 'connected' ? `${feedLabel(worst.feed)}: ${text}` : text;
}

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
}

/** `tag: 会見, 港湾 · /MD · followed (29 hidden) · 3 muted`: every filter in force and its cost. */
function describeFilters(filterTags: readonly string[], summary: TimelineSummary, view: HeaderModel['view']): string[] {
  const filters: string[] = [];
  if (filterTags.length > 0) filters.push(`tag: ${filterTags.map(sanitizeLine).join(', ')}`);
  if (view && view.query.trim() !== '') filters.push(`/${sanitizeLine(view.query.trim())}`);
  if (view?.followedOnly) filters.push('followed');
  if (view?.keyOnly) filters.push('key events');
  if (view?.hideRetracted) filters.push('no retracted');
  const parts = filters.length > 0 ? [`${filters.join(' · ')} (${view?.hidden ?? summary.hidden} hidden)`] : [];
  if (view && view.muted > 0) parts.push(`${view.muted} muted`);
  return parts;
}

export function headerRow({ summary, feeds, filterTags, view }: HeaderModel, width: number): Row {
  const badge: Span = summary.ended
    ? { text: ' ■ ENDED ', style: 'meta' }
    : { text: ' ● LIVE ', style: 'time' };
  const title = sanitizeLine(summary.title ?? (feeds.length === 1 ? feedLabel(feeds[0]!.feed) : `${feeds.length} feeds`));
  const parts = [connectionSummary(feeds), `${summary.entries} ${summary.entries === 1 ? 'entry' : 'entries'}`];
  parts.push(...describeFilters(filterTags, summary, view));
  return spread([badge, { text: ` ${title}`, style: 'title' }], [{ text: `${parts.join(' · ')} `, style: 'plain' }], width);
}

/** The gap marker for the status line: `disconnected 14:02–14:09, 12 entries caught up`. */
export function describeGap({ feed, gap }: { readonly feed: string; readonly gap: Gap }, timeZone: string | undefined, multiFeed: boolean): string {
  const clock = (timeMs: number): string => clockParts(timeMs, timeZone).time;
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
}

export function statusRow({ newEntries, invalid, lastInvalid, notes = [], notice }: StatusModel, width: number): Row {
  const left: Span[] = [];
  if (newEntries > 0) left.push({ text: ` ↑ ${newEntries} new (g) `, style: 'marker' });
  for (const note of notes) left.push({ text: ` ${sanitizeLine(note)} `, style: 'marker' });
  if (notice) left.push({ text: ` ${sanitizeLine(notice)}`, style: 'meta' });
  else left.push({ text: ` ${keymap.flatMap((binding) => (binding.hint ? [binding.hint] : [])).join(' · ')}`, style: 'plain' });
  const right: Span[] =
    invalid > 0
      ? [{ text: `${invalid} invalid skipped${lastInvalid ? `: ${sanitizeLine(lastInvalid)}` : ''} `, style: 'meta' }]
      : [];
  return spread(left, right, width);
}
