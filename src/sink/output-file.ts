import { closeSync, fdatasyncSync, fstatSync, ftruncateSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { eventPayload } from '../schema/feed.js';
import { ndjsonLinePayload, parseNdjsonLine } from '../schema/ndjson.js';
import { escapeUnsafeJson } from '../schema/safe-json.js';
import { holdLock } from '../settings/lock.js';
import { hash53 } from '../timeline/fingerprint.js';
import type { Cursors } from './cursor-log.js';
import { createFileLineWriter, type BatchLimits } from './file-line-writer.js';
import type { PrintedLine, WriterFactory } from './pipe.js';

/*
 * `--output FILE`: livetail appends the NDJSON lines itself and the file is the resume position.
 * At start it reads back every line the file holds, so that their replays are dropped, and each
 * feed continues from the cursor saved beside it in FILE.position. That cursor is saved only
 * after the lines up to it were synced, and names the file length it belongs to, so it is never
 * ahead of the file: after any kill the feed replays from at most a little earlier, and those
 * replays are recognised by what the file holds. One process per file (FILE.lock).
 */

export interface OutputFile {
  /** Each feed's cursor after the last event that reached the file, from FILE.position. */
  readonly cursors: Cursors;
  /** Every line the file held at start, oldest first, read as it is iterated. */
  readonly earlier: Iterable<PrintedLine>;
  readonly writer: WriterFactory;
  save(cursors: Cursors): void;
  close(): void;
}

/** The file is not livetail's NDJSON: appending to it (and repairing its last line) could damage it. */
export class NotOutputFile extends Error {}

interface SavedPosition {
  /** The file's length when the cursors were saved, and a hash of the line ending there. */
  readonly length: number;
  readonly lastLine: number;
  readonly cursors: Record<string, string>;
}

const chunkSize = 64 * 1024;
const newline = 0x0a;
/** How every line `ndjsonLine` makes begins. */
const lineStart = '{"event":"';

function readText(descriptor: number, start: number, end: number): string {
  const buffer = Buffer.alloc(end - start);
  for (let done = 0; done < buffer.length; ) {
    const read = readSync(descriptor, buffer, done, buffer.length - done, start + done);
    if (read === 0) break;
    done += read;
  }
  return buffer.toString('utf8');
}

/** The offset just after the last newline in the bytes [0, end), or 0 when there is none. */
function afterLastNewline(descriptor: number, end: number): number {
  const chunk = Buffer.alloc(chunkSize);
  for (let position = end; position > 0; ) {
    const from = Math.max(0, position - chunkSize);
    const read = readSync(descriptor, chunk, 0, position - from, from);
    const found = chunk.subarray(0, read).lastIndexOf(newline);
    if (found !== -1) return from + found + 1;
    position = from;
  }
  return 0;
}

/** The text of the line that ends (with its newline) at `end`; empty at 0. */
function lastLineBefore(descriptor: number, end: number): string {
  return end === 0 ? '' : readText(descriptor, afterLastNewline(descriptor, end - 1), end - 1);
}

/** The complete lines of the bytes [0, end), without their newlines, read in chunks (a file can outgrow a string). */
function* linesOf(descriptor: number, end: number): Generator<string> {
  const chunk = Buffer.alloc(chunkSize);
  let pending: Buffer[] = [];
  for (let position = 0; position < end; ) {
    const read = readSync(descriptor, chunk, 0, Math.min(chunkSize, end - position), position);
    if (read === 0) return;
    const bytes = chunk.subarray(0, read);
    let start = 0;
    for (let found = bytes.indexOf(newline); found !== -1; found = bytes.indexOf(newline, start)) {
      pending.push(bytes.subarray(start, found));
      yield Buffer.concat(pending).toString('utf8');
      pending = [];
      start = found + 1;
    }
    // The chunk buffer is reused for the next read: keep a copy of the unfinished line.
    if (start < read) pending.push(Buffer.from(bytes.subarray(start)));
    position += read;
  }
}

/** A line as the pipe remembers it, or undefined for one that is not a livetail event. */
export function readBackLine(text: string): PrintedLine | undefined {
  const parsed = parseNdjsonLine(text);
  if (!parsed.ok || parsed.value.feed === undefined) return undefined;
  const { feed, event } = parsed.value;
  // A line livetail made holds the payload exactly as it was fingerprinted when printed.
  const payloadJson = ndjsonLinePayload(text, feed, event.event) ?? escapeUnsafeJson(JSON.stringify(eventPayload(event)));
  return { feed, event, payloadJson };
}

/**
 * Cuts off what a kill (or a power cut) left half-written: bytes after the last newline, and a
 * last line that is not an event. Returns the length that remains.
 */
export function repairTornEnd(descriptor: number): number {
  const size = fstatSync(descriptor).size;
  let end = afterLastNewline(descriptor, size);
  if (end > 0 && readBackLine(lastLineBefore(descriptor, end)) === undefined) end = afterLastNewline(descriptor, end - 1);
  if (end < size) {
    ftruncateSync(descriptor, end);
    fdatasyncSync(descriptor);
  }
  return end;
}

/** The cursors saved with the file, if they belong to it as it is now (not to a file since replaced). */
function readPosition(positionPath: string, descriptor: number, length: number): Cursors {
  let saved: SavedPosition | null;
  try {
    saved = JSON.parse(readFileSync(positionPath, 'utf8')) as SavedPosition | null;
  } catch {
    return new Map();
  }
  if (typeof saved !== 'object' || saved === null) return new Map();
  if (!Number.isInteger(saved.length) || saved.length < 0 || saved.length > length || typeof saved.cursors !== 'object' || saved.cursors === null) return new Map();
  if (saved.length > 0) {
    if (hash53(lastLineBefore(descriptor, saved.length)) !== saved.lastLine) return new Map();
  }
  return new Map(Object.entries(saved.cursors).filter(([, cursor]) => typeof cursor === 'string'));
}

export interface OutputFileOptions extends Partial<BatchLimits> {
  readonly warn: (line: string) => void;
}

export function openOutputFile(path: string, { warn, ...limits }: OutputFileOptions): OutputFile {
  const release = holdLock(`${path}.lock`, (pid) => `another livetail (pid ${pid}) is writing to ${path}`);
  const positionPath = `${path}.position`;
  let descriptor: number | undefined;
  try {
    descriptor = openSync(path, 'a+');
    if (fstatSync(descriptor).size > 0 && readText(descriptor, 0, lineStart.length) !== lineStart) {
      throw new NotOutputFile(`--output: ${path} does not hold livetail NDJSON; refusing to append to it`);
    }
    const length = repairTornEnd(descriptor);
    const cursors = readPosition(positionPath, descriptor, length);
    const fileDescriptor = descriptor;
    const lastLine = lastLineBefore(fileDescriptor, length);
    const lines = createFileLineWriter(fileDescriptor, { length, lastLine }, { batchLines: 500, batchMs: 100, ...limits });
    let warnedSave = false;
    return {
      cursors,
      earlier: {
        *[Symbol.iterator]() {
          let skipped = 0;
          for (const text of linesOf(fileDescriptor, length)) {
            const line = readBackLine(text);
            if (line) yield line;
            else skipped += 1;
          }
          if (skipped > 0) warn(`${path}: ${skipped} lines are not livetail events; kept, but not taken as printed`);
        },
      },
      writer: (end, onBatch) =>
        lines.writer(onBatch, (error) => {
          warn(`cannot write to ${path}: ${error.message}`);
          end(1);
        }),
      save(saved) {
        const position: SavedPosition = { length: lines.syncedLength, lastLine: hash53(lines.lastLine), cursors: Object.fromEntries(saved) };
        try {
          // Replaced whole (written beside it, then renamed), so a kill leaves the old or the new one.
          writeFileSync(`${positionPath}.tmp`, JSON.stringify(position));
          renameSync(`${positionPath}.tmp`, positionPath);
        } catch (error) {
          // The file is still right; only the next run starts further back, dropping more replays.
          if (!warnedSave) warn(`cannot save the position in ${positionPath}: ${(error as Error).message}`);
          warnedSave = true;
        }
      },
      close() {
        closeSync(fileDescriptor);
        release();
      },
    };
  } catch (error) {
    if (descriptor !== undefined) closeSync(descriptor);
    release();
    throw error;
  }
}
