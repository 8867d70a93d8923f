import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeEntry } from './entries.js';

/*
 * A node:http server on 127.0.0.1 scripted per connection, for tests where what matters is what
 * each connection gets and when (the fault server covers the usual faults of a livetail feed).
 */

export const eventStream = { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache' };

/** An entry's JSON, as a `data:` line carries it. */
export const entryJson = (id: string, body: string): string => JSON.stringify(makeEntry(id, 5, { body }));

/** One `entry` event on the wire, with id `id`. */
export const entryEvent = (id: string, body: string): string => `id: ${id}\nevent: entry\ndata: ${entryJson(id, body)}\n\n`;

export type Answer = (request: IncomingMessage, response: ServerResponse, index: number, later: (ms: number, step: () => void) => void) => void;

const open: (() => Promise<void>)[] = [];

/** Serves `answer(request, response, index, later)` for the index-th connection; `later` timers die with their connection. */
export async function scriptedServer(answer: Answer): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  const server = createServer((request, response) => {
    const timers: NodeJS.Timeout[] = [];
    response.on('close', () => timers.forEach(clearTimeout));
    answer(request, response, connections++, (ms, step) => timers.push(setTimeout(step, ms)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, connections: () => connections };
}

/** Closes every server started so far (call in afterEach). */
export async function closeScriptedServers(): Promise<void> {
  await Promise.all(open.splice(0).map((close) => close()));
}
