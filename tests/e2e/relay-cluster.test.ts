import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeEntry } from '../helpers/entries.js';
import { bin, runLivetail, startLivetail, startServe, userEnv, type Following } from '../helpers/processes.js';
import { until } from '../helpers/until.js';
import { nchanAvailable, startNginx, type Nginx } from '../nchan/nginx.js';
import { redisAvailable, startRedis, type Redis } from '../nchan/redis.js';
import { openRaw } from '../serve/sse-client.js';

/*
 * `livetail relay` into a real hub cluster: two nginx instances with the nchan module sharing one
 * Redis (tests/nchan/nginx-redis.conf), all on loopback ports. What is checked is what a newsroom
 * relies on: every follower gets every entry exactly once and in order, whichever instance it
 * reads, whatever happens to the relay, the hub or one of the instances.
 */

const available = nchanAvailable() && redisAvailable();

// CI installs both; only a developer machine without them may skip, and it says why.
it.runIf(process.env.LIVETAIL_REQUIRE_NCHAN === '1')('redis-server is installed for the nchan cluster', () => {
  expect(redisAvailable()).toBe(true);
});

const blog = { id: 'harbor', title: 'ほしぞら港湾サミット（架空）', status: 'live' };
const entryLine = (index: number): string => JSON.stringify({ event: 'entry', ...makeEntry(`r${index}`, index, { title: `第${index}報` }) });
const blogLine = JSON.stringify({ event: 'blog', ...blog });
/** Entry lines first..last (inclusive), newline-terminated. */
const entryLines = (first: number, last: number): string =>
  Array.from({ length: last - first + 1 }, (_, offset) => `${entryLine(first + offset)}\n`).join('');
const ids = (first: number, last: number): string[] => Array.from({ length: last - first + 1 }, (_, offset) => `r${first + offset}`);

let redis: Redis;
let hubA: Nginx;
let hubB: Nginx;
let channelCount = 0;
const newChannel = (): string => `summit${++channelCount}`;

beforeAll(async () => {
  if (!available) return;
  redis = await startRedis();
  const values = { REDIS: redis.address };
  hubA = await startNginx({ template: 'nginx-redis.conf', values });
  hubB = await startNginx({ template: 'nginx-redis.conf', values });
}, 30_000);

afterAll(async () => {
  if (!available) return;
  await hubA.stop();
  await hubB.stop();
  await redis.stop();
});

interface Relay {
  readonly process: ChildProcess;
  stderr(): string;
  write(text: string): void;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

function startRelay(args: readonly string[], config: string, env: NodeJS.ProcessEnv = {}): Relay {
  const child = spawn(process.execPath, [bin, 'relay', ...args], { env: userEnv({ LIVETAIL_CONFIG_DIR: config, ...env }), stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin!.on('error', () => undefined);
  const exited = once(child, 'close').then(([code]) => code as number | null);
  return { process: child, stderr: () => stderr, write: (text) => child.stdin!.write(text), exited };
}

const entryIdsOf = (follower: Following): string[] =>
  follower
    .stdout()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { event: string; id: string })
    .filter((event) => event.event === 'entry')
    .map((event) => event.id);

/** Everything a channel holds now, read from `hub` as a late follower would. */
async function channelEntries(hub: Nginx, channel: string): Promise<{ ids: string[]; firstEvent: string | undefined }> {
  const run = await runLivetail([`${hub.base}/sub/${channel}`, '--once', '--json', '--idle', '1s']);
  const events = run.stdout.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { event: string; id: string; title?: string });
  return { ids: events.filter((event) => event.event === 'entry').map((event) => event.id), firstEvent: events[0]?.event };
}

describe.skipIf(!available)('relay into nginx + nchan + Redis', () => {
  it('a follower of instance A gets, once and in order, what the relay publishes through B; a late one gets the blog too', async () => {
    const channel = newChannel();
    const follower = startLivetail([`${hubA.base}/sub/${channel}`, '--json']);
    const served = await startServe(['-', '--speed', 'max'], `${blogLine}\n${entryLines(1, 40)}`);
    const relay = startRelay([served.url, '--to', `${hubB.base}/pub/${channel}`], mkdtempSync(join(tmpdir(), 'relay-config-')));
    try {
      await until(() => entryIdsOf(follower).length >= 40, () => `${entryIdsOf(follower).length} of 40; relay: ${relay.stderr()}`);
      expect(entryIdsOf(follower)).toEqual(ids(1, 40));
      const late = await runLivetail([`${hubA.base}/sub/${channel}`, '--once', '--json', '--idle', '1s']);
      const first = JSON.parse(late.stdout.split('\n')[0]!) as { event: string; title: string };
      expect(first).toMatchObject({ event: 'blog', title: blog.title });
    } finally {
      relay.process.kill('SIGTERM');
      await relay.exited;
      await served.stop();
      await follower.stop();
    }
  });

  it('a follower that moves from A to B with its Last-Event-ID gets exactly what it missed', async () => {
    const channel = newChannel();
    const relay = startRelay(['-', '--to', `${hubB.base}/pub/${channel}`], mkdtempSync(join(tmpdir(), 'relay-config-')));
    try {
      relay.write(`${blogLine}\n${entryLines(1, 5)}`);
      const onA = await openRaw(`${hubA.base}/sub/${channel}`);
      await onA.until((stream) => stream.events.filter((event) => event.event === 'entry').length === 5);
      const lastSeen = onA.events.at(-1)!.id!;
      onA.close();
      relay.write(entryLines(6, 20));
      const onB = await openRaw(`${hubB.base}/sub/${channel}`, { 'Last-Event-ID': lastSeen });
      await onB.until((stream) => stream.events.some((event) => event.data.includes('"r20"')));
      const missed = onB.events.filter((event) => event.event === 'entry').map((event) => (JSON.parse(event.data) as { id: string }).id);
      onB.close();
      expect(missed).toEqual(ids(6, 20));
    } finally {
      relay.process.stdin!.end();
      await relay.exited;
    }
  });

  it('a relay SIGKILLed at seeded random moments loses and doubles nothing', async () => {
    const channel = newChannel();
    const count = 150;
    // One entry a minute in entry time, replayed 50 times faster than real time: ~3 s of feed.
    const served = await startServe(['-', '--speed', '3000'], `${blogLine}\n${entryLines(1, count)}`);
    const config = mkdtempSync(join(tmpdir(), 'relay-config-'));
    const args = [served.url, '--to', `${hubB.base}/pub/${channel}`];
    const pauses = fc.sample(fc.integer({ min: 40, max: 350 }), { numRuns: 12, seed: 20261201 });
    let relay = startRelay(args, config);
    try {
      for (const pause of pauses) {
        await new Promise((resolve) => setTimeout(resolve, pause));
        relay.process.kill('SIGKILL');
        await relay.exited;
        relay = startRelay(args, config);
      }
      // The last run finishes the feed; the channel then holds every entry once, in order.
      let held: string[] = [];
      await until(
        async () => (held = (await channelEntries(hubA, channel)).ids).includes(`r${count}`),
        () => `the channel holds ${held.length} of ${count}`,
        { limitMs: 30_000 },
      );
      expect(held).toEqual(ids(1, count));
    } finally {
      relay.process.kill('SIGTERM');
      await relay.exited;
      await served.stop();
    }
  }, 90_000);

  it('a hub that answers 503 for a while gets every event once, after retries it reports', async () => {
    const channel = newChannel();
    let refusals = 8;
    const proxy: Server = createServer((incoming, outgoing) => {
      if (incoming.method === 'POST' && refusals > 0) {
        refusals -= 1;
        incoming.resume();
        outgoing.writeHead(503).end();
        return;
      }
      const forward = request(`${hubB.base}${incoming.url}`, { method: incoming.method, headers: incoming.headers }, (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      });
      incoming.pipe(forward);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.address() as AddressInfo;
    const relay = startRelay(['-', '--to', `http://127.0.0.1:${port}/pub/${channel}`], mkdtempSync(join(tmpdir(), 'relay-config-')), {
      LIVETAIL_BACKOFF_BASE_MS: '20',
      LIVETAIL_BACKOFF_MAX_MS: '100',
    });
    relay.write(`${blogLine}\n${entryLines(1, 10)}`);
    relay.process.stdin!.end();
    expect(await relay.exited).toBe(0);
    proxy.close();
    expect(relay.stderr()).toMatch(/hub: hub answered HTTP 503; retrying/);
    expect((await channelEntries(hubA, channel)).ids).toEqual(ids(1, 10));
  });

  it('restarting one instance loses nothing for the followers of the other', async () => {
    const channel = newChannel();
    const follower = startLivetail([`${hubA.base}/sub/${channel}`, '--json']);
    let hub = hubB;
    const relay = startRelay(['-', '--to', `${hub.base}/pub/${channel}`], mkdtempSync(join(tmpdir(), 'relay-config-')), {
      LIVETAIL_BACKOFF_BASE_MS: '50',
      LIVETAIL_BACKOFF_MAX_MS: '200',
    });
    try {
      relay.write(`${blogLine}\n${entryLines(1, 10)}`);
      await until(() => entryIdsOf(follower).length >= 10, () => `${entryIdsOf(follower).length} of 10`);
      await hub.stop();
      relay.write(entryLines(11, 20));
      await until(() => /retrying/.test(relay.stderr()), () => relay.stderr());
      hub = await startNginx({ template: 'nginx-redis.conf', port: hubB.port, values: { REDIS: redis.address } });
      hubB = hub;
      await until(() => entryIdsOf(follower).length >= 20, () => `${entryIdsOf(follower).length} of 20; relay: ${relay.stderr()}`);
      expect(entryIdsOf(follower)).toEqual(ids(1, 20));
    } finally {
      relay.process.stdin!.end();
      await relay.exited;
      await follower.stop();
    }
  });
});
