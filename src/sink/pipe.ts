import { eventPayload, type FeedEvent } from '../schema/feed.js';
import { ndjsonLine } from '../schema/ndjson.js';
import type { Template } from '../format/template.js';
import { isFiltering, matchesFilter, type Filter } from '../timeline/select.js';
import { itemKey } from '../timeline/timeline.js';
import { isFinal, type Source, type SourceSignal } from '../schema/signal.js';
import { createCursorLog, type Cursors } from './cursor-log.js';
import { createLineWriter } from './line-writer.js';
import { PrintedMemory } from './printed-memory.js';
import { TemplateMemory } from './template-memory.js';
import { sanitizeLine } from '../text/index.js';

/*
 * The pipe face: one line per event, in arrival order, as NDJSON or a `--format` template.
 * It never imports Ink and never writes anything but those lines to stdout. An event is printed
 * once: replays after a reconnect (or from a restarted server) are recognised and dropped.
 */

export interface PipeOptions {
  readonly sources: readonly Source[];
  readonly output: NodeJS.WritableStream;
  /** One line of diagnostics (stderr). */
  readonly warn: (line: string) => void;
  readonly template?: Template | undefined;
  readonly filter: Filter;
  /** Exit after the backlog: at `ready` from every feed, or after `idleMs` of silence. */
  readonly once: boolean;
  readonly idleMs: number;
  readonly timeZone: string | undefined;
  /** For `--resume`: given each feed's cursor after the last event written (throttled, and at the end). */
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
    const backlogDone = new Set<string>();
    const finalSources = new Set<string>();
    const failures: string[] = [];
    let finished = false;
    let idleTimer: NodeJS.Timeout | undefined;

    const finish = (code: number): void => {
      if (finished) return;
      finished = true;
      clearTimeout(idleTimer);
      for (const source of options.sources) source.stop();
      void writer.flush().then(() => {
        cursors?.close(!writer.closed);
        resolve(code);
      });
    };
    const writer = createLineWriter(options.output, () => finish(0), cursors && (() => cursors.batch()));

    const { template } = options;
    const templateMemory = template && new TemplateMemory();
    const render = (feed: string, event: FeedEvent, payloadJson: string): string | undefined => {
      if (!template || !templateMemory) return ndjsonLine(feed, event.event, payloadJson);
      const context = templateMemory.context(feed, event, options.timeZone);
      // Without `{event}` a line for a delete would read like the entry arriving again.
      if (context === undefined || (context.event === 'delete' && !template.fields.has('event'))) return undefined;
      return template(context);
    };

    const connected = new Set<string>();
    const lastProblem = new Map<string, string>();
    const exitCode = (): number => (failures.length > 0 ? 1 : 0);
    /** --once gave up waiting: a feed that never answered is a failure, not an empty feed. */
    const giveUp = (): void => {
      for (const source of options.sources) {
        if (connected.has(source.feed) || finalSources.has(source.feed)) continue;
        const reason = `no connection${lastProblem.has(source.feed) ? ` (${lastProblem.get(source.feed)})` : ''}`;
        failures.push(reason);
        options.warn(`${sanitizeLine(source.feed)}: ${sanitizeLine(reason)}`);
      }
      finish(exitCode());
    };
    // --once ends when every feed has delivered its backlog; following ends when every feed is over.
    const checkDone = (): void => {
      const done = options.once ? backlogDone : finalSources;
      if (done.size === options.sources.length) finish(exitCode());
    };

    // Called for every event: it only notes the time, and one timer checks back, because
    // re-creating a timer per event costs more than the rest of an event's work at ingest rates.
    let lastActivity = 0;
    const checkIdle = (): void => {
      const quiet = performance.now() - lastActivity;
      if (quiet >= options.idleMs) giveUp();
      else idleTimer = setTimeout(checkIdle, options.idleMs - quiet);
    };
    const armIdle = (): void => {
      if (!options.once) return;
      lastActivity = performance.now();
      idleTimer ??= setTimeout(checkIdle, options.idleMs);
    };

    const emitFor = (source: Source) => (signal: SourceSignal): void => {
      if (finished) return;
      switch (signal.type) {
        case 'event': {
          armIdle();
          const payloadJson = signal.json ?? JSON.stringify(eventPayload(signal.event));
          if (printed.firstTime(signal.feed, signal.event, payloadJson) && gate.admits(signal.feed, signal.event)) {
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
          backlogDone.add(source.feed);
          checkDone();
          return;
        case 'state': {
          const state = signal.state;
          if (state.status === 'connected') {
            connected.add(source.feed);
            armIdle();
          }
          if (state.status === 'reconnecting') {
            lastProblem.set(source.feed, state.reason);
            const delay = state.delayMs < 1000 ? `${state.delayMs}ms` : `${Math.ceil(state.delayMs / 1000)}s`;
            options.warn(`${sanitizeLine(source.feed)}: ${sanitizeLine(state.reason)}; reconnecting in ${delay} (attempt ${state.attempt})`);
          }
          if (isFinal(state)) {
            if (state.status === 'stopped') {
              failures.push(state.reason);
              options.warn(`${sanitizeLine(source.feed)}: stopped: ${sanitizeLine(state.reason)}`);
            }
            backlogDone.add(source.feed);
            finalSources.add(source.feed);
            checkDone();
          }
          return;
        }
      }
    };

    options.stop?.addEventListener('abort', () => finish(exitCode()), { once: true });
    options.readerGone?.addEventListener('abort', () => finish(0), { once: true });
    for (const source of options.sources) source.start(emitFor(source));
    armIdle();
  });
}
