import { useEffect, useState } from 'react';
import type { Source, SourceSignal } from '../../sources/source.js';
import { applySignals, emptyTimeline, type Timeline } from '../../timeline/timeline.js';

/**
 * Connects sources to the timeline. Signals are queued and applied as one batch per frame
 * window: Ink lays out on every React commit, so one commit per event would not keep up with
 * a backlog of thousands.
 */
export function useTimeline(sources: readonly Source[], { maxEntries, frameMs = 33 }: { maxEntries?: number | undefined; frameMs?: number } = {}): Timeline {
  const [timeline, setTimeline] = useState(() => emptyTimeline({ feeds: sources.map((source) => source.feed), maxEntries }));
  useEffect(() => {
    let queue: SourceSignal[] = [];
    let timer: NodeJS.Timeout | undefined;
    const flush = (): void => {
      timer = undefined;
      const batch = queue;
      queue = [];
      setTimeline((current) => applySignals(current, batch));
    };
    const emit = (signal: SourceSignal): void => {
      queue.push(signal);
      timer ??= setTimeout(flush, frameMs);
    };
    for (const source of sources) source.start(emit);
    return () => {
      clearTimeout(timer);
      for (const source of sources) source.stop();
    };
  }, [sources, frameMs]);
  return timeline;
}
