import { open, readFile, stat } from 'node:fs/promises';
import { unwatchFile, watchFile } from 'node:fs';
import { parseNdjsonLine } from '../schema/ndjson.js';
import type { Emit, Source } from '../schema/signal.js';
import { kindFromName, sniff } from './detect.js';

/*
 * A local file, with the same detection as a URL: a page saved from a browser or a feed is read
 * once; an NDJSON file is followed as it grows, like `tail -f`, so `livetail summit.ndjson`
 * watches what `--output` appends. A file cut shorter (rotated, rewritten) is read again from the
 * start: the faces drop what they have already shown.
 */

/** How often a followed file is looked at; fs.watch misses appends on some filesystems. */
const watchIntervalMs = 250;

function emitLine(emit: Emit, feed: string, line: string, number: number): void {
  if (line.trim() === '') return;
  const parsed = parseNdjsonLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  if (parsed.ok) emit({ type: 'event', feed: parsed.value.feed ?? feed, event: parsed.value.event });
  else emit({ type: 'invalid', feed, reason: `line ${number}: ${parsed.error}` });
}

function followNdjson(path: string, emit: Emit, isStopped: () => boolean): () => void {
  let offset = 0;
  let partial = Buffer.alloc(0);
  let lineNumber = 0;
  let reading = false;
  let again = false;
  const readNew = async (): Promise<void> => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        const { size } = await stat(path);
        if (size < offset) {
          offset = 0;
          partial = Buffer.alloc(0);
          lineNumber = 0;
        }
        if (size === offset) continue;
        const handle = await open(path, 'r');
        try {
          const chunk = Buffer.alloc(size - offset);
          const { bytesRead } = await handle.read(chunk, 0, chunk.length, offset);
          offset += bytesRead;
          const text = Buffer.concat([partial, chunk.subarray(0, bytesRead)]);
          const end = text.lastIndexOf(0x0a);
          // A line is taken only once its newline is there: the writer may be mid-line.
          partial = end === -1 ? text : text.subarray(end + 1);
          if (end !== -1) for (const line of text.subarray(0, end).toString('utf8').split('\n')) emitLine(emit, path, line, ++lineNumber);
        } finally {
          await handle.close();
        }
      } while (again && !isStopped());
    } catch (error) {
      emit({ type: 'invalid', feed: path, reason: `cannot read: ${(error as Error).message}` });
    } finally {
      reading = false;
    }
  };
  void readNew().then(() => {
    if (isStopped()) return;
    emit({ type: 'ready', feed: path });
    watchFile(path, { interval: watchIntervalMs }, () => void readNew());
    // What was appended before the watch took its first look would otherwise wait for the next change.
    void readNew();
  });
  return () => unwatchFile(path);
}

async function readDocument(path: string, kind: 'page' | 'feed', emit: Emit): Promise<void> {
  const body = await readFile(path);
  const [{ diffSnapshot, emptyPollState }, parse] = await Promise.all([
    import('./poll/snapshot-diff.js'),
    kind === 'page' ? import('./page/parse-page.js').then((module) => module.parsePageDocument) : import('./feed/parse-feed.js').then((module) => module.parseFeedDocument),
  ]);
  const parsed = parse({ body, contentType: undefined, url: new URL(`file://${path.startsWith('/') ? '' : `${process.cwd()}/`}${path}`).href });
  if (!parsed.ok) {
    emit({ type: 'state', feed: path, state: { status: 'stopped', reason: parsed.error } });
    return;
  }
  for (const notice of parsed.snapshot.notices ?? []) emit({ type: 'invalid', feed: path, reason: notice });
  for (const { event } of diffSnapshot(emptyPollState, parsed.snapshot).events) emit({ type: 'event', feed: path, event });
  emit({ type: 'ready', feed: path });
  emit({ type: 'state', feed: path, state: { status: 'ended' } });
}

export function createFileSource(path: string): Source {
  let stopped = false;
  let unwatch: (() => void) | undefined;
  return {
    feed: path,
    start(emit) {
      void (async () => {
        emit({ type: 'state', feed: path, state: { status: 'connecting', attempt: 0 } });
        let kind = kindFromName(path);
        try {
          if (kind === undefined) {
            const handle = await open(path, 'r');
            const head = Buffer.alloc(4096);
            const { bytesRead } = await handle.read(head, 0, head.length, 0);
            await handle.close();
            kind = sniff(head.subarray(0, bytesRead).toString('latin1'));
          }
        } catch (error) {
          emit({ type: 'state', feed: path, state: { status: 'stopped', reason: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` } });
          return;
        }
        if (stopped) return;
        emit({ type: 'state', feed: path, state: { status: 'connected', at: Date.now() } });
        if (kind === 'ndjson' || kind === undefined) unwatch = followNdjson(path, emit, () => stopped);
        else if (kind === 'page' || kind === 'feed') await readDocument(path, kind, emit).catch((error: Error) => emit({ type: 'state', feed: path, state: { status: 'stopped', reason: error.message } }));
        else emit({ type: 'state', feed: path, state: { status: 'stopped', reason: 'a recorded event stream: serve it with livetail serve, or save it as NDJSON' } });
      })();
    },
    stop() {
      stopped = true;
      unwatch?.();
    },
  };
}
