import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FeedLog } from './feed-log.js';
import { DEFAULT_RETRY_MS, SSE_KEEPALIVE, SSE_READY, formatRetry } from './sse-wire.js';

/*
 * The SSE endpoint of `livetail serve` (design.md section 3), on plain node:http.
 *
 * GET / (any query string)  ->  200 text/event-stream:
 *     retry: 2000
 *     <backlog: every retained event with a cursor > the client's last event id>
 *     event: ready / data: {}
 *     <live events as they are published>
 *     ": keepalive" comments every 15 s
 * other paths -> 404, other methods -> 405 (Allow: GET).
 *
 * The client's position comes from the `Last-Event-ID` header, else the `lastEventId` or
 * `last_event_id` query parameter. Anything that is not a plain non-negative integer means
 * "from the start"; so does an id beyond the newest cursor (it comes from an earlier run of the
 * server, whose cursors restarted at 1: replaying everything is better than sending nothing,
 * and followers drop entries they already have by id).
 *
 * Backpressure: each client is pumped from the log, not from a private queue. When a socket's
 * buffer is full the server stops writing to that client and resumes on 'drain', so a slow or
 * stalled client costs at most one socket buffer of memory and never blocks the others.
 */

export interface StartServerOptions {
  log: FeedLog;
  host?: string;
  port?: number;
  /** Interval of keepalive comments; default 15 000 ms. */
  keepaliveMs?: number;
  /** `retry:` advertised to clients; default 2000 ms. */
  retryMs?: number;
}

export interface RunningServer {
  /** e.g. `http://127.0.0.1:41234/` */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Number of connected SSE clients. */
  clientCount(): number;
  /** Ends every client connection and stops listening. Safe to call more than once. */
  close(): Promise<void>;
}

export const DEFAULT_KEEPALIVE_MS = 15_000;

/** Write batches of about this many characters at once. */
const CHUNK_CHARS = 64 * 1024;

interface Client {
  readonly res: ServerResponse;
  /** Cursor of the last event written to this client. */
  sent: number;
  /** The backlog ends at this cursor: `ready` follows it. */
  readonly readyAt: number;
  readySent: boolean;
  /** Waiting for 'drain'. */
  blocked: boolean;
  closed: boolean;
}

/** Parses a Last-Event-ID value: a plain non-negative integer, anything else is undefined. */
export function parseLastEventId(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const match = /^\s*(\d{1,15})\s*$/.exec(value);
  return match ? Number(match[1]) : undefined;
}

function requestedLastEventId(req: IncomingMessage, query: URLSearchParams): number {
  const header = req.headers['last-event-id'];
  const raw =
    (Array.isArray(header) ? header[0] : header) ?? query.get('lastEventId') ?? query.get('last_event_id');
  return parseLastEventId(raw) ?? 0;
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const reason =
    error.code === 'EADDRINUSE'
      ? 'address already in use'
      : error.code === 'EACCES'
        ? 'permission denied'
        : error.code === 'EADDRNOTAVAIL'
          ? 'address not available on this machine'
          : error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN'
            ? 'unknown host'
            : error.message;
  return new Error(`cannot listen on ${where}: ${reason}`, { cause: error });
}

export function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { log, host = '127.0.0.1', port = 0 } = options;
  const keepaliveMs = options.keepaliveMs ?? DEFAULT_KEEPALIVE_MS;
  const retry = formatRetry(options.retryMs ?? DEFAULT_RETRY_MS);
  const clients = new Set<Client>();

  function write(client: Client, chunk: string): boolean {
    if (client.closed) return false;
    if (client.res.write(chunk)) return true;
    client.blocked = true;
    client.res.once('drain', () => {
      client.blocked = false;
      pump(client);
    });
    return false;
  }

  /** Writes everything this client has not seen yet, until its socket buffer is full. */
  function pump(client: Client): void {
    if (client.closed || client.blocked) return;
    let chunk = '';
    let next = Math.max(client.sent + 1, log.firstCursor);
    while (next <= log.lastCursor) {
      const logged = log.get(next);
      next += 1;
      if (logged === undefined) continue;
      chunk += logged.wire;
      client.sent = logged.cursor;
      if (!client.readySent && client.sent >= client.readyAt) {
        chunk += SSE_READY;
        client.readySent = true;
      }
      if (chunk.length >= CHUNK_CHARS) {
        const ok = write(client, chunk);
        chunk = '';
        if (!ok) return;
      }
    }
    if (!client.readySent) {
      chunk += SSE_READY;
      client.readySent = true;
    }
    if (chunk !== '') write(client, chunk);
  }

  // One log subscription per server; publishes are coalesced into one pump per event-loop turn.
  let pumpScheduled = false;
  const unsubscribe = log.subscribe(() => {
    if (pumpScheduled) return;
    pumpScheduled = true;
    setImmediate(() => {
      pumpScheduled = false;
      for (const client of clients) pump(client);
    });
  });

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const path = q === -1 ? target : target.slice(0, q);
    const query = new URLSearchParams(q === -1 ? '' : target.slice(q + 1));

    if (path !== '/') {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return;
    }
    if (req.method !== 'GET') {
      res.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8', Allow: 'GET' });
      res.end('method not allowed\n');
      return;
    }

    let from = requestedLastEventId(req, query);
    if (from > log.lastCursor) from = 0;

    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    req.socket.setNoDelay(true);
    req.socket.setKeepAlive(true);

    const client: Client = {
      res,
      sent: from,
      readyAt: log.lastCursor,
      readySent: false,
      blocked: false,
      closed: false,
    };
    clients.add(client);
    const drop = (): void => {
      client.closed = true;
      clients.delete(client);
    };
    res.on('close', drop);
    res.on('error', drop);
    req.on('error', drop);

    write(client, retry);
    pump(client);
  }

  const server = createServer(handle);
  // A stalled SSE response must not be cut by the server's idle timers.
  server.timeout = 0;
  server.keepAliveTimeout = 5_000;

  const keepalive = setInterval(() => {
    for (const client of clients) {
      if (!client.blocked) write(client, SSE_KEEPALIVE);
    }
  }, keepaliveMs);
  keepalive.unref();

  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve) => {
      clearInterval(keepalive);
      unsubscribe();
      for (const client of clients) {
        client.closed = true;
        client.res.end();
      }
      clients.clear();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closing;
  }

  return new Promise<RunningServer>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      clearInterval(keepalive);
      unsubscribe();
      reject(listenError(error, host, port));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      // Errors after listening (rare: e.g. EMFILE on accept) must not crash the process.
      server.on('error', () => {});
      const address = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${address.port}/`,
        host,
        port: address.port,
        clientCount: () => clients.size,
        close,
      });
    });
  });
}
