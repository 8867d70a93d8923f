import { useCallback, useEffect, useRef, useState } from 'react';
import { withFeedChanges, type State } from '../../settings/settings.js';
import type { Store } from '../../settings/store.js';
import type { TimelineItem } from '../../timeline/timeline.js';
import { advanceMarks, type ReadMark, type ReadMarks } from '../../timeline/unread.js';

function marksFromState(state: State): ReadMarks {
  const marks = new Map<string, ReadMark>();
  for (const [feed, { readTime, readId }] of Object.entries(state.feeds)) {
    const timeMs = readTime === undefined ? Number.NaN : Date.parse(readTime);
    if (Number.isFinite(timeMs)) marks.set(feed, { timeMs, id: readId ?? '' });
  }
  return marks;
}

/** Merges the marks into the state file, keeping what else is kept per feed (e.g. resumeId). */
function saveMarks(store: Store<State>, marks: ReadMarks): boolean {
  try {
    const changes = new Map([...marks].map(([feed, mark]) => [feed, { readTime: new Date(mark.timeMs).toISOString(), readId: mark.id }]));
    store.update((current) => withFeedChanges(current, changes, new Date()));
    return true;
  } catch {
    // Losing a read position is better than losing the timeline: the next change tries again.
    return false;
  }
}

/** Writing the read position on every scroll would be a locked file write per keypress. */
const saveDelayMs = 1000;

/** Runs `markRead` after `delayMs` unless cancelled; tests pass one they fire by hand. */
export type ReadScheduler = (markRead: () => void, delayMs: number) => () => void;

export const timerScheduler: ReadScheduler = (markRead, delayMs) => {
  const timer = setTimeout(markRead, delayMs);
  return () => clearTimeout(timer);
};

/** How long the screen must stay still for what is on it to count as read. */
export const readAfterMs = 2000;

export interface ReadState {
  /** The marks this session started from. */
  readonly baseline: ReadMarks;
  /** Keys of entries read this session. */
  readonly read: ReadonlySet<string>;
}

/**
 * Read positions per feed. The returned baseline is what the reader had seen when this session
 * started (entries newer than it carry the unread mark until read this session); what is seen moves up
 * as entries appear on screen and is saved (shortly after, and on the way out), so the next
 * session's baseline is where this one stopped.
 */
export function useReadMarks(
  store: Store<State>,
  onScreen: readonly TimelineItem[],
  selected: TimelineItem | undefined,
  schedule: ReadScheduler = timerScheduler,
): ReadState {
  const [baseline] = useState(() => marksFromState(store.value));
  const [read, setRead] = useState<ReadonlySet<string>>(() => new Set());
  const markRead = useCallback((keys: readonly string[]) => {
    setRead((current) => (keys.every((key) => current.has(key)) ? current : new Set([...current, ...keys])));
  }, []);
  const seen = useRef<ReadMarks>(baseline);
  const saved = useRef<ReadMarks>(baseline);
  const timer = useRef<NodeJS.Timeout | undefined>(undefined);
  const flush = useRef(() => {
    clearTimeout(timer.current);
    timer.current = undefined;
    const marks = seen.current;
    if (marks !== saved.current && saveMarks(store, marks)) saved.current = marks;
  });

  useEffect(() => {
    const next = advanceMarks(seen.current, onScreen);
    if (next === seen.current) return;
    seen.current = next;
    timer.current ??= setTimeout(flush.current, saveDelayMs);
  }, [onScreen]);

  // The selected entry is read at once; the rest of the screen once it stayed still a moment, so
  // cards that only flew past while scrolling keep their mark.
  const selectedKey = selected?.key;
  useEffect(() => {
    if (selectedKey !== undefined) markRead([selectedKey]);
  }, [selectedKey, markRead]);
  // A string, so the timer restarts only when what is on screen changes, not on every render.
  const screenKeys = JSON.stringify(onScreen.map((item) => item.key));
  useEffect(() => (screenKeys === '[]' ? undefined : schedule(() => markRead(JSON.parse(screenKeys) as string[]), readAfterMs)), [screenKeys, schedule, markRead]);

  useEffect(() => flush.current, []);
  return { baseline, read };
}
