import { Box, useApp, useStdout } from 'ink';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { settingsSchema, stateSchema, type Settings, type State } from '../settings/settings.js';
import { memoryStore, type Store } from '../settings/store.js';
import type { Source } from '../schema/signal.js';
import { countMutedOnlyBy, selectView, summarize, tagCounts, type Filter } from '../timeline/select.js';
import { getItem, latestGap } from '../timeline/timeline.js';
import { countUnread, oldestUnreadIndex } from '../timeline/unread.js';
import { CardCache, type CardContext } from './card-layout.js';
import { describeGap, feedName, headerRows, rule, statusRow } from './chrome.js';
import { Rows } from './components/Rows.js';
import { TimelineRows } from './components/TimelineRows.js';
import { initialUi, keyContext, type Effect, type World } from './controller.js';
import { performEffect } from './effects.js';
import { helpRows, helpScroll } from './help.js';
import { historyPage, historyRows } from './history-layout.js';
import { useWindowTitle } from './hooks/use-window-title.js';
import { useWheel, type WheelEvents } from './hooks/use-wheel.js';
import { useArrivalAlerts } from './hooks/use-arrival-alerts.js';
import { useMinuteClock } from './hooks/use-minute-clock.js';
import { useController } from './hooks/use-controller.js';
import { usePreferences } from './hooks/use-preferences.js';
import { useReadMarks, type ReadScheduler, type ReadState } from './hooks/use-read-marks.js';
import { useTerminalSize, type TerminalSize } from './hooks/use-terminal-size.js';
import { useTimeline } from './hooks/use-timeline.js';
import { useViewport, type ViewportHandle } from './hooks/use-viewport.js';
import { Picker } from './picker/Picker.js';
import { Prompt } from './prompt/Prompt.js';
import { clipboardCheck, type ClipboardPath } from './terminal/clipboard.js';
import { chooseZone } from './shown-zone.js';
import { newCount, selectedIndex, visibleLines, type ListModel } from './viewport.js';

export interface AppProps {
  readonly sources: readonly Source[];
  /** The reader's zone (undefined: the system's); `z` switches to the blog's own where it differs. */
  readonly timeZone: string | undefined;
  /** The clock that decides what is today; tests pass a fixed one. */
  readonly now?: () => number;
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
  /** Whether OSC 52 reaches the clipboard (inside tmux, screen); asked of the real environment otherwise. */
  readonly clipboardPath?: () => Promise<ClipboardPath>;
  /** Sets the terminal's title (the real terminal only: tests' frames would catch it). */
  readonly setTitle?: (title: string) => void;
  /** Mouse wheel notches, when the `mouse` setting turned reporting on. */
  readonly wheel?: WheelEvents;
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
  // One clock for arrivals and for what is today, so an entry that arrived now is never dated.
  const now = props.now ?? Date.now;
  const update = useTimeline(sources, { maxEntries, now });
  const { timeline } = update;
  const preferences = usePreferences(useStore(props.settings, () => settingsSchema.parse({})));
  const stateStore = useStore(props.state, () => stateSchema.parse({}));
  const { topics, mutedTags } = preferences.settings;
  const writeTerminal = useMemo(() => props.writeTerminal ?? ((sequence: string) => void stdout.write(sequence)), [props.writeTerminal, stdout]);
  const env = props.env ?? process.env;
  const [cache] = useState(() => new CardCache());
  const [clipboardPath] = useState(() => props.clipboardPath ?? clipboardCheck(env));
  const nowMs = useMinuteClock(now);

  // The controller's world and effects reach the controller's notify and the viewport, which both
  // depend on the controller's state: they are handed back after each commit.
  const notifyRef = useRef<(line: string) => void>(() => undefined);
  const notify = useCallback((line: string) => notifyRef.current(line), []);
  const viewportRef = useRef<ViewportHandle | undefined>(undefined);
  const readState = useRef<ReadState>({ baseline: new Map(), read: new Set() });
  const world: World = {
    selected: () => viewportRef.current?.selected(),
    tagCounts: () => tagCounts(timeline),
    // Called on a key, after this render: timelineRows is set by then.
    helpScroll: () => helpScroll(columns, timelineRows),
    oldestUnread: () => {
      const drawn = viewportRef.current?.drawnItems();
      return drawn ? oldestUnreadIndex(drawn, readState.current.baseline, readState.current.read) : -1;
    },
    mutedOnlyBy: (tag) => countMutedOnlyBy(timeline, tag, mutedTags),
    newsroomZone: () => zone.newsroom,
    topics,
    mutedTags,
  };
  const perform = (effect: Effect): void =>
    performEffect(effect, {
      quit: exit,
      scroll: (command) => viewportRef.current?.scroll(command),
      select: (index) => viewportRef.current?.select(index),
      toggleTopic: preferences.toggleTopic,
      setMuted: preferences.setMuted,
      rememberZone: preferences.rememberZone,
      writeTerminal,
      notify,
      timeZone: zone.clock.timeZone,
      clipboardPath,
    });
  const { hideRetracted, newsroomTime } = preferences.settings;
  const controller = useController(() => ({ ...initialUi(filter.tags, props.followedOnly ?? false, hideRetracted, newsroomTime), notice: props.notices?.[0] }), world, perform, interactive);
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
  const zone = useMemo(() => chooseZone(timeZone, feeds, ui.newsroomTime, nowMs), [timeZone, feeds, ui.newsroomTime, nowMs]);
  const { clock } = zone;
  const summary = summarize(timeline, items.length);
  const header = headerRows(
    { summary, feeds, filterTags: ui.tags, view: { query: ui.query, followedOnly: ui.followedOnly, keyOnly: ui.keyOnly, hideRetracted: ui.hideRetracted, hidden: view.hidden, muted: view.muted }, zone: zone.label },
    columns,
    rows - 1 - 1 - statusRows - minimumTimelineRows,
  );
  // Ink repaints the whole screen when a frame is as tall as the terminal: stay one row short.
  const timelineRows = Math.max(rows - 1 - header.length - 1 - statusRows, 1);
  const contextOf = useCallback(
    (index: number): CardContext => ({
      width: columns,
      clock,
      feedLabel: multiFeed ? feedNames.get(items.at(index)!.feed) : undefined,
      expanded: ui.expanded.has(items.at(index)!.key),
    }),
    [columns, clock, multiFeed, feedNames, items, ui.expanded],
  );
  const model = useMemo<ListModel>(
    () => ({ items, rows: timelineRows, latestSeq: timeline.seq, heightOf: (index) => cache.rows(items.at(index)!, contextOf(index)).length }),
    [items, timelineRows, timeline.seq, contextOf, cache],
  );
  // A resize, an expanded card or dates coming and going (another zone, midnight) change heights.
  const viewportHandle = useViewport(model, [columns, rows, ui.expanded, clock.timeZone, clock.today]);
  const { viewport } = viewportHandle;
  useEffect(() => {
    notifyRef.current = controller.notify;
    viewportRef.current = viewportHandle;
  });

  const lines = visibleLines(viewport, model);
  const reading = useReadMarks(stateStore, [...new Set(lines.map(({ index }) => items.at(index)!))], items.at(selectedIndex(viewport, model)), props.scheduleRead);
  const { baseline, read } = reading;
  // Before the frame shows: a key pressed on seeing it must find what the frame shows as read.
  useLayoutEffect(() => {
    readState.current = reading;
  });
  useArrivalAlerts(update, preferences.settings, { writeTerminal, env, report: notify });

  const unread = useMemo(() => countUnread(items, baseline, read), [items, baseline, read]);
  // A pass over every entry, which reads of the viewport only whether it follows and what was
  // seen: not again for each key that only moves the selection.
  const newEntries = useMemo(() => newCount(viewport, model), [viewport.top === null, viewport.seenSeq, model]);
  useWindowTitle({ blogTitle: summary.title, ended: summary.ended, newEntries }, props.setTitle);
  useWheel(props.wheel, (direction) => {
    if (ui.overlay.kind === 'none') viewportHandle.scroll(direction);
  });
  const notes: string[] = [];
  if (unread > 0) notes.push(`${unread} unread`);
  const gap = latestGap(timeline.feeds.values());
  if (gap) notes.push(describeGap(gap, clock, multiFeed));
  if (summary.notice) notes.push(summary.notice);
  if (ui.query.trim() !== '' && ui.overlay.kind !== 'prompt') notes.push(`/${ui.query.trim()} ${items.length === 0 ? 0 : selectedIndex(viewport, model) + 1} of ${items.length} (n/N)`);

  const { overlay } = ui;
  let body: ReactElement;
  if (overlay.kind === 'help') body = <Rows color={color} rows={helpRows(columns, timelineRows, overlay.offset)} />;
  else if (overlay.kind === 'history') {
    // The entry as it is now: a correction arriving while the history is open shows up in it.
    const item = getItem(timeline, overlay.item.feed, overlay.item.entry.id) ?? overlay.item;
    body = <Rows color={color} rows={historyPage(historyRows(item, columns, !color, clock), timelineRows, overlay.offset)} />;
  } else if (overlay.kind === 'picker') body = <Picker state={overlay.picker} width={columns} height={timelineRows} color={color} />;
  else {
    const stopped = feeds.length > 0 && feeds.every((info) => info.connection.status === 'stopped');
    const empty = timeline.size > 0 ? 'filtered' : stopped ? 'stopped' : 'waiting';
    body = <TimelineRows {...{ lines, model, cache, contextOf, topics, baseline, read, color, empty }} selected={selectedIndex(viewport, model)} query={ui.query} />;
  }

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
      ) : overlay.kind === 'confirm' ? (
        <Rows color={color} rows={[statusRow({ newEntries: 0, invalid: 0, lastInvalid: undefined, notes: [overlay.question], context: 'confirm' }, columns)]} />
      ) : (
        <Rows
          color={color}
          rows={[statusRow({ newEntries, invalid: summary.invalid, lastInvalid: summary.lastInvalid, notes, notice: ui.notice, context: keyContext(overlay) }, columns)]}
        />
      )}
    </Box>
  );
}
