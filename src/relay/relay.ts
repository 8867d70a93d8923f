import { eventPayload, validateEvent, type FeedEventName } from '../schema/feed.js';
import { isFinal, type Source, type SourceSignal } from '../schema/signal.js';
import { PrintedMemory } from '../sink/printed-memory.js';
import { defaultBackoff, reconnectDelay, type BackoffPolicy } from '../sources/backoff.js';
import { sanitizeLine } from '../text/sanitize.js';
import type { Hub } from './hub.js';
import type { Journal, JournalLine } from './journal.js';

/*
 * `livetail relay`: follows sources as the follower does and publishes every event, once and in
 * order, to a hub channel. The journal (journal.ts) is written before each post, so a relay
 * killed at any moment resumes its sources from the last journaled cursor, drops replays it
 * already published, and asks the hub whether the one event it may have been posting got there.
 */

export interface RelayedSource {
  /** The source's label: the key of its cursor in the journal. */
  readonly label: string;
  /** The publisher URL its events go to. */
  readonly channel: string;
  /** Opens the source, resuming after `cursor` when one is known. */
  open(cursor: string | undefined): Source;
  /** False for stdin, which cannot be read again: it is never paused. */
  readonly reopenable: boolean;
}

export interface RelayOptions {
  readonly sources: readonly RelayedSource[];
  readonly hub: Hub;
  readonly journal: Journal;
  /** One line of diagnostics (stderr). */
  readonly warn: (line: string) => void;
  readonly stop?: AbortSignal;
  /** Events held while the hub is down before the sources are paused. */
  readonly maxHeld?: number;
  /** The channel's blog event is posted again after this many events, for followers that connect late. */
  readonly blogEvery?: number;
  readonly policy?: BackoffPolicy;
  readonly random?: () => number;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

interface Held {
  readonly source: string;
  readonly cursor: string | undefined;
  readonly channel: string;
  readonly event: FeedEventName;
  readonly feed: string;
  readonly payload: string;
  /** A blog event posted again for late followers: not journaled, not retried. */
  readonly repeat?: boolean;
}

const defaultMaxHeld = 10_000;
const defaultBlogEvery = 200;

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function seedMemory(memory: PrintedMemory, lines: readonly JournalLine[]): void {
  for (const line of lines) {
    let payload: unknown;
    try {
      payload = JSON.parse(line.payload);
    } catch {
      continue;
    }
    const validated = validateEvent(line.event, payload);
    if (validated.ok) memory.firstTime(line.feed, validated.value, line.payload);
  }
}

function repeatOf(where: Pick<Held, 'source' | 'channel' | 'feed'>, blog: string): Held {
  return { source: where.source, channel: where.channel, feed: where.feed, cursor: undefined, event: 'blog', payload: blog, repeat: true };
}

/** Resolves with the exit code: 0 when every source ended and all was published, 1 on a failure. */
export async function runRelay(options: RelayOptions): Promise<number> {
  const { hub, journal, warn } = options;
  const maxHeld = options.maxHeld ?? defaultMaxHeld;
  const blogEvery = options.blogEvery ?? defaultBlogEvery;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? wait;
  const stop = new AbortController();
  options.stop?.addEventListener('abort', () => stop.abort(), { once: true });

  // The one line that may not have reached the hub: keep it only if the channel moved past it.
  let lines = [...journal.lines];
  const last = lines.at(-1);
  if (last) {
    const head = await hub.head(last.channel);
    if (!(head.kind === 'id' && head.id !== last.hubBefore)) {
      journal.dropLast();
      lines = lines.slice(0, -1);
    }
  }
  const memory = new PrintedMemory();
  seedMemory(memory, lines);
  const cursors = new Map<string, string>();
  const blogs = new Map<string, string>();
  for (const line of lines) {
    if (line.cursor !== undefined) cursors.set(line.source, line.cursor);
    if (line.event === 'blog') blogs.set(line.channel, line.payload);
  }

  const heads = new Map<string, string | undefined>();
  const headOf = async (channel: string): Promise<string | undefined> => {
    if (!heads.has(channel)) {
      const head = await hub.head(channel);
      heads.set(channel, head.kind === 'id' ? head.id : undefined);
    }
    return heads.get(channel);
  };

  const queue: Held[] = [];
  const running = new Map<string, Source>();
  const final = new Set<string>();
  let paused = false;
  let pumping = false;
  let failed = false;
  let published = 0;
  let settle: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (settle = resolve));

  const finish = (code: number): void => {
    stop.abort();
    for (const source of running.values()) source.stop();
    running.clear();
    settle(code);
  };
  stop.signal.addEventListener('abort', () => finish(failed ? 1 : 0), { once: true });

  const allOver = (): boolean => final.size === options.sources.length && queue.length === 0;

  const onSignal = (relayed: RelayedSource, source: Source) => (signal: SourceSignal): void => {
    // A paused source's late signals are dropped before anything notes them: it sends them again.
    if (stop.signal.aborted || running.get(relayed.label) !== source) return;
    switch (signal.type) {
      case 'event': {
        const payload = signal.json ?? JSON.stringify(eventPayload(signal.event));
        if (!memory.firstTime(signal.feed, signal.event, payload)) return;
        if (signal.event.event === 'blog') blogs.set(relayed.channel, payload);
        queue.push({ source: relayed.label, cursor: signal.cursor, channel: relayed.channel, event: signal.event.event, feed: signal.feed, payload });
        if (queue.length >= maxHeld && !paused) pause();
        void pump();
        return;
      }
      case 'invalid':
        warn(`${sanitizeLine(relayed.label)}: skipped ${sanitizeLine(signal.reason)}`);
        return;
      case 'notice':
        warn(`${sanitizeLine(relayed.label)}: ${sanitizeLine(signal.text)}`);
        return;
      case 'ready':
        return;
      case 'state': {
        const state = signal.state;
        if (state.status === 'reconnecting') warn(`${sanitizeLine(relayed.label)}: ${sanitizeLine(state.reason)}; reconnecting`);
        if (!isFinal(state)) return;
        if (state.status === 'stopped') {
          failed = true;
          warn(`${sanitizeLine(relayed.label)}: stopped: ${sanitizeLine(state.reason)}`);
        }
        running.delete(relayed.label);
        final.add(relayed.label);
        if (allOver()) finish(failed ? 1 : 0);
      }
    }
  };

  const open = (relayed: RelayedSource): void => {
    const source = relayed.open(cursors.get(relayed.label));
    running.set(relayed.label, source);
    source.start(onSignal(relayed, source));
  };

  /** The hub is down and the queue is full: stop reading (the sources resume from the journal later). */
  const pause = (): void => {
    paused = true;
    warn(`hub unreachable: ${queue.length} events held; pausing the sources until the hub answers (they resume where the journal ends, nothing is lost)`);
    for (const relayed of options.sources) {
      if (!relayed.reopenable) continue;
      const source = running.get(relayed.label);
      if (!source) continue;
      running.delete(relayed.label);
      source.stop();
    }
  };

  const resumeSources = (): void => {
    paused = false;
    for (const relayed of options.sources) if (relayed.reopenable && !running.has(relayed.label) && !final.has(relayed.label)) open(relayed);
  };

  /** Posts one event until the hub takes it; false when the hub refuses it for good. */
  const publish = async (item: Held): Promise<boolean> => {
    const hubBefore = await headOf(item.channel);
    if (item.repeat) {
      const outcome = await hub.publish(item.channel, item.event, item.payload);
      if (outcome.ok) heads.set(item.channel, outcome.lastMessageId);
      else if (outcome.uncertain) heads.delete(item.channel);
      return true;
    }
    journal.append({ ...item, ...(hubBefore === undefined ? {} : { hubBefore }) });
    let troubled = false;
    for (let attempt = 1; !stop.signal.aborted; attempt += 1) {
      const outcome = await hub.publish(item.channel, item.event, item.payload);
      if (outcome.ok) {
        heads.set(item.channel, outcome.lastMessageId);
        if (troubled) warn(`hub: publishing again (${queue.length} events held)`);
        return true;
      }
      if (!outcome.retry) {
        journal.dropLast();
        warn(`hub: stopped: ${outcome.reason} for ${sanitizeLine(item.channel)}`);
        return false;
      }
      if (outcome.uncertain) {
        const head = await hub.head(item.channel);
        if (head.kind === 'id' && head.id !== hubBefore) {
          heads.set(item.channel, head.id);
          return true;
        }
      }
      const delay = reconnectDelay(attempt, random(), { policy: options.policy ?? defaultBackoff, serverMinimumMs: outcome.retryAfterMs ?? 0 });
      if (!troubled || attempt % 10 === 0) warn(`hub: ${outcome.reason}; retrying in ${Math.ceil(delay / 1000)}s (${queue.length} events held)`);
      troubled = true;
      await sleep(delay, stop.signal);
    }
    return false;
  };

  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0 && !stop.signal.aborted) {
        const item = queue[0]!;
        if (!(await publish(item))) {
          if (!stop.signal.aborted) {
            failed = true;
            finish(1);
          }
          return;
        }
        queue.shift();
        if (item.repeat) continue;
        if (item.cursor !== undefined) cursors.set(item.source, item.cursor);
        published += 1;
        const blog = blogs.get(item.channel);
        if (published % blogEvery === 0 && blog !== undefined && item.event !== 'blog') queue.unshift(repeatOf(item, blog));
      }
      if (paused && queue.length === 0) resumeSources();
      if (allOver()) finish(failed ? 1 : 0);
    } finally {
      pumping = false;
    }
  };

  // A follower that connects late still learns the blog's title and state from the buffer.
  for (const relayed of options.sources) {
    const blog = blogs.get(relayed.channel);
    if (blog !== undefined) queue.push(repeatOf({ source: relayed.label, channel: relayed.channel, feed: relayed.label }, blog));
  }
  for (const relayed of options.sources) open(relayed);
  void pump();
  return finished;
}
