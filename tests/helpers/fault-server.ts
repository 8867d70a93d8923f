import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A misbehaving SSE server for resilience tests. It holds entries 1..N (SSE cursor n = entry
 * `e<n>`) and answers each connection as the test's plan says: a bare status, a stream of some
 * events ending in a close, a restart of the whole server on the same port, or a stall in the
 * middle of an event; optionally with garbage between the good events and with cursors sent as
 * id-only blocks. It records what each connection asked for and how far the spec's "last event
 * ID" had got when a stream ended, so tests can check that the follower resumed exactly there.
 */

export type Fault =
  /** Answer with this status (and headers), no stream. */
  | { readonly kind: 'status'; readonly status: number; readonly headers?: Readonly<Record<string, string>> }
  | {
      readonly kind: 'stream';
      /** Good events to send on this connection, from the one after the client's cursor. */
      readonly events: number;
      /** A bad event or heartbeat after every good one (never with an `id:`). */
      readonly garbage?: boolean;
      /** Send good events without `id:`, then the cursor in an id-only block every `idOnly` events. */
      readonly idOnly?: number;
      /**
       * close: end the response; restart: end every response, stop listening, listen again on the
       * same port; stall: write half an event (with its `id:`) and go silent; ready: send
       * `event: ready` and keep the connection open.
       */
      readonly end: 'close' | 'restart' | 'stall' | 'ready';
    }
  /** Exactly these bytes, then close (or hold the connection open). */
  | { readonly kind: 'raw'; readonly chunks: readonly (string | Uint8Array)[]; readonly end: 'close' | 'hold'; readonly headers?: Readonly<Record<string, string>> };

export interface Connection {
  /** The Last-Event-ID the client sent, if any. */
  readonly lastEventId: string | undefined;
  readonly headers: IncomingMessage['headers'];
  /** For streams: the last event id a spec-following client holds once this stream ended. */
  cursorAtEnd?: string;
}

export interface PlanContext {
  /** 0 for the first connection. */
  readonly index: number;
  /** The entry the stream would start with (1-based); past `entries` when the client has all. */
  readonly next: number;
}

export interface FaultServerOptions {
  readonly entries: number;
  readonly plan: (context: PlanContext) => Fault;
  /** Milliseconds between stopping and listening again on a restart. */
  readonly restartPauseMs?: number;
}

export interface FaultServer {
  readonly url: string;
  readonly connections: readonly Connection[];
  /** Garbage items sent that the follower must report. */
  readonly reportedGarbageSent: number;
  close(): Promise<void>;
}

export function entryOf(cursor: number): { id: string; time: string; body: string; tags: string[] } {
  const time = new Date(Date.UTC(2026, 10, 25, 5, 0, 0) + cursor * 60_000).toISOString().replace('.000Z', '+00:00');
  return { id: `e${cursor}`, time, body: `本文 ${cursor}`, tags: ['速報'] };
}

/**
 * Garbage between good events, none of it with an `id:`: `reported` ones the follower must
 * count, report and skip; the others (heartbeats, a hub's own events) it must simply ignore.
 */
export const garbage: readonly { readonly bytes: string | Uint8Array; readonly reported: boolean }[] = [
  { bytes: 'event: entry\ndata: {"id": "broken", "time": \n\n', reported: true },
  { bytes: 'event: entry\ndata: {"id": 7, "body": []}\n\n', reported: true },
  { bytes: ': heartbeat\n\n', reported: false },
  { bytes: 'event: ping\n\n', reported: false },
  { bytes: 'event: entry\ndata: {"id":"nul\0", "time": "2026-11-25T14:00:00+09:00"}\0\n\n', reported: true },
  {
    bytes: Buffer.concat([
      Buffer.from('event: entry\ndata: {"id":"bad-utf8","time":"2026-11-25T14:00:00+09:00","body":"'),
      Buffer.from([0xff, 0xc3, 0x28]),
      Buffer.from('"}\n\n'),
    ]),
    reported: true,
  },
  { bytes: 'this line is no field at all\n\n', reported: false },
  { bytes: 'event: stats\ndata: {"subscribers": 3}\n\n', reported: false },
];

function block(cursor: number, withId: boolean): string {
  return `${withId ? `id: ${cursor}\n` : ''}event: entry\ndata: ${JSON.stringify(entryOf(cursor))}\n\n`;
}

export async function startFaultServer(options: FaultServerOptions): Promise<FaultServer> {
  const connections: Connection[] = [];
  const open = new Set<ServerResponse>();
  let garbageSent = 0;
  let reportedGarbageSent = 0;
  let server: Server;
  let port = 0;

  const endAll = (): void => {
    for (const response of open) response.end();
    open.clear();
  };

  async function listen(): Promise<void> {
    server = createServer(handle);
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  }

  async function restart(): Promise<void> {
    endAll();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    await new Promise((resolve) => setTimeout(resolve, options.restartPauseMs ?? 30));
    await listen();
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const header = request.headers['last-event-id'];
    const lastEventId = typeof header === 'string' ? header : undefined;
    const connection: Connection = { lastEventId, headers: request.headers };
    connections.push(connection);
    const resumed = Number(lastEventId);
    const next = lastEventId !== undefined && Number.isInteger(resumed) && resumed >= 0 ? resumed + 1 : 1;
    const fault = options.plan({ index: connections.length - 1, next });
    if (fault.kind === 'status') {
      response.writeHead(fault.status, fault.headers).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', ...(fault.kind === 'raw' ? fault.headers : {}) });
    open.add(response);
    response.on('close', () => open.delete(response));
    if (fault.kind === 'raw') {
      for (const chunk of fault.chunks) response.write(chunk);
      if (fault.end === 'close') response.end();
      return;
    }
    let cursor = lastEventId ?? '';
    const last = Math.min(next + fault.events - 1, options.entries);
    for (let position = next; position <= last; position += 1) {
      const withId = fault.idOnly === undefined;
      response.write(block(position, withId));
      if (withId) cursor = String(position);
      else if ((position - next + 1) % fault.idOnly! === 0 || position === last) {
        response.write(`id: ${position}\n\n`);
        cursor = String(position);
      }
      if (fault.garbage) {
        const item = garbage[garbageSent++ % garbage.length]!;
        response.write(item.bytes);
        if (item.reported) reportedGarbageSent += 1;
      }
    }
    connection.cursorAtEnd = cursor;
    switch (fault.end) {
      case 'close':
        response.end();
        break;
      case 'restart':
        void restart();
        break;
      case 'stall':
        if (last < options.entries) response.write(`id: ${last + 1}\nevent: entry\ndata: {"id": "e${last + 1}", `);
        break;
      case 'ready':
        response.write('event: ready\ndata: {}\n\n');
        break;
    }
  }

  await listen();
  return {
    get url() {
      return `http://127.0.0.1:${port}/`;
    },
    connections,
    get reportedGarbageSent() {
      return reportedGarbageSent;
    },
    async close() {
      endAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
