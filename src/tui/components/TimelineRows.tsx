import { followedTopicOf } from '../../timeline/follow.js';
import { isUnread, type ReadMarks } from '../../timeline/unread.js';
import { unreadMarkLine, type CardCache, type CardContext, type Row } from '../card-layout.js';
import { markRow } from '../card-marks.js';
import { searchHighlighted } from '../highlight.js';
import type { ListModel, SliceLine } from '../viewport.js';
import { Rows } from './Rows.js';

export interface TimelineRowsProps {
  readonly lines: readonly SliceLine[];
  readonly model: ListModel;
  readonly cache: CardCache;
  readonly contextOf: (index: number) => CardContext;
  readonly topics: readonly string[];
  readonly baseline: ReadMarks;
  /** Entries read in this session (seen long enough, or selected). */
  readonly read: ReadonlySet<string>;
  readonly selected: number;
  /** The search in force: its matches are lit inside the cards. */
  readonly query: string;
  /** Why the list is empty, when it is. */
  readonly empty: 'waiting' | 'filtered' | 'stopped';
  readonly color: boolean;
}

/** The visible lines of the timeline's cards, marked as selected, followed or unread, with search matches lit. */
export function TimelineRows(props: TimelineRowsProps) {
  return <Rows color={props.color} rows={timelineRows(props)} />;
}

const emptyReasons = {
  filtered: ' nothing matches (Esc clears the filters, T the tags)',
  stopped: ' no entries: the feed stopped (the header says why)',
  waiting: ' waiting for entries…',
} as const;

function timelineRows({ lines, model, cache, contextOf, topics, baseline, read, selected, query, empty }: TimelineRowsProps): Row[] {
  if (model.items.length === 0) return [[{ text: emptyReasons[empty], style: 'credit' }]];
  const followed = new Map<number, boolean>();
  return lines.map(({ index, line }) => {
    const item = model.items.at(index)!;
    if (!followed.has(index)) followed.set(index, followedTopicOf(item.entry, topics) !== undefined);
    const context = contextOf(index);
    const row = searchHighlighted(cache.rows(item, context), query)[line]!;
    return markRow(row, line, { selected: index === selected, followed: followed.get(index)!, unread: isUnread(item, baseline, read), unreadLine: unreadMarkLine(item, context.clock) });
  });
}
