import { Box, useApp, useInput } from 'ink';
import { useMemo, useReducer, useRef, useState } from 'react';
import type { Source } from '../sources/source.js';
import { selectVisible, summarize, type Filter } from '../timeline/select.js';
import { CardCache, type CardContext, type Row } from './card-layout.js';
import { feedLabel, headerRow, helpRows, rule, statusRow } from './chrome.js';
import { Rows } from './components/Rows.js';
import { useTerminalSize, type TerminalSize } from './hooks/use-terminal-size.js';
import { useTimeline } from './hooks/use-timeline.js';
import { commandFor, keyNames, type Command } from './keymap.js';
import { initialViewport, moveSelection, newCount, scrollPage, selectedIndex, toNewest, toOldest, visibleLines, type ListModel, type Viewport } from './viewport.js';

export interface AppProps {
  readonly sources: readonly Source[];
  readonly timeZone: string | undefined;
  readonly color: boolean;
  readonly filter: Filter;
  readonly maxEntries?: number | undefined;
  /** Tests pass a size; the real terminal's is followed otherwise. */
  readonly size?: TerminalSize;
  /** False when stdin cannot be put in raw mode (Ink's useInput would throw). */
  readonly interactive?: boolean;
}

const headerRows = 2;
const statusRows = 2;

type ViewportCommand = Exclude<Command, 'help' | 'back' | 'quit'>;

function viewportReducer(viewport: Viewport, action: { command: ViewportCommand; model: ListModel }): Viewport {
  const { command, model } = action;
  switch (command) {
    case 'down':
      return moveSelection(viewport, 1, model);
    case 'up':
      return moveSelection(viewport, -1, model);
    case 'pageDown':
      return scrollPage(viewport, 1, model);
    case 'pageUp':
      return scrollPage(viewport, -1, model);
    case 'newest':
      return toNewest(viewport, model);
    case 'oldest':
      return toOldest(viewport, model);
  }
}

export function App({ sources, timeZone, color, filter, maxEntries, size, interactive = true }: AppProps) {
  const { exit } = useApp();
  const { columns, rows } = useTerminalSize(size);
  const timeline = useTimeline(sources, { maxEntries });
  const [viewport, dispatch] = useReducer(viewportReducer, initialViewport);
  const [showHelp, setShowHelp] = useState(false);
  const cache = useRef(new CardCache()).current;

  const items = useMemo(() => selectVisible(timeline, filter), [timeline, filter]);
  const feeds = useMemo(() => [...timeline.feeds.values()], [timeline.feeds]);
  const multiFeed = feeds.length > 1;
  // Ink repaints the whole screen when a frame is as tall as the terminal: stay one row short.
  const timelineRows = Math.max(rows - 1 - headerRows - statusRows, 1);

  const model = useMemo<ListModel>(() => {
    const context = (feed: string): CardContext => ({ width: columns, timeZone, feedLabel: multiFeed ? feedLabel(feed) : undefined });
    return {
      items,
      rows: timelineRows,
      latestSeq: timeline.seq,
      heightOf: (index) => cache.rows(items[index]!, context(items[index]!.feed)).length,
    };
  }, [items, timelineRows, timeline.seq, columns, timeZone, multiFeed, cache]);

  useInput(
    (input, key) => {
      let helpShown = showHelp;
      for (const name of keyNames(input, key)) {
        const command = commandFor(name, helpShown ? 'help' : 'timeline');
        if (command === undefined) continue;
        if (command === 'quit') exit();
        else if (command === 'help') helpShown = !helpShown;
        else if (command === 'back') helpShown = false;
        else dispatch({ command, model });
      }
      setShowHelp(helpShown);
    },
    { isActive: interactive },
  );

  const summary = summarize(timeline, items.length);
  const body: Row[] = showHelp
    ? helpRows(columns, timelineRows)
    : renderTimeline(viewport, model, cache, columns, timeZone, multiFeed);

  return (
    <Box flexDirection="column" width={columns}>
      <Rows color={color} rows={[headerRow({ summary, feeds, filterTags: filter.tags }, columns), rule(columns)]} />
      <Box height={timelineRows} flexDirection="column" overflow="hidden">
        <Rows color={color} rows={body} />
      </Box>
      <Rows
        color={color}
        rows={[rule(columns), statusRow({ newEntries: newCount(viewport, model), invalid: summary.invalid, lastInvalid: summary.lastInvalid }, columns)]}
      />
    </Box>
  );
}

function renderTimeline(viewport: Viewport, model: ListModel, cache: CardCache, columns: number, timeZone: string | undefined, multiFeed: boolean): Row[] {
  if (model.items.length === 0) return [[{ text: ' waiting for entries…', style: 'credit' }]];
  const selected = selectedIndex(viewport, model);
  return visibleLines(viewport, model).map(({ index, line }) => {
    const item = model.items[index]!;
    const row = cache.rows(item, { width: columns, timeZone, feedLabel: multiFeed ? feedLabel(item.feed) : undefined })[line]!;
    // The selection is a gutter mark, not a colour, so it shows with colour turned off too.
    if (index !== selected || row.length === 0) return row;
    const [gutter, ...rest] = row;
    return [{ text: `▌${gutter!.text.slice(1)}`, style: 'marker' as const }, ...rest];
  });
}
