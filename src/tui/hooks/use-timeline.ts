import { useEffect, useState } from 'react';
import type { Source, SourceSignal } from '../../schema/signal.js';
import { SharedValues } from '../../timeline/shared-values.js';
import { applySignals, emptyTimeline, type Timeline } from '../../timeline/timeline.js';

/** The timeline after the latest batch of signals, with the batch and the timeline it was applied to. */
export interface TimelineUpdate {
  readonly timeline: Timeline;
  readonly before: Timeline;
  readonly batch: readonly SourceSignal[];
}

/**
 * Connects sources to the timeline. Signals are queued and applied as one batch per frame
 * window: Ink lays out on every React commit, so one commit per event would not keep up with
 * a backlog of thousands.
 */
export function useTimeline(
  sources: readonly Source[],
  { maxEntries, frameMs = 33, now = Date.now }: { maxEntries?: number | undefined; frameMs?: number; now?: () => number } = {},
): TimelineUpdate {
  const [shared] = useState(() => new SharedValues());
  // What arrived while the screen loaded is in the first frame, not one frame window later. It is
  // taken from the sources, not passed in: nothing keeps the handed-over signals alive after.
  const [update, setUpdate] = useState((): TimelineUpdate => {
    const arrived = sources.flatMap((source) => source.takeArrived?.() ?? []);
    for (const signal of arrived) shared.adopt(signal);
    const before = emptyTimeline({ feeds: sources.map((source) => source.feed), maxEntries });
    return { timeline: applySignals(before, arrived, now()), before, batch: arrived };
  });
  useEffect(() => {
    let queue: SourceSignal[] = [];
    let timer: NodeJS.Timeout | undefined;
    let lastFlush = Number.NEGATIVE_INFINITY;
    const flush = (): void => {
      timer = undefined;
      lastFlush = performance.now();
      const batch = queue;
      queue = [];
      setUpdate(({ timeline }) => ({ timeline: applySignals(timeline, batch, now()), before: timeline, batch }));
    };
    // The first signal after a quiet spell is applied at once (a lone new entry shows without
    // delay); what follows within the same frame window waits for the window to end.
    const emit = (signal: SourceSignal): void => {
      // Part of an event arriving changes nothing on screen: no frame for it.
      if (signal.type === 'activity') return;
      shared.adopt(signal);
      queue.push(signal);
      timer ??= setTimeout(flush, Math.max(0, lastFlush + frameMs - performance.now()));
    };
    for (const source of sources) source.start(emit);
    return () => {
      clearTimeout(timer);
      for (const source of sources) source.stop();
    };
  }, [sources, frameMs, shared, now]);
  return update;
}
