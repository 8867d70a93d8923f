import type { FeedEvent } from '../schema/feed.js';
import { eventData, formatSseEvent } from './sse-wire.js';

/*
 * The in-memory, append-only log behind `livetail serve`. Every published event gets the next
 * integer cursor (1, 2, 3, ...), which is its SSE `id:`. Clients read the backlog with
 * `since(cursor)` / `get(cursor)` and are told about new events through `subscribe`.
 *
 * `maxEvents` (default: unlimited) bounds memory for endless inputs such as a looping demo: the
 * oldest events are dropped once the log holds more. Cursors keep counting; a client resuming
 * from a dropped cursor gets everything still retained.
 */

export interface LoggedEvent {
  readonly cursor: number;
  readonly event: FeedEvent;
  /** The JSON object the event carries on the wire. */
  readonly data: string;
  /** The whole SSE block (`id:`, `event:`, `data:`, blank line), formatted once. */
  readonly wire: string;
}

export type LogListener = (logged: LoggedEvent) => void;

export interface FeedLogOptions {
  maxEvents?: number;
}

export class FeedLog {
  readonly #events: LoggedEvent[] = [];
  /** Cursor of `#events[0]` (1 until something is dropped). */
  #first = 1;
  #last = 0;
  readonly #listeners = new Set<LogListener>();
  readonly #maxEvents: number;

  constructor(options: FeedLogOptions = {}) {
    const max = options.maxEvents ?? Infinity;
    if (!(max >= 1)) throw new RangeError(`maxEvents must be at least 1, got ${String(max)}`);
    this.#maxEvents = max;
  }

  /** Appends an event, assigns it the next cursor and tells every listener. `data` when already made. */
  publish(event: FeedEvent, data = eventData(event)): LoggedEvent {
    const cursor = this.#last + 1;
    const logged: LoggedEvent = { cursor, event, data, wire: formatSseEvent(cursor, event.event, data) };
    this.#events.push(logged);
    this.#last = cursor;
    if (this.#events.length > this.#maxEvents) {
      // Drop in chunks so trimming stays amortised O(1).
      const excess = Math.max(this.#events.length - this.#maxEvents, Math.ceil(this.#maxEvents / 8));
      const drop = Math.min(excess, this.#events.length - 1);
      this.#events.splice(0, drop);
      this.#first += drop;
    }
    for (const listener of [...this.#listeners]) {
      try {
        listener(logged);
      } catch {
        // A broken listener must not stop publishing or the other listeners.
      }
    }
    return logged;
  }

  /** Events with a cursor greater than `cursor`, oldest first. */
  since(cursor: number): readonly LoggedEvent[] {
    const after = Number.isFinite(cursor) ? Math.floor(cursor) : cursor > 0 ? Infinity : 0;
    const start = Math.max(0, after + 1 - this.#first);
    return start >= this.#events.length ? [] : this.#events.slice(start);
  }

  /** The event with this cursor, if it is still retained. */
  get(cursor: number): LoggedEvent | undefined {
    return Number.isInteger(cursor) ? this.#events[cursor - this.#first] : undefined;
  }

  /** Cursor of the newest event, 0 when nothing was published yet. */
  get lastCursor(): number {
    return this.#last;
  }

  /** Cursor of the oldest retained event (lastCursor + 1 when empty). */
  get firstCursor(): number {
    return this.#events.length === 0 ? this.#last + 1 : this.#first;
  }

  /** Number of retained events. */
  get size(): number {
    return this.#events.length;
  }

  /** Calls `listener` after every publish; returns the unsubscribe function. */
  subscribe(listener: LogListener): () => void {
    this.#listeners.add(listener);
    return () => this.unsubscribe(listener);
  }

  unsubscribe(listener: LogListener): void {
    this.#listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}
