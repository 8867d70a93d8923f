import { fdatasyncSync, writeSync } from 'node:fs';
import type { LineWriter } from './line-writer.js';

/*
 * Lines appended to a file livetail owns (`--output`), written and synced in batches: at most
 * `batchLines` lines or `batchMs` after the first line of a batch, whichever comes first. A
 * batch is written and synced in one step, so once a batch's `onBatch` callback runs, its lines
 * are on disk; between batches everything written is synced.
 */

export interface BatchLimits {
  readonly batchLines: number;
  readonly batchMs: number;
}

export interface FileLineWriter {
  /** The writer for the pipe; `onFailed` is told once when the file cannot be written. */
  writer(onBatch: (() => () => void) | undefined, onFailed: (error: Error) => void): LineWriter;
  /** The file's length, all of it synced, outside a batch. */
  readonly syncedLength: number;
  /** The text of the file's last line (without its newline). */
  readonly lastLine: string;
}

function writeAll(descriptor: number, bytes: Buffer): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(descriptor, bytes, done, bytes.length - done);
}

export function createFileLineWriter(descriptor: number, start: { length: number; lastLine: string }, limits: BatchLimits): FileLineWriter {
  let { length, lastLine } = start;
  return {
    get syncedLength() {
      return length;
    },
    get lastLine() {
      return lastLine;
    },
    writer(onBatch, onFailed) {
      let batch: string[] = [];
      let timer: NodeJS.Timeout | undefined;
      let failed = false;
      const writeBatch = (): void => {
        clearTimeout(timer);
        timer = undefined;
        if (failed || batch.length === 0) return;
        const lines = batch;
        batch = [];
        const written = onBatch?.();
        const bytes = Buffer.from(lines.join('\n') + '\n', 'utf8');
        try {
          writeAll(descriptor, bytes);
          fdatasyncSync(descriptor);
        } catch (error) {
          failed = true;
          onFailed(error as Error);
          return;
        }
        length += bytes.length;
        lastLine = lines[lines.length - 1]!;
        written?.();
      };
      return {
        get closed() {
          return failed;
        },
        write(line) {
          if (failed) return;
          batch.push(line);
          if (batch.length >= limits.batchLines) writeBatch();
          else timer ??= setTimeout(writeBatch, limits.batchMs);
        },
        flush() {
          writeBatch();
          return Promise.resolve();
        },
      };
    },
  };
}
