import { eventPayload, type FeedEvent } from '../schema/feed.js';
import { ndjsonLine } from '../schema/ndjson.js';
import type { Template } from '../format/template.js';
import { isFiltering, matchesFilter, type Filter } from '../timeline/select.js';
import { itemKey } from '../timeline/timeline.js';
import { isFinal, type Source, type SourceSignal } from '../schema/signal.js';
import { createCursorLog, type Cursors } from './cursor-log.js';
import { createLineWriter, type LineWriter } from './line-writer.js';
import { OnceClock } from './once-clock.js';
import { PrintedMemory } from './printed-memory.js';
import { TemplateMemory } from './template-memory.js';
import { sanitizeLine } from '../text/index.js';
import { escapeUnsafeJson } from '../schema/safe-json.js';

/*
 * The pipe face: one line per event, in arrival order, as NDJSON or a `--format` template.
 * It never imports Ink and never writes anything but those lines to stdout. An event is printed
 * once: replays after a reconnect (or from a restarted server) are recognised and dropped.
 */

/** A line printed before this run (what an --output file holds): its event and payload JSON as printed. */
export interface PrintedLine {
  readonly feed: string;
  readonly event: FeedEvent;
  readonly payloadJson: string;
}

/**
 * Makes the writer lines go to: `end(code)` ends the run (the reader went away, the file failed);
 * `onBatch` as for `createLineWriter`.
 */
export type WriterFactory = (end: (code: number) => void, onBatch: (() => () => void) | undefined) => LineWriter;

export interface PipeOptions {
  readonly sources: readonly Source[];
  /** Where lines go: a stream (stdout), or a writer of its own (--output). */
  readonly output: NodeJS.WritableStream | WriterFactory;
  /** Taken as printed already, so their replays are dropped (--output). */
  readonly printedBefore?: Iterable<PrintedLine> | undefined;
  /** One line of diagnostics (stderr). */
  readonly warn: (line: string) => void;
  readonly template?: Template | undefined;
  readonly filter: Filter;
  /**
   * Exit after the backlog: at `ready` from every feed, or after `idleMs` with no event bytes;
   * a feed that cannot be reached is retried for `timeoutMs` of failures in a row (see once-clock).
   */
  readonly once: boolean;
  readonly idleMs: number;
  readonly timeoutMs: number;
  readonly timeZone: string | undefined;
  /** For `--resume` and `--output`: given each feed's cursor after the last event written (throttled, and at the end). */
  readonly saveCursors?: ((cursors: Cursors) => void) | undefined;
  /** Stop following (SIGINT, SIGTERM): what was written is saved and the run ends normally. */
  readonly stop?: AbortSignal | undefined;
  /** The reader of the output went away while nothing was being written: end as after EPIPE. */
  readonly readerGone?: AbortSignal | undefined;
  /** How many printed revisions to remember for dropping replays (default: see printed-memory). */
  readonly memoryCapacity?: number;
}

/** Decides which events pass the filter (tags, time, followed topics): deletes only for entries we printed. */
class FilterGate {
  private readonly printed = new Set<string>();
  constructor(private readonly filter: Filter) {}

  admits(feed: string, event: FeedEvent): boolean {
    if (!isFiltering(this.filter)) return true;
    switch (event.event) {
      case 'entry':
      case 'update': {
        if (!matchesFilter(event.entry, this.filter)) return false;
        this.printed.add(itemKey(feed, event.entry.id));
        return true;
      }
      case 'delete':
        return this.printed.delete(itemKey(feed, event.id));
      case 'blog':
        return true;
    }
  }
}

/** Resolves with the exit code. */
export function runPipe(options: PipeOptions): Promise<number> {
  return new Promise((resolve) => {
    const gate = new FilterGate(options.filter);
    const printed = new PrintedMemory(options.memoryCapacity);
    const cursors = options.saveCursors && createCursorLog(options.saveCursors);
    const finalSources = new Set<string>();
    const failures: string[] = [];
    let finished = false;
    let reviewTimer: NodeJS.Timeout | undefined;

    const finish = (code: number): void => {
      if (finished) return;
      finished = true;
      clearTimeout(reviewTimer);
      for (const source of options.sources) source.stop();
      void writer.flush().then(() => {
        cursors?.close(!writer.closed);
        resolve(code);
      });
    };
    const onBatch = cursors && ((): (() => void) => cursors.batch());
    const { output } = options;
    const writer = typeof output === 'function' ? output(finish, onBatch) : createLineWriter(output, () => finish(0), onBatch);
    for (const { feed, event, payloadJson } of options.printedBefore ?? []) {
      if (printed.firstTime(feed, event, payloadJson)) gate.admits(feed, event);
    }

    const { template } = options;
    const templateMemory = template && new TemplateMemory();
    const render = (feed: string, event: FeedEvent, payloadJson: string): string | undefined => {
      if (!template || !templateMemory) return ndjsonLine(feed, event.event, payloadJson);
      const context = templateMemory.context(feed, event, options.timeZone);
      // Without `{event}` a line for a delete would read like the entry arriving again.
      if (context === undefined || (context.event === 'delete' && !template.fields.has('event'))) return undefined;
      return template(context);
    };

    const exitCode = (): number => (failures.length > 0 ? 1 : 0);
    const clock = options.once
      ? new OnceClock(
          options.sources.map((source) => source.feed),
          { idleMs: options.idleMs, timeoutMs: options.timeoutMs },
          performance.now(),
        )
      : undefined;
    // Events only note the time (see OnceClock.busy) and one timer reviews the feeds when the
    // next of them may be over, because re-creating a timer per event costs more than the rest
    // of an event's work at ingest rates.
    const reviewOnce = (): void => {
      if (!clock || finished) return;
      clearTimeout(reviewTimer);
      const { verdicts, nextAt } = clock.review(performance.now());
      for (const verdict of verdicts) {
        if (verdict.outcome !== 'unreachable') continue;
        failures.push(verdict.reason);
        options.warn(`${sanitizeLine(verdict.feed)}: ${sanitizeLine(verdict.reason)}`);
      }
      if (nextAt === undefined) finish(exitCode());
      else reviewTimer = setTimeout(reviewOnce, nextAt - performance.now());
    };
    const noteOnce = (source: Source, signal: SourceSignal): void => {
      if (!clock) return;
      clock.note(source.feed, signal, performance.now());
      reviewOnce();
    };

    const emitFor = (source: Source) => (signal: SourceSignal): void => {
      if (finished) return;
      switch (signal.type) {
        case 'activity':
          clock?.busy(source.feed, performance.now());
          return;
        case 'event': {
          // Fingerprinted as printed (escaped), so that lines read back from a file match.
          const payloadJson = escapeUnsafeJson(signal.json ?? JSON.stringify(eventPayload(signal.event)));
          const firstTime = printed.firstTime(signal.feed, signal.event, payloadJson);
          // A server that replays its backlog on every reconnect is not busy: only news counts.
          if (firstTime) clock?.busy(source.feed, performance.now());
          if (firstTime && gate.admits(signal.feed, signal.event)) {
            const line = render(signal.feed, signal.event, payloadJson);
            if (line !== undefined) writer.write(line);
          }
          if (signal.cursor !== undefined) cursors?.handled(signal.feed, signal.cursor);
          return;
        }
        case 'invalid':
          options.warn(`${sanitizeLine(source.feed)}: skipped ${sanitizeLine(signal.reason)}`);
          return;
        case 'notice':
          options.warn(`${sanitizeLine(source.feed)}: ${sanitizeLine(signal.text)}`);
          return;
        case 'ready':
          noteOnce(source, signal);
          return;
        case 'state': {
          const state = signal.state;
          if (state.status === 'reconnecting') {
            const delay = state.delayMs < 1000 ? `${state.delayMs}ms` : `${Math.ceil(state.delayMs / 1000)}s`;
            options.warn(`${sanitizeLine(source.feed)}: ${sanitizeLine(state.reason)}; reconnecting in ${delay} (attempt ${state.attempt})`);
          }
          if (isFinal(state)) {
            if (state.status === 'stopped') {
              failures.push(state.reason);
              options.warn(`${sanitizeLine(source.feed)}: stopped: ${sanitizeLine(state.reason)}`);
            }
            finalSources.add(source.feed);
            // Following ends when every feed is over; --once asks its clock.
            if (!clock && finalSources.size === options.sources.length) finish(exitCode());
          }
          noteOnce(source, signal);
          return;
        }
      }
    };

    options.stop?.addEventListener('abort', () => finish(exitCode()), { once: true });
    options.readerGone?.addEventListener('abort', () => finish(0), { once: true });
    for (const source of options.sources) source.start(emitFor(source));
    reviewOnce();
  });
}
