import { Box, useApp, useStdout } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, type ReactElement } from 'react';
import { settingsSchema, stateSchema, type Settings, type State } from '../settings/settings.js';
import { memoryStore, type Store } from '../settings/store.js';
import type { Source } from '../schema/signal.js';
import { followedTopicOf } from '../timeline/follow.js';
import { selectView, summarize, tagCounts, type Filter } from '../timeline/select.js';
import { getItem, latestGap } from '../timeline/timeline.js';
import { countUnread, isUnread, oldestUnreadIndex, type ReadMarks } from '../timeline/unread.js';
import { clipboardSequence } from './actions/terminal-sequences.js';
import { entryAsNdjson, entryAsText } from './actions/entry-text.js';
import { firstLink, openUrl } from './actions/open-link.js';
import { runWithInput } from './actions/run-command.js';
import { CardCache, type CardContext, type Row } from './card-layout.js';
import { markRow } from './card-marks.js';
import { describeGap, feedName, headerRows, rule, statusRow } from './chrome.js';
import { Rows } from './components/Rows.js';
import { initialUi, keyContext, type Effect, type ScrollCommand, type World } from './controller.js';
import { helpRows, helpScroll } from './help.js';
import { historyPage, historyRows } from './history-layout.js';
import { useArrivalAlerts } from './hooks/use-arrival-alerts.js';
import { useController } from './hooks/use-controller.js';
import { usePreferences } from './hooks/use-preferences.js';
import { useReadMarks, type ReadScheduler, type ReadState } from './hooks/use-read-marks.js';
import { useTerminalSize, type TerminalSize } from './hooks/use-terminal-size.js';
import { useTimeline } from './hooks/use-timeline.js';
import { Picker } from './picker/Picker.js';
import { Prompt } from './prompt/Prompt.js';
import {
  initialViewport,
  moveSelection,
  moveSelectionWrapping,
  newCount,
  revealSelected,
  scrollPage,
  selectAt,
  selectedIndex,
  selectNextWhere,
  toNewest,
  toOldest,
  visibleLines,
  type ListModel,
  type Viewport,
} from './viewport.js';

export interface AppProps {
  readonly sources: readonly Source[];
  readonly timeZone: string | undefined;
  readonly color: boolean;
  /** The filter to start with (`--tag`, `--since`); tags can then be changed with t/T. */
  readonly filter: Filter;
  /** `--followed`: start showing followed entries only. */
  readonly followedOnly?: boolean;
  readonly maxEntries?: number | undefined;
  /** Settings and read positions; kept in memory only when not given. */
  readonly settings?: Store<Settings>;
  readonly state?: Store<State>;
  /** Lines to show at start (e.g. a settings file that was set aside). */
  readonly notices?: readonly string[];
  /** Where BEL, OSC 9/777 and OSC 52 go; the real terminal otherwise. */
  readonly writeTerminal?: (sequence: string) => void;
  readonly env?: NodeJS.ProcessEnv;
  /** Tests pass a size; the real terminal's is followed otherwise. */
  readonly size?: TerminalSize;
  /** When what is on screen counts as read; a timer otherwise (tests fire it by hand). */
  readonly scheduleRead?: ReadScheduler;
  /** False when stdin cannot be put in raw mode (Ink's useInput would throw). */
  readonly interactive?: boolean;
}

const statusRows = 2;
/** Header lines for several feeds are given only while the timeline keeps at least this many rows. */
const minimumTimelineRows = 8;

type ViewportAction = { readonly command: ScrollCommand; readonly model: ListModel } | { readonly command: 'select'; readonly index: number; readonly model: ListModel };

function viewportReducer(viewport: Viewport, action: ViewportAction): Viewport {
  const { model } = action;
  switch (action.command) {
    case 'select':
      return selectAt(viewport, action.index, model);
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
    case 'nextMatch':
      return moveSelectionWrapping(viewport, 1, model);
    case 'previousMatch':
      return moveSelectionWrapping(viewport, -1, model);
    case 'nextPinned':
      return selectNextWhere(viewport, model, (item) => item.entry.pinned === true);
    case 'reveal':
      return revealSelected(viewport, model);
  }
}

/** A store given by the caller, or one in memory created once. */
function useStore<T>(given: Store<T> | undefined, defaults: () => T): Store<T> {
  const [fallback] = useState(() => memoryStore(defaults()));
  return given ?? fallback;
}

export function App(props: AppProps) {
  const { sources, timeZone, color, filter, maxEntries, size, interactive = true } = props;
  const { exit } = useApp();
  const { stdout } = useStdout();
  const { columns, rows } = useTerminalSize(size);
  const timeline = useTimeline(sources, { maxEntries });
  const preferences = usePreferences(useStore(props.settings, () => settingsSchema.parse({})));
  const stateStore = useStore(props.state, () => stateSchema.parse({}));
  const { topics, mutedTags } = preferences.settings;
  const writeTerminal = useMemo(() => props.writeTerminal ?? ((sequence: string) => void stdout.write(sequence)), [props.writeTerminal, stdout]);
  const env = props.env ?? process.env;
  const cache = useRef(new CardCache()).current;
  const [viewport, dispatchViewport] = useReducer(viewportReducer, initialViewport);

  // The controller asks about the selection only when a key needs it, from the latest render.
  const current = useRef<{ model: ListModel; viewport: Viewport } | undefined>(undefined);
  const world: World = {
    selected: () => (current.current ? current.current.model.items.at(selectedIndex(current.current.viewport, current.current.model)) : undefined),
    tagCounts: () => tagCounts(timeline),
    helpScroll: () => helpScroll(columns, current.current?.model.rows ?? 1),
    oldestUnread: () => (current.current ? oldestUnreadIndex(current.current.model.items, readState.current.baseline, readState.current.read) : -1),
    topics,
    mutedTags,
  };
  const readState = useRef<ReadState>({ baseline: new Map(), read: new Set() });
  const notifyRef = useRef<(line: string) => void>(() => undefined);
  const notify = useCallback((line: string) => notifyRef.current(line), []);
  const perform = (effect: Effect): void => {
    switch (effect.kind) {
      case 'quit':
        exit();
        return;
      case 'scroll':
        if (current.current) dispatchViewport({ command: effect.command, model: current.current.model });
        return;
      case 'select':
        if (current.current) dispatchViewport({ command: 'select', index: effect.index, model: current.current.model });
        return;
      case 'toggleTopic':
        notify(preferences.toggleTopic(effect.topic));
        return;
      case 'toggleMute':
        notify(preferences.toggleMute(effect.tag));
        return;
      case 'copy': {
        const text = entryAsText(effect.item, timeZone);
        writeTerminal(clipboardSequence(text));
        notify(`copied ${[...text].length} characters (OSC 52)`);
        return;
      }
      case 'open': {
        const url = firstLink(effect.item);
        if (url === undefined) notify('no http(s) link in this entry');
        else void openUrl(url).then(notify);
        return;
      }
      case 'pipe':
        notify(`running ${effect.command}…`);
        void runWithInput(effect.command, entryAsNdjson(effect.item)).then((result) => notify(result.summary));
        return;
    }
  };
  const controller = useController(() => ({ ...initialUi(filter.tags, props.followedOnly ?? false, preferences.settings.hideRetracted), notice: props.notices?.[0] }), world, perform, interactive);
  notifyRef.current = controller.notify;
  const { ui } = controller;

  const view = useMemo(
    () =>
      selectView(
        timeline,
        { tags: ui.tags, since: filter.since, query: ui.query, followed: ui.followedOnly ? topics : undefined, keyOnly: ui.keyOnly, hideRetracted: ui.hideRetracted },
        mutedTags,
      ),
    [timeline, ui.tags, filter.since, ui.query, ui.followedOnly, ui.keyOnly, ui.hideRetracted, topics, mutedTags],
  );
  const items = view.items;
  const feeds = useMemo(() => [...timeline.feeds.values()], [timeline.feeds]);
  const multiFeed = feeds.length > 1;
  const feedNames = useMemo(() => new Map(feeds.map((info) => [info.feed, feedName(info)])), [feeds]);
  const summary = summarize(timeline, items.length);
  const header = headerRows(
    { summary, feeds, filterTags: ui.tags, view: { query: ui.query, followedOnly: ui.followedOnly, keyOnly: ui.keyOnly, hideRetracted: ui.hideRetracted, hidden: view.hidden, muted: view.muted } },
    columns,
    rows - 1 - 1 - statusRows - minimumTimelineRows,
  );
  // Ink repaints the whole screen when a frame is as tall as the terminal: stay one row short.
  const timelineRows = Math.max(rows - 1 - header.length - 1 - statusRows, 1);
  const contextOf = useCallback(
    (index: number): CardContext => ({
      width: columns,
      timeZone,
      feedLabel: multiFeed ? feedNames.get(items.at(index)!.feed) : undefined,
      expanded: ui.expanded.has(items.at(index)!.key),
    }),
    [columns, timeZone, multiFeed, feedNames, items, ui.expanded],
  );

  const model = useMemo<ListModel>(
    () => ({ items, rows: timelineRows, latestSeq: timeline.seq, heightOf: (index) => cache.rows(items.at(index)!, contextOf(index)).length }),
    [items, timelineRows, timeline.seq, contextOf, cache],
  );
  current.current = { model, viewport };

  // A resize or an expanded card changes heights: bring the selected card back on screen.
  const layoutChanged = useRef(false);
  useEffect(() => {
    if (layoutChanged.current) dispatchViewport({ command: 'reveal', model: current.current!.model });
    layoutChanged.current = true;
  }, [columns, rows, ui.expanded]);

  const lines = visibleLines(viewport, model);
  const reading = useReadMarks(stateStore, [...new Set(lines.map(({ index }) => items.at(index)!))], items.at(selectedIndex(viewport, model)), props.scheduleRead);
  readState.current = reading;
  const { baseline, read } = reading;
  useArrivalAlerts(timeline, preferences.settings, { writeTerminal, env, report: notify });

  const unread = useMemo(() => countUnread(items, baseline, read), [items, baseline, read]);
  // A pass over every entry, which reads of the viewport only whether it follows and what was
  // seen: not again for each key that only moves the selection.
  const newEntries = useMemo(() => newCount(viewport, model), [viewport.top === null, viewport.seenSeq, model]);
  const notes: string[] = [];
  if (unread > 0) notes.push(`${unread} unread`);
  const gap = latestGap(timeline.feeds.values());
  if (gap) notes.push(describeGap(gap, timeZone, multiFeed));
  if (ui.query.trim() !== '' && ui.overlay.kind !== 'prompt') notes.push(`/${ui.query.trim()} ${items.length === 0 ? 0 : selectedIndex(viewport, model) + 1} of ${items.length} (n/N)`);

  const { overlay } = ui;
  let body: ReactElement;
  if (overlay.kind === 'help') body = <Rows color={color} rows={helpRows(columns, timelineRows, overlay.offset)} />;
  else if (overlay.kind === 'history') {
    // The entry as it is now: a correction arriving while the history is open shows up in it.
    const item = getItem(timeline, overlay.item.feed, overlay.item.entry.id) ?? overlay.item;
    body = <Rows color={color} rows={historyPage(historyRows(item, columns, !color, timeZone), timelineRows, overlay.offset)} />;
  } else if (overlay.kind === 'picker') body = <Picker state={overlay.picker} width={columns} height={timelineRows} color={color} />;
  else body = <Rows color={color} rows={renderTimeline(lines, model, cache, contextOf, { topics, baseline, read, selected: selectedIndex(viewport, model), empty: timeline.size > 0 ? 'filtered' : feeds.length > 0 && feeds.every((info) => info.connection.status === 'stopped') ? 'stopped' : 'waiting' })} />;

  return (
    <Box flexDirection="column" width={columns}>
      <Rows
        color={color}
        rows={[...header, rule(columns)]}
      />
      <Box height={timelineRows} flexDirection="column" overflow="hidden">
        {body}
      </Box>
      <Rows color={color} rows={[rule(columns)]} />
      {overlay.kind === 'prompt' ? (
        <Prompt
          state={overlay.prompt}
          hint={overlay.purpose === 'search' ? `${items.length} found · Enter keep · Esc cancel` : 'entry as NDJSON on stdin · no shell · Enter run'}
          width={columns}
          color={color}
        />
      ) : (
        <Rows
          color={color}
          rows={[statusRow({ newEntries, invalid: summary.invalid, lastInvalid: summary.lastInvalid, notes, notice: ui.notice, context: keyContext(overlay) }, columns)]}
        />
      )}
    </Box>
  );
}

interface Highlights {
  readonly topics: readonly string[];
  readonly baseline: ReadMarks;
  readonly read: ReadonlySet<string>;
  readonly selected: number;
  /** Why the list is empty, when it is. */
  readonly empty: 'waiting' | 'filtered' | 'stopped';
}

function renderTimeline(
  lines: ReturnType<typeof visibleLines>,
  model: ListModel,
  cache: CardCache,
  contextOf: (index: number) => CardContext,
  { topics, baseline, read, selected, empty }: Highlights,
): Row[] {
  if (model.items.length === 0) {
    const why = { filtered: ' nothing matches (Esc clears the filters, T the tags)', stopped: ' no entries: the feed stopped (the header says why)', waiting: ' waiting for entries…' };
    return [[{ text: why[empty], style: 'credit' }]];
  }
  const followed = new Map<number, boolean>();
  return lines.map(({ index, line }) => {
    const item = model.items.at(index)!;
    if (!followed.has(index)) followed.set(index, followedTopicOf(item.entry, topics) !== undefined);
    const row = cache.rows(item, contextOf(index))[line]!;
    return markRow(row, line, { selected: index === selected, followed: followed.get(index)!, unread: isUnread(item, baseline, read) });
  });
}
