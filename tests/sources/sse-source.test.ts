import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants as zlibConstants, createGzip } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createSseSource, type SseSourceOptions } from '../../src/sources/sse-source.js';
import type { SourceSignal } from '../../src/schema/signal.js';
import { entryOf, garbage, startFaultServer, type Fault, type FaultServer, type FaultServerOptions } from '../helpers/fault-server.js';

/*
 * The SSE source against real local HTTP servers: resume ids, retry policy, bad streams. Backoff
 * and keepalive are shrunk through the source's options; nothing here asserts on timing.
 */

const fast = { policy: { baseMs: 2, maxMs: 20 } };
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function faultServer(options: FaultServerOptions): Promise<FaultServer> {
  const server = await startFaultServer(options);
  cleanups.push(() => server.close());
  return server;
}

/** Runs a source until `done` says so (or a generous deadline), and returns every signal. */
async function follow(options: SseSourceOptions, done: (signals: readonly SourceSignal[]) => boolean): Promise<SourceSignal[]> {
  const signals: SourceSignal[] = [];
  const source = createSseSource({ ...fast, ...options });
  cleanups.push(() => source.stop());
  await new Promise<void>((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`gave up waiting; got ${JSON.stringify(signals.slice(-5))}`)), 20_000);
    source.start((signal) => {
      signals.push(signal);
      if (done(signals)) {
        clearTimeout(deadline);
        resolve();
      }
    });
  });
  source.stop();
  return signals;
}

const entryIds = (signals: readonly SourceSignal[]): string[] =>
  signals.flatMap((signal) => (signal.type === 'event' && signal.event.event === 'entry' ? [signal.event.entry.id] : []));
const invalids = (signals: readonly SourceSignal[]): string[] => signals.flatMap((signal) => (signal.type === 'invalid' ? [signal.reason] : []));
const stoppedReason = (signals: readonly SourceSignal[]): string | undefined => {
  const last = signals.at(-1);
  return last?.type === 'state' && last.state.status === 'stopped' ? last.state.reason : undefined;
};
const upTo = (count: number) => (signals: readonly SourceSignal[]) => entryIds(signals).length >= count;
const range = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, index) => `e${from + index}`);

describe('SSE source: resume ids', () => {
  it('reconnects with the id of an id-only block', async () => {
    const server = await faultServer({ entries: 6, plan: ({ index }) => ({ kind: 'stream', events: 3, idOnly: 3, end: index === 0 ? 'close' : 'ready' }) });
    const signals = await follow({ url: server.url }, upTo(6));
    expect(entryIds(signals)).toEqual(range(1, 6));
    expect(server.connections.map((connection) => connection.lastEventId)).toEqual([undefined, '3']);
  });

  it('keeps the previous id for an event without one, and says so in its cursor', async () => {
    const server = await faultServer({
      entries: 0,
      plan: () => ({
        kind: 'raw',
        end: 'hold',
        chunks: [`id: 41\nevent: entry\ndata: ${JSON.stringify(entryOf(1))}\n\nevent: entry\ndata: ${JSON.stringify(entryOf(2))}\n\n`],
      }),
    });
    const signals = await follow({ url: server.url }, upTo(2));
    expect(signals.flatMap((signal) => (signal.type === 'event' ? [signal.cursor] : []))).toEqual(['41', '41']);
  });

  it('starts from the lastEventId it is given', async () => {
    const server = await faultServer({ entries: 5, plan: () => ({ kind: 'stream', events: 5, end: 'ready' }) });
    const signals = await follow({ url: server.url, lastEventId: '3' }, upTo(2));
    expect(entryIds(signals)).toEqual(['e4', 'e5']);
    expect(server.connections[0]!.lastEventId).toBe('3');
  });

  it('does not count the id of an event cut off by a stall, and reconnects after the keepalive timeout', async () => {
    const server = await faultServer({ entries: 4, plan: ({ index }) => ({ kind: 'stream', events: 2, end: index === 0 ? 'stall' : 'ready' }) });
    const signals = await follow({ url: server.url, keepaliveTimeoutMs: 200 }, upTo(4));
    expect(entryIds(signals)).toEqual(range(1, 4));
    // The stalled half event carried `id: 3`; resuming after it would have lost e3.
    expect(server.connections.map((connection) => connection.lastEventId)).toEqual([undefined, '2']);
    expect(invalids(signals)).toEqual(['unfinished event skipped (the connection ended in the middle of it)']);
    expect(signals).toContainEqual(expect.objectContaining({ type: 'state', state: expect.objectContaining({ status: 'reconnecting', reason: 'no data for 200ms' }) }));
  });

  it('gives up on a server that accepts the connection but never answers, and tries again', async () => {
    let requests = 0;
    const server: Server = createServer(() => {
      requests += 1;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const signals = await follow({ url, keepaliveTimeoutMs: 100 }, () => requests >= 2);
    expect(signals).toContainEqual(expect.objectContaining({ type: 'state', state: expect.objectContaining({ status: 'reconnecting', reason: 'no answer for 100ms' }) }));
  });
});

describe('SSE source: bad streams', () => {
  it('counts and skips every kind of garbage, ignores heartbeats and pings, and keeps following', async () => {
    const server = await faultServer({ entries: garbage.length * 2, plan: () => ({ kind: 'stream', events: garbage.length * 2, garbage: true, end: 'ready' }) });
    const signals = await follow({ url: server.url }, (seen) => seen.some((signal) => signal.type === 'ready'));
    expect(entryIds(signals)).toEqual(range(1, garbage.length * 2));
    const reasons = invalids(signals);
    expect(reasons).toHaveLength(server.reportedGarbageSent);
    expect(reasons.filter((reason) => reason.includes('not valid JSON'))).toHaveLength(4);
    expect(reasons.filter((reason) => reason.includes('not valid UTF-8'))).toHaveLength(2);
    expect(reasons.filter((reason) => reason.includes(': id:'))).toHaveLength(2);
  });

  it('skips a 10 MB event and delivers the next one', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const server = await faultServer({
      entries: 0,
      plan: () => ({
        kind: 'raw',
        end: 'hold',
        chunks: [`id: 1\nevent: entry\ndata: {"id":"huge","body":"${huge}"}\n\n`, `id: 2\nevent: entry\ndata: ${JSON.stringify(entryOf(2))}\n\n`],
      }),
    });
    const signals = await follow({ url: server.url }, upTo(1));
    expect(entryIds(signals)).toEqual(['e2']);
    expect(invalids(signals)).toEqual([expect.stringMatching(/^event of \d+ characters skipped \(too large\)$/)]);
  });

  it('keeps a U+FFFD the feed really sent, and skips only the event with undecodable bytes', async () => {
    const good = { ...entryOf(1), body: 'a \uFFFD b' };
    const server = await faultServer({
      entries: 0,
      plan: () => ({
        kind: 'raw',
        end: 'hold',
        chunks: [
          `id: 1\nevent: entry\ndata: ${JSON.stringify(good)}\n\nid: 2\nevent: entry\ndata: {"id":"x","body":"`,
          Buffer.from([0xe3, 0x81]),
          Buffer.from([0x28]),
          `"}\n\nid: 3\nevent: entry\ndata: ${JSON.stringify(entryOf(3))}\n\n`,
        ],
      }),
    });
    const signals = await follow({ url: server.url }, upTo(2));
    expect(signals.flatMap((signal) => (signal.type === 'event' && signal.event.event === 'entry' ? [signal.event.entry.body] : []))).toEqual(['a \uFFFD b', '本文 3']);
    expect(invalids(signals)).toEqual(['event at cursor 2: not valid UTF-8']);
  });
});

describe('SSE source: retry policy', () => {
  it('retries 503 and 429 (with Retry-After) and network errors, then resumes', async () => {
    const plan: Fault[] = [
      { kind: 'stream', events: 2, end: 'restart' },
      { kind: 'status', status: 503 },
      { kind: 'status', status: 429, headers: { 'Retry-After': '0' } },
      { kind: 'stream', events: 2, end: 'ready' },
    ];
    const server = await faultServer({ entries: 4, plan: ({ index }) => plan[Math.min(index, plan.length - 1)]! });
    const signals = await follow({ url: server.url }, upTo(4));
    expect(entryIds(signals)).toEqual(range(1, 4));
    const reasons = signals.flatMap((signal) => (signal.type === 'state' && signal.state.status === 'reconnecting' ? [signal.state.reason] : []));
    expect(reasons).toEqual(expect.arrayContaining(['server closed the connection', 'HTTP 503', 'HTTP 429']));
    expect(server.connections.at(-1)!.lastEventId).toBe('2');
  });

  it('starts the backoff over after a connection that carried anything, and grows it for one that sent no byte', async () => {
    const server = await faultServer({
      entries: 4,
      plan: ({ index }) => (index < 2 ? { kind: 'stream', events: 1, end: 'close' } : index < 4 ? { kind: 'raw', chunks: [], end: 'close' } : index < 5 ? { kind: 'raw', chunks: [': keepalive\n\n'], end: 'close' } : { kind: 'stream', events: 2, end: 'ready' }),
    });
    const signals = await follow({ url: server.url }, upTo(4));
    const attempts = signals.flatMap((signal) => (signal.type === 'state' && signal.state.status === 'reconnecting' ? [signal.state.attempt] : []));
    expect(attempts).toEqual([1, 1, 2, 3, 1]);
  });

  it.each([
    [204, 'feed closed by server (HTTP 204)'],
    [401, 'not authorized (HTTP 401)'],
    [403, 'forbidden (HTTP 403)'],
    [404, 'not found (HTTP 404)'],
    [410, 'feed gone (HTTP 410)'],
  ])('stops for good on HTTP %i', async (status, reason) => {
    const server = await faultServer({ entries: 1, plan: () => ({ kind: 'status', status }) });
    const signals = await follow({ url: server.url }, (seen) => stoppedReason(seen) !== undefined);
    expect(stoppedReason(signals)).toBe(reason);
    expect(server.connections).toHaveLength(1);
  });

  it('reads a body the server compressed, event by event', async () => {
    // The first event is flushed on its own while the connection stays open: it must arrive
    // without waiting for more compressed bytes.
    let finish: () => void = () => undefined;
    const server: Server = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Content-Encoding': 'gzip' });
      const gzip = createGzip();
      gzip.pipe(response);
      gzip.write(`id: 1\nevent: entry\ndata: ${JSON.stringify(entryOf(1))}\n\n`);
      gzip.flush(zlibConstants.Z_SYNC_FLUSH);
      finish = () => gzip.end(`id: 2\nevent: entry\ndata: ${JSON.stringify(entryOf(2))}\n\nevent: ready\ndata: {}\n\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const signals = await follow({ url }, (seen) => {
      if (entryIds(seen).length === 1) finish();
      return entryIds(seen).length === 2;
    });
    expect(entryIds(signals)).toEqual(['e1', 'e2']);
  });

  it('stops on a wrong content type', async () => {
    const server = await faultServer({ entries: 0, plan: () => ({ kind: 'raw', end: 'close', chunks: ['<html>'], headers: { 'Content-Type': 'text/html' } }) });
    const signals = await follow({ url: server.url }, (seen) => stoppedReason(seen) !== undefined);
    expect(stoppedReason(signals)).toBe('not an event stream (content-type: text/html)');
  });

  it('sends its headers on every reconnect', async () => {
    const feed = await faultServer({ entries: 4, plan: ({ index }) => ({ kind: 'stream', events: 2, end: index === 0 ? 'close' : 'ready' }) });
    await follow({ url: feed.url, headers: { Authorization: 'Bearer t0ken' } }, upTo(4));
    expect(feed.connections.map((connection) => connection.headers.authorization)).toEqual(['Bearer t0ken', 'Bearer t0ken']);
  });

  it('follows redirects, and does not hand credentials to another origin', async () => {
    const feed = await faultServer({ entries: 2, plan: () => ({ kind: 'stream', events: 2, end: 'ready' }) });
    const redirect: Server = createServer((_request, response) => response.writeHead(307, { Location: feed.url }).end());
    await new Promise<void>((resolve) => redirect.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => redirect.close(() => resolve())));
    const url = `http://127.0.0.1:${(redirect.address() as AddressInfo).port}/`;
    const signals = await follow({ url, headers: { Authorization: 'Bearer t0ken' } }, upTo(2));
    expect(entryIds(signals)).toEqual(range(1, 2));
    expect(feed.connections[0]!.headers.authorization).toBeUndefined();
  });
});

describe('SSE source: payload text', () => {
  const payloads = (signals: readonly SourceSignal[]) => signals.flatMap((signal) => (signal.type === 'event' ? [signal.json] : []));

  it('passes each payload as received only to a consumer that asks for it', async () => {
    const server = await faultServer({ entries: 2, plan: () => ({ kind: 'stream', events: 2, end: 'ready' }) });
    const asked = payloads(await follow({ url: server.url, payloadText: true }, upTo(2)));
    expect(asked.map((text) => text && JSON.parse(text).id)).toEqual(['e1', 'e2']);
    expect(payloads(await follow({ url: server.url }, upTo(2)))).toEqual([undefined, undefined]);
  });
});

describe('SSE source: stopping', () => {
  it('stops from inside its own event, at the end of a long stream, without a stray error', async () => {
    // As `--once` does: stop at `ready` while the rest of the response is still being read.
    const events = Array.from({ length: 20_000 }, (_, index) => `id: ${index + 1}\nevent: entry\ndata: ${JSON.stringify(entryOf(index + 1))}\n\n`);
    const server: Server = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      response.end(`${events.join('')}event: ready\ndata: {}\n\n`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const source = createSseSource({ ...fast, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
    let entries = 0;
    await new Promise<void>((resolve) => {
      source.start((signal) => {
        if (signal.type === 'event') entries += 1;
        if (signal.type !== 'ready') return;
        source.stop();
        // An error event nobody hears would end the test run before this turn of the loop.
        setImmediate(resolve);
      });
    });
    expect(entries).toBe(20_000);
  });
});

describe('SSE source: ids any feed may send', () => {
  const utf8Header = (header: string | undefined) => (header === undefined ? undefined : Buffer.from(header, 'latin1').toString('utf8'));

  it('sends an id above U+00FF (and one in Latin-1 range) back as UTF-8 bytes, and keeps following', async () => {
    const server = await faultServer({
      entries: 0,
      plan: ({ index }) => ({
        kind: 'raw',
        end: index < 2 ? 'close' : 'hold',
        chunks: [`id: ${['記事-1', 'café-2', 'x'][index]}\nevent: entry\ndata: ${JSON.stringify(entryOf(index + 1))}\n\n`],
      }),
    });
    const signals = await follow({ url: server.url }, upTo(3));
    expect(entryIds(signals)).toEqual(range(1, 3));
    expect(server.connections.slice(0, 3).map((connection) => utf8Header(connection.lastEventId))).toEqual([undefined, '記事-1', 'café-2']);
  });
});
