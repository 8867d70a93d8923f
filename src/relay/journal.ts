import { closeSync, fdatasyncSync, ftruncateSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import type { FeedEventName } from '../schema/feed.js';
import { holdLock } from '../settings/lock.js';

/*
 * The relay's resume position: an append-only file with one line per event, written and synced
 * BEFORE the event is posted. So after any kill the file holds every event the hub may have, and
 * at most its last line may be one the hub never got; the relay asks the hub about that one line
 * (hubBefore: the channel's newest id before the post) instead of guessing.
 *
 * A line: {"s":source,"c":cursor,"h":hubBefore,"u":channel URL,"e":event,"f":feed,"p":payload}
 * with the payload's JSON text last and verbatim, so a replayed event is recognised by the same
 * text it was published with.
 */

export interface JournalLine {
  /** The source's label (its URL, a path, `stdin`). */
  readonly source: string;
  /** The source's cursor after this event, where a restart resumes. */
  readonly cursor?: string;
  /** The channel's newest message id before this event was posted, when the hub says. */
  readonly hubBefore?: string;
  readonly channel: string;
  readonly event: FeedEventName;
  readonly feed: string;
  readonly payload: string;
}

export interface Journal {
  readonly path: string;
  /** What earlier runs wrote, oldest first. */
  readonly lines: readonly JournalLine[];
  append(line: JournalLine): void;
  /** Takes back the last line: the hub never got that event, and the source will send it again. */
  dropLast(): void;
  close(): void;
}

/** A journal stays at most this long; older lines only protect against replays from long ago. */
const compactAbove = 20_000;
const keepWhenCompacting = 10_000;
const payloadField = ',"p":';

export function encodeLine(line: JournalLine): string {
  const meta = JSON.stringify({ s: line.source, c: line.cursor, h: line.hubBefore, u: line.channel, e: line.event, f: line.feed });
  return `${meta.slice(0, -1)}${payloadField}${line.payload}}\n`;
}

/** A line, or undefined for one torn by a kill mid-write (or otherwise unreadable). */
export function decodeLine(text: string): JournalLine | undefined {
  try {
    const meta = JSON.parse(text) as { s?: unknown; c?: unknown; h?: unknown; u?: unknown; e?: unknown; f?: unknown; p?: unknown };
    // Inside JSON strings a quote is escaped, so the first `,"p":` is the field itself.
    const at = text.indexOf(payloadField);
    if (typeof meta.s !== 'string' || typeof meta.u !== 'string' || typeof meta.e !== 'string' || typeof meta.f !== 'string' || at < 0) return undefined;
    return {
      source: meta.s,
      channel: meta.u,
      event: meta.e as FeedEventName,
      feed: meta.f,
      payload: text.slice(at + payloadField.length, -1),
      ...(typeof meta.c === 'string' ? { cursor: meta.c } : {}),
      ...(typeof meta.h === 'string' ? { hubBefore: meta.h } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Keeps the newest lines, and each source's last line so that every source keeps its cursor. */
export function compact(lines: readonly JournalLine[], keep = keepWhenCompacting): JournalLine[] {
  if (lines.length <= keep) return [...lines];
  const recent = lines.slice(-keep);
  const covered = new Set(recent.map((line) => line.source));
  const lastOfOthers = new Map<string, JournalLine>();
  for (const line of lines.slice(0, -keep)) if (!covered.has(line.source)) lastOfOthers.set(line.source, line);
  return [...lastOfOthers.values(), ...recent];
}

/** One relay per journal: a second one would publish every event twice. */
function lock(path: string): () => void {
  return holdLock(`${path}.lock`, (pid) => `another relay (pid ${pid}) is using ${path}`);
}

function readLines(path: string): { lines: JournalLine[]; clean: boolean } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], clean: true };
    throw error;
  }
  const lines: JournalLine[] = [];
  let clean = text === '' || text.endsWith('\n');
  for (const raw of text.split('\n')) {
    if (raw === '') continue;
    const line = decodeLine(raw);
    if (line) lines.push(line);
    else clean = false;
  }
  return { lines, clean };
}

function rewrite(path: string, lines: readonly JournalLine[]): void {
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, lines.map(encodeLine).join(''));
  const descriptor = openSync(temporary, 'r+');
  fdatasyncSync(descriptor);
  closeSync(descriptor);
  renameSync(temporary, path);
}

export function openJournal(path: string): Journal {
  const unlock = lock(path);
  let lines: JournalLine[];
  try {
    const read = readLines(path);
    lines = read.lines;
    // A torn last line was never posted (posting waits for the sync): it goes, and so do old lines.
    if (!read.clean || lines.length > compactAbove) {
      lines = compact(lines);
      rewrite(path, lines);
    }
  } catch (error) {
    unlock();
    throw error;
  }
  const earlier = lines;
  let descriptor = openSync(path, 'a');
  let sizes = lines.map((line) => Buffer.byteLength(encodeLine(line)));
  let length = sizes.reduce((sum, size) => sum + size, 0);
  let written = [...lines];
  return {
    path,
    lines: earlier,
    append(line) {
      const text = encodeLine(line);
      writeSync(descriptor, text);
      fdatasyncSync(descriptor);
      written.push(line);
      sizes.push(Buffer.byteLength(text));
      length += sizes[sizes.length - 1]!;
      if (written.length > compactAbove) {
        closeSync(descriptor);
        written = compact(written);
        rewrite(path, written);
        sizes = written.map((kept) => Buffer.byteLength(encodeLine(kept)));
        length = sizes.reduce((sum, size) => sum + size, 0);
        descriptor = openSync(path, 'a');
      }
    },
    dropLast() {
      if (written.length === 0) return;
      written.pop();
      length -= sizes.pop()!;
      ftruncateSync(descriptor, length);
      fdatasyncSync(descriptor);
    },
    close() {
      closeSync(descriptor);
      unlock();
    },
  };
}
