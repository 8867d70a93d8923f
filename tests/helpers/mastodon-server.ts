import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A fake Mastodon instance on 127.0.0.1: the tag timeline (REST, newest first, limit/min_id as
 * Mastodon pages them), /api/v2/instance naming a separate streaming host, and that host's
 * hashtag stream (SSE), which wants `Authorization: Bearer <token>`.
 */

type Status = Record<string, unknown> & { id: string };

export interface FakeMastodon {
  /** The instance's origin (`http://127.0.0.1:PORT`). */
  readonly origin: string;
  /** Adds a status to the timeline (not to the stream). */
  post(status: Status): void;
  /** Sends one event to every open stream. */
  streamEvent(event: string, data: string): void;
  /** Ends every open stream connection abruptly. */
  dropStreams(): void;
  /** Stream connections open now. */
  openStreams(): number;
  readonly timelineRequests: URLSearchParams[];
  readonly streamRequests: IncomingHttpHeaders[];
  until(condition: () => boolean): Promise<void>;
  close(): Promise<void>;
}

const compare = (left: string, right: string): number => left.length - right.length || (left < right ? -1 : left > right ? 1 : 0);

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export async function startFakeMastodon({ tag, token }: { tag: string; token: string }): Promise<FakeMastodon> {
  const statuses: Status[] = [];
  const timelineRequests: URLSearchParams[] = [];
  const streamRequests: IncomingHttpHeaders[] = [];
  const streams = new Set<ServerResponse>();
  const waiters = new Set<() => void>();
  const changed = (): void => waiters.forEach((check) => check());

  const streaming = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/api/v1/streaming/hashtag' || url.searchParams.get('tag') !== tag) return void response.writeHead(404).end();
    streamRequests.push(request.headers);
    changed();
    if (request.headers.authorization !== `Bearer ${token}`) return void response.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"Invalid access token"}');
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    response.write(':)\n\n');
    streams.add(response);
    response.on('close', () => streams.delete(response));
    changed();
  });
  const streamingOrigin = await listen(streaming);

  const instance = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const json = (body: unknown): void => void response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    if (url.pathname === '/api/v2/instance') return json({ domain: 'hoshizora.example.test', configuration: { urls: { streaming: streamingOrigin.replace('http:', 'ws:') } } });
    if (url.pathname === `/api/v1/timelines/tag/${encodeURIComponent(tag)}`) {
      timelineRequests.push(url.searchParams);
      changed();
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const minId = url.searchParams.get('min_id');
      const sorted = [...statuses].sort((left, right) => compare(left.id, right.id));
      // min_id: the oldest `limit` newer than it; otherwise the newest `limit`. Newest first either way.
      const page = minId === null ? sorted.slice(-limit) : sorted.filter((status) => compare(status.id, minId) > 0).slice(0, limit);
      return json(page.reverse());
    }
    response.writeHead(404).end();
  });
  const origin = await listen(instance);

  return {
    origin,
    post: (status) => statuses.push(status),
    streamEvent(event, data) {
      for (const stream of streams) stream.write(`event: ${event}\ndata: ${data}\n\n`);
    },
    dropStreams() {
      for (const stream of streams) stream.socket?.destroy();
    },
    openStreams: () => streams.size,
    timelineRequests,
    streamRequests,
    until: (condition) =>
      new Promise((resolve) => {
        const check = (): void => {
          if (!condition()) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      }),
    async close() {
      for (const stream of streams) stream.socket?.destroy();
      await Promise.all([instance, streaming].map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}
