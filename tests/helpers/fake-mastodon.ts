import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A fake Mastodon on 127.0.0.1 for end-to-end tests: the REST API (instance, tag timeline with
 * min_id paging, newest first like the real one) on one port, the streaming API (SSE) on another,
 * as servers with a separate streaming host do. Posts are fictional.
 */

export interface FakeStatus {
  readonly id: string;
  readonly [field: string]: unknown;
}

const epoch = Date.parse('2026-05-03T01:00:00.000Z');

/** A status in the shape Mastodon's API returns; `n` orders ids and times. */
export function fakeStatus(n: number, text: string, { tags = ['ほしぞら港'], edited = false }: { tags?: string[]; edited?: boolean } = {}): FakeStatus {
  const id = String(110000000000000000n + BigInt(n));
  const links = tags
    .map((tag) => `<a href="https://hoshizora.example/tags/${encodeURIComponent(tag)}" class="mention hashtag" rel="tag">#<span>${tag}</span></a>`)
    .join(' ');
  return {
    id,
    created_at: new Date(epoch + n * 60_000).toISOString(),
    in_reply_to_id: null,
    sensitive: false,
    spoiler_text: '',
    visibility: 'public',
    language: 'ja',
    uri: `https://hoshizora.example/users/minato/statuses/${id}`,
    url: `https://hoshizora.example/@minato/${id}`,
    edited_at: edited ? new Date(epoch + n * 60_000 + 30_000).toISOString() : null,
    content: `<p>${text}</p><p>${links}</p>`,
    reblog: null,
    account: { id: '1', username: 'minato', acct: 'minato', display_name: '港の記者（架空）', url: 'https://hoshizora.example/@minato' },
    media_attachments: [],
    mentions: [],
    tags: tags.map((name) => ({ name, url: `https://hoshizora.example/tags/${encodeURIComponent(name)}` })),
    emojis: [],
  };
}

export interface FakeMastodon {
  readonly origin: string;
  readonly streamOrigin: string;
  /** Every REST path+query asked for, in order. */
  readonly restRequests: string[];
  /** Stream connections accepted (with a token) so far. */
  readonly streamConnections: () => number;
  /** Adds a status to the timeline, and sends it to connected streams unless `quietly`. */
  post(status: FakeStatus, options?: { quietly?: boolean }): void;
  edit(status: FakeStatus): void;
  remove(id: string): void;
  /** Drops every stream connection mid-stream. */
  dropStreams(): void;
  /** Resolves once `count` stream connections have been accepted. */
  waitForStreams(count: number): Promise<void>;
  stop(): Promise<void>;
}

export interface FakeMastodonOptions {
  readonly statuses?: readonly FakeStatus[];
  /** The stream answers 401 whatever the token (a server that wants another scope). */
  readonly streamUnauthorized?: boolean;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const compare = (a: FakeStatus, b: FakeStatus): number => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0);

export async function startFakeMastodon({ statuses = [], streamUnauthorized = false }: FakeMastodonOptions = {}): Promise<FakeMastodon> {
  const timeline = [...statuses].sort(compare);
  const restRequests: string[] = [];
  const streams = new Set<ServerResponse>();
  let accepted = 0;
  const waiters: Array<() => void> = [];
  let streamOrigin = '';

  const json = (response: ServerResponse, status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(body));
  };

  const rest = createServer((request: IncomingMessage, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    restRequests.push(url.pathname + url.search);
    if (url.pathname === '/api/v2/instance') {
      json(response, 200, { domain: 'hoshizora.example', title: 'ほしぞら港（架空）', configuration: { urls: { streaming: streamOrigin.replace(/^http/, 'ws') } } });
      return;
    }
    if (url.pathname.startsWith('/api/v1/timelines/tag/')) {
      const limit = Number(url.searchParams.get('limit') ?? 20);
      const minId = url.searchParams.get('min_id');
      const after = minId === null ? timeline : timeline.filter((status) => BigInt(status.id) > BigInt(minId));
      // Like Mastodon: min_id gives the page right after it; otherwise the newest page.
      const page = minId === null ? after.slice(-limit) : after.slice(0, limit);
      json(response, 200, [...page].reverse());
      return;
    }
    json(response, 404, { error: 'Record not found' });
  });

  const streaming = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (!url.pathname.startsWith('/api/v1/streaming/hashtag')) return json(response, 404, { error: 'Not found' });
    if (streamUnauthorized || !/^Bearer \S+/.test(request.headers.authorization ?? '')) return json(response, 401, { error: 'Missing access token' });
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
    response.write(':)\n');
    streams.add(response);
    response.on('close', () => streams.delete(response));
    accepted += 1;
    for (const wake of waiters.splice(0)) wake();
  });

  const origin = await listen(rest);
  streamOrigin = await listen(streaming);
  const send = (event: string, data: string): void => {
    for (const stream of streams) stream.write(`event: ${event}\ndata: ${data}\n\n`);
  };

  return {
    origin,
    streamOrigin,
    restRequests,
    streamConnections: () => accepted,
    post(status, { quietly = false } = {}) {
      timeline.push(status);
      timeline.sort(compare);
      if (!quietly) send('update', JSON.stringify(status));
    },
    edit(status) {
      timeline.splice(timeline.findIndex((old) => old.id === status.id), 1, status);
      send('status.update', JSON.stringify(status));
    },
    remove(id) {
      timeline.splice(timeline.findIndex((old) => old.id === id), 1);
      send('delete', id);
    },
    dropStreams() {
      for (const stream of streams) stream.socket?.destroy();
      streams.clear();
    },
    async waitForStreams(count) {
      while (accepted < count) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    async stop() {
      for (const stream of streams) stream.socket?.destroy();
      rest.closeAllConnections();
      streaming.closeAllConnections();
      await Promise.all([new Promise((resolve) => rest.close(resolve)), new Promise((resolve) => streaming.close(resolve))]);
    },
  };
}
