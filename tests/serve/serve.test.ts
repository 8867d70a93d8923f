import { afterEach, describe, expect, it, vi } from 'vitest';
import { PassThrough } from 'node:stream';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventSource } from 'eventsource';
import { serve, type ServeHandle } from '../../src/serve/index.js';
import { serveDemo, DEMO_BACKLOG } from '../../src/demo/serve-demo.js';
import { sampleBlog } from '../../src/demo/sample-blog.js';
import { parseNdjsonLine } from '../../src/schema/ndjson.js';
import { eventPayload } from '../../src/schema/feed.js';
import type { InvalidLine } from '../../src/serve/publisher.js';
import { hasReady, openRaw, type RawStream } from './sse-client.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function started(handle: Promise<ServeHandle>): Promise<ServeHandle> {
  const h = await handle;
  cleanups.push(() => h.close());
  return h;
}
async function raw(url: string, headers?: Record<string, string>): Promise<RawStream> {
  const s = await openRaw(url, headers);
  cleanups.push(() => s.close());
  return s;
}

/** name + payload of every line of an NDJSON file, as the server should send them. */
function expected(file: string): Array<{ event: string; data: unknown }> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const parsed = parseNdjsonLine(line);
      if (!parsed.ok) throw new Error(parsed.error);
      return { event: parsed.value.event.event, data: eventPayload(parsed.value.event) };
    });
}

describe('serve()', () => {
  it('serves a file: the whole backlog, then ready; done resolves when the input is exhausted', async () => {
    const h = await started(serve({ input: fixture('small.ndjson'), speed: Infinity }));
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    await h.done;
    const s = await raw(h.url);
    await s.until(hasReady);
    const want = expected(fixture('small.ndjson'));
    const got = s.events.filter((e) => e.event !== 'ready');
    expect(got.map((e) => ({ event: e.event, data: JSON.parse(e.data) as unknown }))).toEqual(want);
    expect(got.map((e) => e.id)).toEqual(want.map((_, i) => String(i + 1)));
  });

  it('keeps hostile text intact but escaped on the wire', async () => {
    const h = await started(serve({ input: fixture('injection.ndjson'), speed: Infinity }));
    await h.done;
    const s = await raw(h.url);
    await s.until(hasReady);
    expect(s.text()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    const got = s.events.filter((e) => e.event !== 'ready').map((e) => JSON.parse(e.data) as unknown);
    expect(got).toEqual(expected(fixture('injection.ndjson')).map((e) => e.data));
  });

  it('paces a file with the injected sleep (default: one entry per second)', async () => {
    const sleeps: number[] = [];
    const h = await started(serve({ input: fixture('small.ndjson'), sleep: async (ms) => void sleeps.push(ms) }));
    await h.done;
    // 7 entries: the first at once, then one second before each of the other six
    expect(sleeps).toEqual([1000, 1000, 1000, 1000, 1000, 1000]);
    expect(h.log.lastCursor).toBe(10);
  });

  it('reports bad lines with their line number and serves the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'livetail-serve-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'bad.ndjson');
    const good = readFileSync(fixture('small.ndjson'), 'utf8').split('\n').filter(Boolean);
    writeFileSync(file, [good[0], good[1], '{"event":"entry",', good[2], '{"event":"entry","id":"x"}', ''].join('\n'));
    const invalid: InvalidLine[] = [];
    const h = await started(serve({ input: file, speed: Infinity, onInvalidLine: (i) => invalid.push(i) }));
    await h.done;
    expect(invalid.map((i) => i.message)).toEqual(['line 3: not valid JSON', expect.stringMatching(/^line 5: time: /)]);
    expect(h.log.lastCursor).toBe(3);
  });

  it('rejects with a one-line message when the file cannot be read', async () => {
    await expect(serve({ input: '/nonexistent/feed.ndjson' })).rejects.toThrow(
      /^cannot read \/nonexistent\/feed\.ndjson: no such file$/,
    );
    const dir = mkdtempSync(join(tmpdir(), 'livetail-serve-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    await expect(serve({ input: dir })).rejects.toThrow(`cannot read ${dir}: is a directory`);
  });

  it('rejects with a one-line message when the port is taken', async () => {
    const h = await started(serve({ lines: [] }));
    await expect(serve({ lines: [], port: h.port })).rejects.toThrow(`cannot listen on 127.0.0.1:${h.port}: address already in use`);
  });

  it('stdin (-): publishes lines as they arrive, live to connected clients', async () => {
    const stdin = new PassThrough();
    const lines = readFileSync(fixture('small.ndjson'), 'utf8').split('\n').filter(Boolean);
    const h = await started(serve({ input: '-', stdin }));
    const s = await raw(h.url);
    await s.until(hasReady);
    expect(s.events.map((e) => e.event)).toEqual(['ready']);
    stdin.write(`${lines[0]}\n${lines[1]}\n`);
    await s.until((x) => x.events.length === 3);
    expect(s.events.slice(1).map((e) => `${e.id}:${e.event}`)).toEqual(['1:blog', '2:entry']);
    stdin.write(`${lines[2]}\n`);
    stdin.end(); // last line without a newline is still read
    await h.done;
    await s.until((x) => x.events.length === 4);
    expect(h.log.lastCursor).toBe(3);
  });

  it('close() (or the signal) stops a silent stdin and the server', async () => {
    const stdin = new PassThrough();
    const controller = new AbortController();
    const h = await serve({ input: '-', stdin, signal: controller.signal });
    const s = await raw(h.url);
    await s.until(hasReady);
    controller.abort();
    await h.done;
    await s.ended();
    await h.close();
  });

  it('loop: keeps publishing new entry ids until aborted', async () => {
    const controller = new AbortController();
    let pauses = 0;
    const h = await started(
      serve({
        input: fixture('small.ndjson'),
        loop: true,
        speed: Infinity,
        signal: controller.signal,
        sleep: async () => {
          pauses += 1;
          if (pauses === 3) controller.abort();
        },
      }),
    );
    await h.done;
    const ids = h.log.since(0).flatMap((l) => (l.event.event === 'entry' ? [l.event.entry.id] : []));
    expect(ids).toContain('s-1~1');
    expect(ids).toContain('s-7~2');
    expect(ids).not.toContain('s-1~3');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rejects bad options', async () => {
    await expect(serve({})).rejects.toThrow(TypeError);
    await expect(serve({ lines: [], speed: 0 })).rejects.toThrow(/speed/);
  });
});

describe('serveDemo()', () => {
  it('serves the sample blog; an EventSource sees the backlog, ready, then the rest in order', async () => {
    const h = await started(serveDemo({ speed: Infinity }));
    const es = new EventSource(h.url);
    cleanups.push(() => es.close());
    const got: Array<{ type: string; id: string }> = [];
    for (const type of ['entry', 'update', 'delete', 'blog', 'ready']) {
      es.addEventListener(type, (e) => got.push({ type, id: e.lastEventId }));
    }
    await h.done;
    await vi.waitFor(() => expect(got.filter((g) => g.type !== 'ready')).toHaveLength(sampleBlog.length));
    const events = got.filter((g) => g.type !== 'ready');
    expect(events.map((g) => g.type)).toEqual(sampleBlog.map((e) => e.event));
    expect(events.map((g) => Number(g.id))).toEqual(sampleBlog.map((_, i) => i + 1));
    expect(got.filter((g) => g.type === 'ready')).toHaveLength(1);
  });

  it('publishes the first events at once, then paces the story', async () => {
    const sleeps: number[] = [];
    const h = await started(serveDemo({ sleep: async (ms) => void sleeps.push(ms) }));
    await h.done;
    expect(h.log.lastCursor).toBe(sampleBlog.length);
    // DEMO_BACKLOG events without waiting; every later entry waits a few seconds at most
    expect(sleeps.length).toBeGreaterThan(20);
    expect(sleeps.length).toBeLessThanOrEqual(sampleBlog.length - DEMO_BACKLOG);
    for (const ms of sleeps) {
      expect(ms).toBeGreaterThan(0);
      expect(ms).toBeLessThanOrEqual(6000);
    }
  });
});
