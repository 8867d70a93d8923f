import type { Emit, Source, SourceSignal } from './source.js';

/**
 * Starts a source at once and keeps its signals until the consumer starts it: the full-screen
 * app connects while its screen code is still loading, instead of after.
 */
export function startEarly(source: Source): Source {
  let held: SourceSignal[] = [];
  let consumer: Emit | undefined;
  source.start((signal) => {
    if (consumer) consumer(signal);
    else held.push(signal);
  });
  return {
    feed: source.feed,
    start(emit) {
      consumer = emit;
      const backlog = held;
      held = [];
      for (const signal of backlog) emit(signal);
    },
    stop() {
      source.stop();
    },
  };
}
