import { afterEach, describe, expect, it } from 'vitest';
import { ndjsonEntryIds } from '../helpers/ndjson.js';
import { runLivetail, startLivetail } from '../helpers/processes.js';
import { closeScriptedServers, entryEvent, eventStream, scriptedServer } from '../helpers/scripted-server.js';
import { until } from '../helpers/until.js';

/*
 * `--once` against servers that test when it may stop: the real bin/livetail.js and a node:http
 * server on 127.0.0.1 scripted per connection. Only what was printed and the exit status are
 * asserted; the gaps the servers leave are far from the limits the runs are given.
 */

const cleanups: (() => void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await closeScriptedServers();
});

describe('--once end to end', () => {
  it('waits for an event that arrives slowly, in many chunks over more than --idle', async () => {
    const event = entryEvent('slow-1', '架空の港湾サミットは予定より長引き、記者会見は夜にずれ込んだ。'.repeat(30));
    const pieces = 15;
    const server = await scriptedServer((_request, response, _index, later) => {
      response.writeHead(200, eventStream);
      response.write(': stream open\n');
      const size = Math.ceil(event.length / pieces);
      for (let piece = 0; piece < pieces; piece += 1) later(100 * (piece + 1), () => response.write(event.slice(piece * size, (piece + 1) * size)));
    });
    // 15 pieces 100 ms apart: 1.5 s for the event, never more than 0.1 s of silence in it.
    const result = await runLivetail([server.url, '--once', '--json', '--idle', '800ms']);
    expect(result.code).toBe(0);
    expect(ndjsonEntryIds(result.stdout)).toEqual(['slow-1']);
  });

  it('ends by --idle on a server that sends nothing but keepalives (comments and nchan-style pings)', async () => {
    const server = await scriptedServer((_request, response, _index, later) => {
      response.writeHead(200, eventStream);
      response.write(entryEvent('k-1', 'ソウル発：架空の定例会見が始まった。'));
      const keepalive = (): void => {
        response.write(': keepalive\nevent: ping\n\n');
        later(100, keepalive);
      };
      keepalive();
    });
    const run = startLivetail([server.url, '--once', '--json', '--idle', '600ms']);
    cleanups.push(() => void run.stop('SIGKILL'));
    await until(() => run.process.exitCode !== null, () => `still running after keepalives; stderr: ${run.stderr()}`);
    expect(run.process.exitCode).toBe(0);
    expect(ndjsonEntryIds(run.stdout())).toEqual(['k-1']);
  });

  it.each([
    ['resumes after the last id', true],
    ['replays everything on every connection', false],
  ])('ends by --idle on a server with no ready marker that closes every 0.3 s and %s: reconnects and replays are not activity', async (_label, resumes) => {
    const server = await scriptedServer((request, response, _index, later) => {
      response.writeHead(200, eventStream);
      if (!resumes || request.headers['last-event-id'] !== 'c-2') {
        response.write(`${entryEvent('c-1', '台北発：架空の台風情報、第1報。')}${entryEvent('c-2', '台北発：架空の台風情報、第2報。')}`);
      }
      response.write(': hello\n');
      later(300, () => response.end());
    });
    const run = startLivetail([server.url, '--once', '--json', '--idle', '1s'], { env: { LIVETAIL_BACKOFF_BASE_MS: '20', LIVETAIL_BACKOFF_MAX_MS: '40' } });
    cleanups.push(() => void run.stop('SIGKILL'));
    await until(() => run.process.exitCode !== null, () => `still running after ${server.connections()} connections; stderr: ${run.stderr()}`);
    expect(run.process.exitCode).toBe(0);
    expect(ndjsonEntryIds(run.stdout())).toEqual(['c-1', 'c-2']);
    expect(server.connections()).toBeGreaterThan(1);
  });

  it('waits through two 503s, though the backoff is longer than --idle, and prints the backlog', async () => {
    const server = await scriptedServer((_request, response, index) => {
      if (index < 2) {
        response.writeHead(503, { 'Content-Type': 'text/plain' }).end('busy');
        return;
      }
      response.writeHead(200, eventStream);
      response.end(`${entryEvent('r-1', 'Harbour summit (fictional): talks resume.')}${entryEvent('r-2', '항구 정상회의(가상): 회담 재개.')}event: ready\ndata: {}\n\n`);
    });
    const result = await runLivetail([server.url, '--once', '--json', '--idle', '200ms'], { env: { LIVETAIL_BACKOFF_BASE_MS: '400', LIVETAIL_BACKOFF_MAX_MS: '800' } });
    expect(result.stderr).toContain('HTTP 503; reconnecting');
    expect(result.code).toBe(0);
    expect(ndjsonEntryIds(result.stdout)).toEqual(['r-1', 'r-2']);
    expect(server.connections()).toBe(3);
  });

  it('gives up at --timeout on a feed that keeps failing: exit 1 and one line naming the last failure', async () => {
    const server = await scriptedServer((_request, response) => {
      response.writeHead(503, { 'Content-Type': 'text/plain' }).end('busy');
    });
    const result = await runLivetail([server.url, '--once', '--json', '--idle', '200ms', '--timeout', '1s'], { env: { LIVETAIL_BACKOFF_BASE_MS: '50', LIVETAIL_BACKOFF_MAX_MS: '100' } });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(`livetail: ${server.url}: no connection within 1s (last failure: HTTP 503)`);
    expect(server.connections()).toBeGreaterThan(2);
  });
});
