import { setTimeout as delay } from 'node:timers/promises';
import type { FeedEvent } from '../schema/feed.js';
import { parseNdjsonLine } from '../schema/ndjson.js';
import { followerEventLimit } from '../sources/sse-parser.js';
import { notUtf8, type InputLine } from './input-lines.js';
import { eventData, followersAccept } from './sse-wire.js';

/*
 * Pacing: turns NDJSON lines into published feed events, at the pace `livetail serve` promises.
 *
 * Rules (the gap is the wall-clock wait before publishing an event):
 * - Only entry events are paced. Update, delete and blog events follow the previous event with
 *   no wait. The first entry never waits.
 * - No speed (default): one entry per `interval` ms (default 1000 ms, i.e. one per second).
 *   Input read from stdin passes `interval: 0`: events go out as they arrive.
 * - speed X: gap = (entry time - previous entry's time) / X, clamped to [0, maxGapMs]
 *   (default maxGapMs: 60 000 ms, so a night-long pause in a replayed feed costs at most a
 *   minute). Entries whose time does not parse, or that go back in time, wait 0.
 * - speed Infinity (`--speed max`): no waiting at all.
 * - backlog n: the first n events (of any kind) are published at once, without pacing, so a
 *   newcomer sees a screen full of entries immediately; pacing starts after them.
 * - Bad lines (not UTF-8, not JSON, failing the schema, or an event too large for any follower
 *   to accept) are reported through `onInvalidLine` as `line N: <reason>` and skipped, never
 *   published; blank lines are skipped silently. Line numbers count every line of the input,
 *   starting at 1.
 *
 * Loop: after the input ends it is replayed from memory (the valid events of the first pass are
 * kept), forever, until `signal` aborts. On round k >= 1 (the first pass is round 0):
 * - every entry id, update id and delete id gets the suffix `~k` (`e12` -> `e12~3`), so each round
 *   adds new entries instead of repeating ids the follower already has;
 * - entry and update times are shifted by k * (span + 1 minute), where span is the time between
 *   the earliest and latest entry/update time of the input; the wall-clock offset of each time
 *   (`+09:00`) is kept. With pacing this makes the pause between rounds one story minute.
 * - blog events are replayed unchanged (a blog that ends with status `ended` goes back to
 *   `live` when the next round starts).
 * - before each round the publisher waits `minRoundGapMs` (default 1000 ms) of wall-clock time, even
 *   at speed Infinity, so an endless loop never monopolises the process; the round's first entry
 *   is then paced as usual against the previous round's last entry.
 * Memory: the replay buffer holds the input's events once; the log itself should be bounded
 * (FeedLog `maxEvents`) when looping.
 */

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface InvalidLine {
  /** 1-based line number in the input. */
  readonly line: number;
  /** The reason, e.g. `not valid JSON` or `time: Invalid ISO datetime`. */
  readonly error: string;
  /** `line 7: not valid JSON`: ready to print. */
  readonly message: string;
}

export interface PublisherOptions {
  /** NDJSON lines (without line terminators; a trailing `\r` is tolerated). */
  lines: AsyncIterable<InputLine> | Iterable<InputLine>;
  /** `data` is the event's wire payload when the publisher has made it already. */
  log: { publish(event: FeedEvent, data?: string): unknown };
  /** Story-time speed-up; undefined = one entry per `interval`; Infinity = no pacing. */
  speed?: number | undefined;
  /** Gap between entries when `speed` is undefined; default 1000 ms; 0 = as they arrive. */
  interval?: number | undefined;
  loop?: boolean | undefined;
  /** Publish the first n events without pacing. */
  backlog?: number | undefined;
  /** Upper bound of one paced gap, in wall-clock ms; default 60 000. */
  maxGapMs?: number | undefined;
  /** Minimum wait between loop rounds, in wall-clock ms; default 1000. */
  minRoundGapMs?: number | undefined;
  onInvalidLine?: ((invalid: InvalidLine) => void) | undefined;
  signal?: AbortSignal | undefined;
  /** Injectable timer; must resolve (not reject) when `signal` aborts. */
  sleep?: Sleep | undefined;
}

export const DEFAULT_INTERVAL_MS = 1000;
export const DEFAULT_MAX_GAP_MS = 60_000;
export const DEFAULT_MIN_ROUND_GAP_MS = 1000;
const ROUND_PAUSE_MS = 60_000;

/** Real sleep: resolves after `ms`, or early (without error) when `signal` aborts. */
export const realSleep: Sleep = async (ms, signal) => {
  if (signal?.aborted) return;
  try {
    await delay(ms, undefined, signal ? { signal } : undefined);
  } catch {
    // aborted: resolve quietly
  }
};

/** Validates a `--speed` value: a positive number or Infinity. */
export function checkSpeed(speed: number | undefined): void {
  if (speed === undefined) return;
  if (typeof speed !== 'number' || Number.isNaN(speed) || speed <= 0) {
    throw new RangeError(`speed must be a positive number or Infinity, got ${String(speed)}`);
  }
}

function entryTime(event: FeedEvent): number | undefined {
  if (event.event !== 'entry' && event.event !== 'update') return undefined;
  const ms = Date.parse(event.entry.time);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Shifts an ISO 8601 time by `ms`, keeping its UTC offset (`Z` or `±HH:MM`). */
export function shiftIsoTime(iso: string, ms: number): string {
  const epoch = Date.parse(iso);
  if (Number.isNaN(epoch)) return iso;
  const match = /(Z|[+-]\d{2}:?\d{2})$/i.exec(iso);
  const zone = match?.[1] ?? 'Z';
  let offsetMin = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  const local = new Date(epoch + ms + offsetMin * 60_000).toISOString(); // ....sssZ in local time
  const hasFraction = /T\d{2}:\d{2}:\d{2}\.\d+/.test(iso) || (epoch + ms) % 1000 !== 0;
  const body = hasFraction ? local.slice(0, -1) : local.slice(0, 19);
  return body + (zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`);
}

/** The event as published in loop round `round` (see the rules above). */
export function loopRoundEvent(event: FeedEvent, round: number, shiftMs: number): FeedEvent {
  if (round === 0) return event;
  const suffix = `~${round}`;
  switch (event.event) {
    case 'entry':
    case 'update':
      return {
        event: event.event,
        entry: { ...event.entry, id: event.entry.id + suffix, time: shiftIsoTime(event.entry.time, round * shiftMs) },
      };
    case 'delete':
      return { event: 'delete', id: event.id + suffix };
    case 'blog':
      return event;
  }
}

/** Publishes the input at the configured pace. Resolves when the input is exhausted (never when
 * looping) or when `signal` aborts. */
export async function runPublisher(options: PublisherOptions): Promise<void> {
  const { lines, log, signal, onInvalidLine } = options;
  const speed = options.speed;
  checkSpeed(speed);
  const interval = options.interval ?? DEFAULT_INTERVAL_MS;
  const maxGap = options.maxGapMs ?? DEFAULT_MAX_GAP_MS;
  const minRoundGap = options.minRoundGapMs ?? DEFAULT_MIN_ROUND_GAP_MS;
  const sleep = options.sleep ?? realSleep;
  let unpaced = Math.max(0, Math.floor(options.backlog ?? 0));

  let previousEntryTime: number | undefined;
  let seenEntry = false;

  function gapBefore(event: FeedEvent): number {
    if (event.event !== 'entry') return 0;
    const time = entryTime(event);
    const first = !seenEntry;
    const previous = previousEntryTime;
    seenEntry = true;
    if (time !== undefined) previousEntryTime = time;
    if (first) return 0;
    if (speed === undefined) return interval;
    if (speed === Infinity || time === undefined || previous === undefined) return 0;
    const gap = (time - previous) / speed;
    return Math.min(maxGap, Math.max(0, gap));
  }

  async function emit(event: FeedEvent, data?: string): Promise<boolean> {
    if (signal?.aborted) return false;
    const gap = gapBefore(event);
    if (unpaced > 0) {
      unpaced -= 1;
    } else if (gap > 0) {
      await sleep(gap, signal);
      if (signal?.aborted) return false;
    }
    log.publish(event, data);
    return true;
  }
  const skip = (line: number, error: string): void => onInvalidLine?.({ line, error, message: `line ${line}: ${error}` });

  const kept: FeedEvent[] | undefined = options.loop ? [] : undefined;
  let lineNo = 0;
  // Iterate by hand so that an abort also ends a wait for the next line (stdin may stay silent).
  const iterator: AsyncIterator<InputLine> | Iterator<InputLine> =
    Symbol.asyncIterator in lines ? lines[Symbol.asyncIterator]() : lines[Symbol.iterator]();
  const abortedSignal = new Promise<'aborted'>((resolve) => {
    if (signal?.aborted) resolve('aborted');
    else signal?.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
  let finished = false;
  try {
    for (;;) {
      const next = Promise.resolve(iterator.next());
      next.catch(() => {}); // a rejection after an abort is nobody's business
      const step = signal ? await Promise.race([next, abortedSignal]) : await next;
      if (step === 'aborted') return;
      if (step.done) {
        finished = true;
        break;
      }
      const raw = step.value;
      lineNo += 1;
      if (signal?.aborted) return;
      if (raw === notUtf8) {
        skip(lineNo, 'not valid UTF-8');
        continue;
      }
      let line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (lineNo === 1 && line.startsWith('\uFEFF')) line = line.slice(1);
      if (line.trim() === '') continue;
      const parsed = parseNdjsonLine(line);
      if (!parsed.ok) {
        skip(lineNo, parsed.error);
        continue;
      }
      const { event } = parsed.value;
      const data = eventData(event);
      if (!followersAccept(data)) {
        skip(lineNo, `${event.event} too large for followers (${data.length} characters as sent; they take at most ${followerEventLimit})`);
        continue;
      }
      kept?.push(event);
      if (!(await emit(event, data))) return;
    }
  } finally {
    if (!finished) {
      // Do not wait: an async generator that is mid-step finishes its return() only later.
      try {
        Promise.resolve(iterator.return?.()).catch(() => {});
      } catch {
        // ignore
      }
    }
  }

  if (kept === undefined || kept.length === 0) return;

  let earliest = Infinity;
  let latest = -Infinity;
  for (const event of kept) {
    const time = entryTime(event);
    if (time === undefined) continue;
    earliest = Math.min(earliest, time);
    latest = Math.max(latest, time);
  }
  const span = latest >= earliest ? latest - earliest : 0;
  const shift = span + ROUND_PAUSE_MS;

  for (let round = 1; ; round += 1) {
    // A fixed wall-clock pause between rounds; the round's first entry is then paced against the
    // previous round's last entry as usual (one story minute later, thanks to the time shift).
    await sleep(minRoundGap, signal);
    for (const original of kept) {
      if (signal?.aborted) return;
      if (!(await emit(loopRoundEvent(original, round, shift)))) return;
    }
  }
}
