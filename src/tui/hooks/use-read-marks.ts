import { useEffect, useRef, useState } from 'react';
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

/**
 * Read positions per feed. The returned baseline is what the reader had seen when this session
 * started (entries newer than it carry the unread mark all session long); what is seen moves up
 * as entries appear on screen and is saved (shortly after, and on the way out), so the next
 * session's baseline is where this one stopped.
 */
export function useReadMarks(store: Store<State>, onScreen: readonly TimelineItem[]): ReadMarks {
  const [baseline] = useState(() => marksFromState(store.value));
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

  useEffect(() => flush.current, []);
  return baseline;
}
