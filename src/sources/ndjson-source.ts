import { parseNdjsonLine } from '../schema/ndjson.js';
import { readLines } from './lines.js';
import type { Source } from '../schema/signal.js';

const LF = 10;

/** Passes the input through, calling `onPartial` after a chunk that ends inside a line. */
async function* watchingPartialLines(input: AsyncIterable<Uint8Array | string>, onPartial: () => void): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of input) {
    yield chunk;
    const last = typeof chunk === 'string' ? chunk.charCodeAt(chunk.length - 1) : chunk[chunk.length - 1];
    if (chunk.length > 0 && last !== LF) onPartial();
  }
}

/**
 * NDJSON on a stream (`livetail -`). A line that names its feed keeps it, so a pipe of
 * `livetail --json` output replays with the original feed labels.
 */
export function createNdjsonSource(input: AsyncIterable<Uint8Array | string>, feed = 'stdin'): Source {
  let stopped = false;
  return {
    feed,
    start(emit) {
      void (async () => {
        emit({ type: 'state', feed, state: { status: 'connected' } });
        let lineNumber = 0;
        try {
          // A long line arriving slowly is an event on its way: `--once` must not take it for silence.
          const watched = watchingPartialLines(input, () => emit({ type: 'activity', feed }));
          for await (const line of readLines(watched)) {
            if (stopped) return;
            lineNumber += 1;
            if (line.trim() === '') continue;
            const parsed = parseNdjsonLine(line);
            if (parsed.ok) emit({ type: 'event', feed: parsed.value.feed ?? feed, event: parsed.value.event });
            else emit({ type: 'invalid', feed, reason: `line ${lineNumber}: ${parsed.error}` });
          }
        } catch (error) {
          emit({ type: 'state', feed, state: { status: 'stopped', reason: `cannot read input: ${(error as Error).message}` } });
          return;
        }
        emit({ type: 'ready', feed });
        emit({ type: 'state', feed, state: { status: 'ended' } });
      })();
    },
    stop() {
      stopped = true;
    },
  };
}
