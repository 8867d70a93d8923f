import { afterEach, describe, expect, it, vi } from 'vitest';
import { connect } from 'node:net';
import { EventSource } from 'eventsource';
import { FeedLog } from '../../src/serve/feed-log.js';
import { startServer, parseLastEventId, type RunningServer } from '../../src/serve/server.js';
import type { FeedEvent } from '../../src/schema/feed.js';
import { fetchPlain, hasReady, openRaw, type RawStream } from './sse-client.js';

const entry = (id: string, body = `本文${id}`): FeedEvent => ({
  event: 'entry',
  entry: { id, time: '2026-11-25T13:00:00+09:00', title: `見出し${id}`, body, tags: ['会見'] },
});

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(n = 0, options: { keepaliveMs?: number } = {}): Promise<{ log: FeedLog; server: RunningServer }> {
  const log = new FeedLog();
  for (let i = 1; i <= n; i++) log.publish(entry(`e${i}`));
  const server = await startServer({ log, port: 0, ...options });
  cleanups.push(() => server.close());
  return { log, server };
}

async function raw(url: string, headers?: Record<string, string>): Promise<RawStream> {
  const s = await openRaw(url, headers);
  cleanups.push(() => s.close());
  return s;
}

const named = (s: RawStream): string[] => s.events.map((e) => (e.event === 'ready' ? 'ready' : `${e.id}:${e.event}`));

describe('startServer', () => {
  it('listens on 127.0.0.1 by default and reports its URL', async () => {
    const { server } = await setup();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.port).toBeGreaterThan(0);
  });

  it('sends headers, retry, the backlog, ready, then live events (raw HTTP)', async () => {
    const { log, server } = await setup(3);
    const s = await raw(server.url);
    expect(s.response.statusCode).toBe(200);
    expect(s.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(s.response.headers['cache-control']).toBe('no-cache');
    expect(s.response.headers['x-accel-buffering']).toBe('no');
    await s.until(hasReady);
    expect(named(s)).toEqual(['1:entry', '2:entry', '3:entry', 'ready']);
    expect(s.retries).toEqual([2000]);
    expect(s.text().startsWith('retry: 2000\n\n')).toBe(true);
    const ready = s.events.find((e) => e.event === 'ready')!;
    expect(ready.data).toBe('{}');
    expect(s.text()).toContain('event: ready\ndata: {}\n\n');
    expect(s.text()).not.toMatch(/id: [^\n]*\nevent: ready/); // ready carries no id

    log.publish(entry('e4'));
    log.publish({ event: 'delete', id: 'e2' });
    await s.until((x) => x.events.length === 6);
    expect(named(s).slice(4)).toEqual(['4:entry', '5:delete']);
    expect(JSON.parse(s.events[5]!.data)).toEqual({ id: 'e2' });
    expect(JSON.parse(s.events[0]!.data)).toMatchObject({ id: 'e1', title: '見出しe1', tags: ['会見'] });
  });

  it('sends ready at once when nothing was published yet', async () => {
    const { log, server } = await setup(0);
    const s = await raw(server.url);
    await s.until(hasReady);
    expect(named(s)).toEqual(['ready']);
    log.publish(entry('x'));
    await s.until((x) => x.events.length === 2);
    expect(named(s)).toEqual(['ready', '1:entry']);
  });

  it('ignores the query string on /', async () => {
    const { server } = await setup(1);
    const s = await raw(`${server.url}?feed=abc&x=1`);
    await s.until(hasReady);
    expect(named(s)).toEqual(['1:entry', 'ready']);
  });

  it.each([
    ['Last-Event-ID header', (url: string) => raw(url, { 'Last-Event-ID': '3' })],
    ['lastEventId query', (url: string) => raw(`${url}?lastEventId=3`)],
    ['last_event_id query', (url: string) => raw(`${url}?last_event_id=3`)],
  ])('resumes after the %s', async (_name, open) => {
    const { log, server } = await setup(5);
    const s = await open(server.url);
    await s.until(hasReady);
    expect(named(s)).toEqual(['4:entry', '5:entry', 'ready']);
    log.publish(entry('e6'));
    await s.until((x) => x.events.length === 4);
    expect(named(s).at(-1)).toBe('6:entry');
  });

  it('the header wins over the query', async () => {
    const { server } = await setup(5);
    const s = await raw(`${server.url}?lastEventId=1`, { 'Last-Event-ID': '4' });
    await s.until(hasReady);
    expect(named(s)).toEqual(['5:entry', 'ready']);
  });

  it('a resume from the newest cursor gets only ready', async () => {
    const { server } = await setup(5);
    const s = await raw(server.url, { 'Last-Event-ID': '5' });
    await s.until(hasReady);
    expect(named(s)).toEqual(['ready']);
  });

  it.each(['abc', '-1', '2.5', '', '1e3', '0x10', '3 4'])('garbage Last-Event-ID %j means from the start', async (id) => {
    const { server } = await setup(2);
    const s = await raw(server.url, { 'Last-Event-ID': id });
    await s.until(hasReady);
    expect(named(s)).toEqual(['1:entry', '2:entry', 'ready']);
  });

  it('an id beyond the newest cursor (an earlier run of the server) means from the start', async () => {
    const { server } = await setup(2);
    const s = await raw(server.url, { 'Last-Event-ID': '999' });
    await s.until(hasReady);
    expect(named(s)).toEqual(['1:entry', '2:entry', 'ready']);
  });

  it('parseLastEventId', () => {
    expect(parseLastEventId('12')).toBe(12);
    expect(parseLastEventId(' 7 ')).toBe(7);
    expect(parseLastEventId('x')).toBeUndefined();
    expect(parseLastEventId(undefined)).toBeUndefined();
    expect(parseLastEventId(null)).toBeUndefined();
  });

  it('answers 404 on other paths and 405 on other methods', async () => {
    const { server } = await setup(1);
    const notFound = await fetchPlain(`${server.url}feed`);
    expect(notFound.status).toBe(404);
    expect((await fetchPlain(`${server.url}favicon.ico`)).status).toBe(404);
    const post = await fetchPlain(server.url, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET');
    expect((await fetchPlain(server.url, 'DELETE')).status).toBe(405);
    expect((await fetchPlain(server.url, 'HEAD')).status).toBe(405);
    expect(server.clientCount()).toBe(0);
  });

  it('forgets clients that disconnect, and keeps serving the others', async () => {
    const { log, server } = await setup(2);
    const a = await raw(server.url);
    const b = await raw(server.url);
    await Promise.all([a.until(hasReady), b.until(hasReady)]);
    expect(server.clientCount()).toBe(2);
    a.close();
    await vi.waitFor(() => expect(server.clientCount()).toBe(1));
    log.publish(entry('e3'));
    await b.until((x) => x.events.length === 4);
    expect(named(b).at(-1)).toBe('3:entry');
  });

  it('sends keepalive comments', async () => {
    const { server } = await setup(0, { keepaliveMs: 20 });
    const s = await raw(server.url);
    await s.until((x) => x.comments.includes('keepalive'));
    expect(s.events.filter((e) => e.event !== 'ready')).toEqual([]);
  });

  it('close() ends every client and stops listening', async () => {
    const { server } = await setup(1);
    const s = await raw(server.url);
    await s.until(hasReady);
    await server.close();
    await s.ended();
    await expect(fetchPlain(server.url)).rejects.toThrow();
    await server.close(); // idempotent
  });

  it('a stalled client does not stop the server or the other clients', async () => {
    const { log, server } = await setup(0);
    // A client that sends a request and never reads: its socket buffer fills up.
    const stalled = connect(server.port, '127.0.0.1');
    cleanups.push(() => stalled.destroy());
    await new Promise<void>((ok) => stalled.once('connect', ok));
    stalled.pause();
    stalled.write('GET / HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n');
    await vi.waitFor(() => expect(server.clientCount()).toBe(1));

    const big = '長い本文。'.repeat(2000); // ~30 kB of UTF-8 per event
    for (let i = 1; i <= 400; i++) log.publish(entry(`e${i}`, big)); // ~12 MB in all

    const fresh = await raw(server.url);
    await fresh.until(hasReady);
    expect(fresh.events.filter((e) => e.event === 'entry')).toHaveLength(400);
    log.publish(entry('last'));
    await fresh.until((x) => x.events.some((e) => e.id === '401'));
    expect(server.clientCount()).toBe(2);
    stalled.destroy();
    await vi.waitFor(() => expect(server.clientCount()).toBe(1));
  });

  it('a client that connects while events stream in sees each cursor exactly once, in order', async () => {
    const { log, server } = await setup(50);
    const s = await raw(server.url);
    for (let i = 51; i <= 100; i++) log.publish(entry(`e${i}`));
    await s.until((x) => x.events.some((e) => e.id === '100'));
    const ids = s.events.filter((e) => e.event !== 'ready').map((e) => Number(e.id));
    expect(ids).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(s.events.filter((e) => e.event === 'ready')).toHaveLength(1);
  });
});

describe('conformance with the eventsource package', () => {
  function collect(es: EventSource): Array<{ type: string; id: string; data: string }> {
    const got: Array<{ type: string; id: string; data: string }> = [];
    for (const type of ['entry', 'update', 'delete', 'blog', 'ready', 'message']) {
      es.addEventListener(type, (e) => got.push({ type, id: e.lastEventId, data: e.data }));
    }
    return got;
  }

  it('receives the backlog, ready and live events with their ids and names', async () => {
    const { log, server } = await setup(0);
    log.publish({ event: 'blog', blog: { id: 'b', title: 'ほしぞら港湾サミット（架空）', status: 'live' } });
    log.publish(entry('e1'));
    const es = new EventSource(server.url);
    cleanups.push(() => es.close());
    const got = collect(es);
    await vi.waitFor(() => expect(got.map((g) => g.type)).toContain('ready'));
    log.publish({ event: 'update', entry: { id: 'e1', time: '2026-11-25T13:00:00+09:00', body: '訂正', tags: [] } });
    log.publish({ event: 'delete', id: 'e1' });
    await vi.waitFor(() => expect(got).toHaveLength(5));
    expect(got.map((g) => [g.type, g.id])).toEqual([
      ['blog', '1'],
      ['entry', '2'],
      ['ready', expect.any(String)],
      ['update', '3'],
      ['delete', '4'],
    ]);
    expect(JSON.parse(got[0]!.data)).toMatchObject({ title: 'ほしぞら港湾サミット（架空）', status: 'live' });
    expect(JSON.parse(got[3]!.data)).toMatchObject({ id: 'e1', body: '訂正' });
    expect(JSON.parse(got[4]!.data)).toEqual({ id: 'e1' });
    expect(es.readyState).toBe(EventSource.OPEN);
  });

  it('resumes with Last-Event-ID sent through a custom fetch', async () => {
    const { server } = await setup(6);
    const es = new EventSource(server.url, {
      fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, 'Last-Event-ID': '4' } }),
    });
    cleanups.push(() => es.close());
    const got = collect(es);
    await vi.waitFor(() => expect(got.map((g) => g.type)).toContain('ready'));
    expect(got.filter((g) => g.type === 'entry').map((g) => g.id)).toEqual(['5', '6']);
  });

  it('reconnects after the server drops it and resumes from the last id it saw', async () => {
    const log = new FeedLog();
    log.publish(entry('e1'));
    log.publish(entry('e2'));
    let server = await startServer({ log, port: 0 });
    const port = server.port;
    const es = new EventSource(server.url);
    cleanups.push(() => es.close());
    const got = collect(es);
    await vi.waitFor(() => expect(got.map((g) => g.type)).toContain('ready'));
    await server.close();
    log.publish(entry('e3'));
    server = await startServer({ log, port }); // same log, same port: a restart without data loss
    cleanups.push(() => server.close());
    // eventsource reconnects after the advertised retry (2 s) and sends Last-Event-ID: 2.
    await vi.waitFor(() => expect(got.filter((g) => g.type === 'entry').map((g) => g.id)).toEqual(['1', '2', '3']), {
      timeout: 15_000,
      interval: 50,
    });
  });
});
