import { fstatSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { FeedLog } from './feed-log.js';
import { inputLines, type InputLine } from './input-lines.js';
import { checkSpeed, runPublisher, type InvalidLine, type Sleep } from './publisher.js';
import { startServer } from './server.js';

/*
 * `livetail serve <file|-> [--port N] [--host H] [--speed X] [--loop]`, minus argument parsing:
 * reads NDJSON (a file, stdin, or lines handed in by the caller, e.g. the demo), publishes it
 * into a FeedLog at the pace of ./publisher.ts and serves that log as SSE (./server.ts).
 */

export { FeedLog, type LoggedEvent, type FeedLogOptions, type LogListener } from './feed-log.js';
export { startServer, parseLastEventId, type StartServerOptions, type RunningServer } from './server.js';
export {
  runPublisher,
  realSleep,
  checkSpeed,
  shiftIsoTime,
  loopRoundEvent,
  type PublisherOptions,
  type InvalidLine,
  type Sleep,
} from './publisher.js';
export { formatSseEvent, formatRetry, formatComment, safeJsonStringify, SSE_READY, SSE_KEEPALIVE } from './sse-wire.js';

export interface ServeOptions {
  /** A file path, or `-` for stdin. Either this or `lines`. */
  input?: string;
  /** NDJSON lines given directly (the demo uses this). */
  lines?: AsyncIterable<string> | Iterable<string>;
  /** Stream read for input `-`; default `process.stdin`. */
  stdin?: NodeJS.ReadableStream;
  host?: string;
  port?: number;
  /** See publisher.ts; undefined = one entry per second (files) or as they arrive (stdin). */
  speed?: number | undefined;
  loop?: boolean;
  backlog?: number;
  /** Events kept for new clients; default unlimited, 10 000 when looping. */
  maxEvents?: number;
  onInvalidLine?: (invalid: InvalidLine) => void;
  signal?: AbortSignal;
  /** Injectable timer for the publisher (tests). */
  sleep?: Sleep;
  keepaliveMs?: number;
}

export interface ServeHandle {
  /** e.g. `http://127.0.0.1:41234/` */
  readonly url: string;
  readonly port: number;
  readonly log: FeedLog;
  /** Resolves when the input is exhausted (never when looping, until closed). Rejects when the
   * input cannot be read to the end. The server keeps serving after it resolves. */
  readonly done: Promise<void>;
  clientCount(): number;
  /** Stops publishing, ends all clients and stops listening. */
  close(): Promise<void>;
}

export const LOOP_MAX_EVENTS = 10_000;

function readError(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EBADF'
            ? 'not open for reading'
            : error instanceof Error
            ? error.message
            : String(error);
  return new Error(`cannot read ${path}: ${reason}`, { cause: error });
}

async function openInput(path: string): Promise<FileHandle> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    if ((await handle.stat()).isDirectory()) {
      throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    }
    return handle;
  } catch (error) {
    await handle?.close().catch(() => {});
    throw readError(path, error);
  }
}

/**
 * Node gives a stdin it cannot read from (a directory: `serve - < /tmp`; a closed descriptor)
 * as an empty stream, which would read as an empty feed: ask the descriptor itself.
 */
function checkStdin(): void {
  try {
    if (fstatSync(0).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (error) {
    throw readError('stdin', error);
  }
}

async function* linesOf(stream: NodeJS.ReadableStream, label: string, signal: AbortSignal): AsyncGenerator<InputLine> {
  // Once stopped, a pending read must not hold on to the input (stdin may stay silent).
  const onAbort = (): void => void (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    yield* inputLines(stream as AsyncIterable<Uint8Array | string>);
  } catch (error) {
    throw readError(label, error);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

export async function serve(options: ServeOptions): Promise<ServeHandle> {
  const { input, host = '127.0.0.1', port = 0, speed, loop = false } = options;
  checkSpeed(speed);
  if ((input === undefined) === (options.lines === undefined)) {
    throw new TypeError('serve: give exactly one of `input` or `lines`');
  }

  const stop = new AbortController();
  let lines: AsyncIterable<InputLine> | Iterable<InputLine>;
  let handle: FileHandle | undefined;
  const fromStdin = input === '-';
  if (input === undefined) {
    lines = options.lines!;
  } else if (fromStdin) {
    if (options.stdin === undefined) checkStdin();
    lines = linesOf(options.stdin ?? process.stdin, 'stdin', stop.signal);
  } else {
    handle = await openInput(input);
    lines = linesOf(handle.createReadStream(), input, stop.signal);
  }

  const log = new FeedLog({ maxEvents: options.maxEvents ?? (loop ? LOOP_MAX_EVENTS : Infinity) });
  let server;
  try {
    server = await startServer({
      log,
      host,
      port,
      ...(options.keepaliveMs !== undefined ? { keepaliveMs: options.keepaliveMs } : {}),
    });
  } catch (error) {
    await handle?.close().catch(() => {});
    throw error;
  }

  const external = options.signal;
  const done = runPublisher({
    lines,
    log,
    speed,
    loop,
    backlog: options.backlog,
    // stdin: publish as lines arrive unless a speed asks for story-time pacing.
    interval: fromStdin ? 0 : undefined,
    onInvalidLine: options.onInvalidLine,
    signal: stop.signal,
    sleep: options.sleep,
  });
  // The caller may never await `done`: a read error must not become an unhandled rejection.
  done.catch(() => {});

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      stop.abort();
      external?.removeEventListener('abort', onAbort);
      await server.close();
      await handle?.close().catch(() => {});
    })();
    return closing;
  };
  const onAbort = (): void => void close();
  if (external?.aborted) void close();
  else external?.addEventListener('abort', onAbort, { once: true });

  return { url: server.url, port: server.port, log, done, clientCount: server.clientCount, close };
}
