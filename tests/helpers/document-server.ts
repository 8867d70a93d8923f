import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * A publisher of one polled document (a live-blog page, a feed) that the test changes between
 * polls. It answers conditional GETs as a real server does (ETag per version, 304 when the
 * client's If-None-Match matches) and records every request, so tests count polls and check
 * what the client sent instead of timing anything.
 */

export interface DocumentServer {
  readonly url: string;
  /** Every request's headers, in order. */
  readonly requests: IncomingHttpHeaders[];
  /** How many answers were 304. */
  readonly notModified: () => number;
  /** How many TCP connections clients opened. */
  readonly connections: () => number;
  /** Publishes a new version (a new ETag). */
  publish(body: string | Uint8Array, contentType?: string, extraHeaders?: Record<string, string>): void;
  /** Resolves once `count` requests have been made. */
  untilRequests(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startDocumentServer(body: string | Uint8Array, contentType = 'text/html; charset=utf-8', extraHeaders: Record<string, string> = {}): Promise<DocumentServer> {
  let current = { body, contentType, headers: extraHeaders, etag: '"v1"' };
  let version = 1;
  let notModified = 0;
  const requests: IncomingHttpHeaders[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request.headers);
    for (const waiter of waiters.filter((each) => requests.length >= each.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    if (request.headers['if-none-match'] === current.etag) {
      notModified += 1;
      response.writeHead(304, { ETag: current.etag, ...current.headers }).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': current.contentType, ETag: current.etag, ...current.headers }).end(current.body);
  });
  let connections = 0;
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/live/hoshizora`,
    requests,
    notModified: () => notModified,
    connections: () => connections,
    publish(next, nextType = contentType, nextHeaders = extraHeaders) {
      version += 1;
      current = { body: next, contentType: nextType, headers: nextHeaders, etag: `W/"v${version}"` };
    },
    untilRequests: (count) => new Promise((resolve) => (requests.length >= count ? resolve() : waiters.push({ count, resolve }))),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
