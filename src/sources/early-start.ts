import type { Emit, Source, SourceSignal } from '../schema/signal.js';

export interface EarlySource extends Source {
  takeArrived(): SourceSignal[];
}

/**
 * Starts a source at once and keeps its signals until the consumer starts it: the full-screen
 * app connects while its screen code is still loading, instead of after.
 */
export function startEarly(source: Source): EarlySource {
  let held: SourceSignal[] = [];
  let consumer: Emit | undefined;
  source.start((signal) => {
    if (consumer) consumer(signal);
    else held.push(signal);
  });
  const takeArrived = (): SourceSignal[] => {
    const arrived = held;
    held = [];
    return arrived;
  };
  return {
    feed: source.feed,
    takeArrived,
    start(emit) {
      consumer = emit;
      for (const signal of takeArrived()) emit(signal);
    },
    stop() {
      source.stop();
    },
  };
}
