import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultServer, type Fault, type FaultServer } from '../helpers/fault-server.js';
import { runLivetail, startServe, waitForPublished, type Served } from '../helpers/processes.js';
import { makeEntry } from '../helpers/entries.js';

/*
 * The real bin/livetail.js against servers that misbehave. The test knobs shrink the backoff
 * and the keepalive timeout so faults cost milliseconds; nothing asserts on timing.
 */

const fastRetries = { LIVETAIL_BACKOFF_BASE_MS: '5', LIVETAIL_BACKOFF_MAX_MS: '50', LIVETAIL_KEEPALIVE_MS: '300' };
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function faultServer(options: Parameters<typeof startFaultServer>[0]): Promise<FaultServer> {
  const server = await startFaultServer(options);
  cleanups.push(() => server.close());
  return server;
}

const printedIds = (stdout: string): string[] =>
  stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { id: string }).id);

describe('resilience end to end', () => {
  it('prints every one of 1,000 entries exactly once, in order, through closes, restarts, 503/429, garbage, id-only blocks and stalls', async () => {
    const entries = 1000;
    const cycle: Fault[] = [
      { kind: 'stream', events: 37, garbage: true, end: 'close' },
      { kind: 'status', status: 503 },
      { kind: 'stream', events: 41, idOnly: 5, end: 'restart' },
      { kind: 'status', status: 429, headers: { 'Retry-After': '0' } },
      { kind: 'stream', events: 29, garbage: true, idOnly: 3, end: 'stall' },
      { kind: 'stream', events: 53, end: 'close' },
    ];
    let stalls = 0;
    const server = await faultServer({
      entries,
      plan: ({ index, next }) => {
        // Everything delivered: the server closes the feed for good.
        if (next > entries) return { kind: 'status', status: 204 };
        const fault = cycle[index % cycle.length]!;
        if (fault.kind === 'stream' && fault.end === 'stall' && next + fault.events <= entries) stalls += 1;
        return fault;
      },
    });

    const result = await runLivetail([server.url, '--json'], { env: fastRetries });

    expect(printedIds(result.stdout)).toEqual(Array.from({ length: entries }, (_, index) => `e${index + 1}`));
    const warnings = result.stderr.trim().split('\n');
    expect(warnings.at(-1)).toBe(`livetail: ${server.url}: stopped: feed closed by server (HTTP 204)`);
    expect(result.code).toBe(1);
    expect(warnings.filter((line) => line.includes('unfinished event skipped'))).toHaveLength(stalls);
    expect(warnings.filter((line) => line.includes(': skipped ') && !line.includes('unfinished'))).toHaveLength(server.reportedGarbageSent);
    // Each reconnect resumed exactly where the last stream ended, as far as a spec-following
    // client could know: after the last complete event or id-only block.
    let expected: string | undefined;
    for (const connection of server.connections) {
      expect(connection.lastEventId).toBe(expected);
      expected = connection.cursorAtEnd ?? expected;
    }
    expect(stalls).toBeGreaterThan(0);
  });

  it('--resume: three runs against a growing feed print each entry exactly once in total', async () => {
    const home = mkdtempSync(join(tmpdir(), 'livetail-resume-'));
    const serve: Served = await startServe(['-', '--speed', 'max']);
    cleanups.push(() => serve.stop());
    const publish = async (from: number, to: number): Promise<void> => {
      for (let index = from; index <= to; index += 1) {
        serve.process.stdin!.write(`${JSON.stringify({ event: 'entry', ...makeEntry(`r${index}`, index) })}\n`);
      }
      await waitForPublished(serve.url, to);
    };
    const run = (...flags: string[]) => runLivetail([serve.url, '--once', '--json', ...flags], { env: { LIVETAIL_CONFIG_DIR: home } });

    await publish(1, 10);
    const first = await run('--resume');
    await publish(11, 25);
    const second = await run('--resume');
    await publish(26, 30);
    const third = await run('--resume');
    const withoutResume = await run();

    expect([first, second, third].map((result) => result.code)).toEqual([0, 0, 0]);
    expect(printedIds(first.stdout)).toEqual(range('r', 1, 10));
    expect(printedIds(second.stdout)).toEqual(range('r', 11, 25));
    expect(printedIds(third.stdout)).toEqual(range('r', 26, 30));
    expect(printedIds(withoutResume.stdout)).toEqual(range('r', 1, 30));
    expect(JSON.parse(readFileSync(join(home, 'state.json'), 'utf8'))).toEqual({ feeds: { [serve.url]: { resumeId: '30', usedAt: expect.any(String) } } });
  });

  it('never shows a header value: failing authenticated requests, --debug, retries, the state file', async () => {
    const secret = 's3cr3t-t0ken-value';
    const home = mkdtempSync(join(tmpdir(), 'livetail-secret-'));
    const plan: Fault[] = [{ kind: 'status', status: 503 }, { kind: 'status', status: 500 }, { kind: 'status', status: 401 }];
    const server = await faultServer({ entries: 1, plan: ({ index }) => plan[Math.min(index, plan.length - 1)]! });
    const viaFlag = await runLivetail([server.url, '--json', '--debug', '--resume', '--header', `Authorization: Bearer ${secret}`], {
      env: { ...fastRetries, LIVETAIL_CONFIG_DIR: home },
    });
    const viaEnvironment = await runLivetail([await closedPortUrl(), '--json', '--once', '--idle', '200ms', '--timeout', '500ms', '--debug'], {
      env: { ...fastRetries, LIVETAIL_HEADERS: `X-Api-Key: ${secret}\nAuthorization: Bearer ${secret}` },
    });

    expect(server.connections.map((connection) => connection.headers.authorization)).toEqual(Array(3).fill(`Bearer ${secret}`));
    expect(viaFlag.code).toBe(1);
    expect(viaFlag.stderr).toContain('stopped: not authorized (HTTP 401)');
    expect(viaEnvironment.code).toBe(1);
    expect(viaEnvironment.stderr).toContain('no connection within 500ms (last failure: network error (ECONNREFUSED))');
    for (const output of [viaFlag.stdout, viaFlag.stderr, viaEnvironment.stdout, viaEnvironment.stderr]) expect(output).not.toContain(secret);
    let state = '';
    try {
      state = readFileSync(join(home, 'state.json'), 'utf8');
    } catch {
      // Nothing printed, nothing to resume: no state file at all is fine.
    }
    expect(state).not.toContain(secret);
  });
});

/** A loopback URL where nothing listens: every connection attempt is refused. */
async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}

function range(prefix: string, from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, index) => `${prefix}${from + index}`);
}
