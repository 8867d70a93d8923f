import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runLivetail, runShell, startServe, type Served } from '../helpers/processes.js';
import { ndjsonEvents } from '../helpers/ndjson.js';

const fixture = (name: string): string => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const served: Served[] = [];

afterEach(async () => {
  await Promise.all(served.splice(0).map((server) => server.stop()));
});

/** Serves a file with no pacing and waits until all of it is published. */
async function serveAll(file: string): Promise<Served> {
  const server = await startServe([file, '--speed', 'max']);
  served.push(server);
  while (!/events published/.test(server.stderr())) await new Promise((resolve) => server.process.stderr!.once('data', resolve));
  return server;
}


describe('following a real serve over HTTP', () => {
  it('--once --json prints exactly the served events, in order, labelled with the feed', async () => {
    const server = await serveAll(fixture('small.ndjson'));
    const result = await runLivetail([server.url, '--once', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(ndjsonEvents(result.stdout)).toEqual(ndjsonEvents(readFileSync(fixture('small.ndjson'), 'utf8')));
    for (const line of result.stdout.trim().split('\n')) expect(JSON.parse(line).feed).toBe(server.url);
  });

  it('round-trips: what it prints, serve republishes the same', async () => {
    const first = await serveAll(fixture('small.ndjson'));
    const printed = (await runLivetail([first.url, '--once', '--json'])).stdout;
    const file = join(mkdtempSync(join(tmpdir(), 'livetail-')), 'a.ndjson');
    writeFileSync(file, printed);
    const second = await serveAll(file);
    const again = await runLivetail([second.url, '--once', '--json']);
    expect(ndjsonEvents(again.stdout)).toEqual(ndjsonEvents(printed));
  });

  it('answers Last-Event-ID with only the later events', async () => {
    const server = await serveAll(fixture('small.ndjson'));
    const response = await fetch(server.url, { headers: { Accept: 'text/event-stream', 'Last-Event-ID': '3' } });
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('event: ready')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
    const total = ndjsonEvents(readFileSync(fixture('small.ndjson'), 'utf8')).length;
    expect(ids).toEqual(Array.from({ length: total - 3 }, (_, index) => index + 4));
  });

  it('ends quietly with status 0 when the reader of the pipe goes away', async () => {
    // Default pacing (one event a second) keeps events coming after head has left.
    const server = await startServe([fixture('small.ndjson')]);
    served.push(server);
    const result = await runShell(`"$LIVETAIL_BIN" ${server.url} --json | head -n 1; echo "status=\${PIPESTATUS[0]}" >&2`);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toBe('status=0\n');
  });

  it('notices the reader of the pipe going away while the feed is quiet', async () => {
    // The whole backlog is written before head leaves, and no event follows: only watching the
    // pipe itself can tell livetail to end (the test waits for the whole pipeline to finish).
    const server = await serveAll(fixture('small.ndjson'));
    const result = await runShell(`"$LIVETAIL_BIN" ${server.url} --json | head -n 3; echo "status=\${PIPESTATUS[0]}" >&2`);
    expect(result.stdout.trim().split('\n')).toHaveLength(3);
    expect(result.stderr).toBe('status=0\n');
  });

  it('feeds jq: every line is one JSON object', async () => {
    const server = await serveAll(fixture('small.ndjson'));
    const result = await runShell(`"$LIVETAIL_BIN" ${server.url} --once | jq -r 'select(.event == "entry") | .id'`);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim().split('\n')).toEqual(['s-1', 's-2', 's-3', 's-4', 's-5', 's-6', 's-7']);
  });

  it('--format output carries no control characters from a hostile feed', async () => {
    const server = await serveAll(fixture('injection.ndjson'));
    const result = await runLivetail([server.url, '--once', '--format', '{time} {title} {body} {tags} {credits} {links} {feed}']);
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(0);
    // Only the newlines between entries: no ESC, no C0/C1 control, no bidi control.
    // eslint-disable-next-line no-control-regex
    expect(result.stdout.replaceAll('\n', '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(result.stdout).toContain('赤い見出し');
  });

  it('--tag keeps only entries with that tag', async () => {
    const server = await serveAll(fixture('small.ndjson'));
    const result = await runLivetail([server.url, '--once', '--format', '{id} {tags}', '--tag', '天気']);
    expect(result.stdout.trim().split('\n').every((line) => line.includes('天気'))).toBe(true);
    expect(result.stdout).toContain('s-4');
    expect(result.stdout).not.toContain('s-5');
  });

  it('--tag ignores case and full/half width, as the tag picker does (--tag Flood, --tag ＭＤ)', async () => {
    const entry = (id: string, minute: number, tags: string[]) =>
      JSON.stringify({ event: 'entry', id, time: `2026-09-10T09:${minute}:00+09:00`, title: `見出し${id}`, body: '架空の本文。', tags });
    const input = [entry('w-1', 10, ['flood', '気象']), entry('w-2', 20, ['MD']), entry('w-3', 30, ['AMD']), entry('w-4', 40, ['天気'])].join('\n') + '\n';
    const server = await startServe(['-'], input);
    served.push(server);
    while (!/events published/.test(server.stderr())) await new Promise((resolve) => server.process.stderr!.once('data', resolve));
    const ids = async (...tags: string[]) =>
      (await runLivetail([server.url, '--once', '--format', '{id}', ...tags.flatMap((tag) => ['--tag', tag])])).stdout.trim().split('\n');
    expect(await ids('Flood')).toEqual(['w-1']);
    expect(await ids('ＭＤ')).toEqual(['w-2']);
    expect(await ids('ＦＬＯＯＤ', 'md')).toEqual(['w-1', 'w-2']);
  });

  it('fails with one line and status 1 on a feed that is not there', async () => {
    const server = await serveAll(fixture('small.ndjson'));
    const result = await runLivetail([`${server.url}missing`, '--once']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/not found \(HTTP 404\)/);
  });
});

describe('stdin and conventions', () => {
  it('reads NDJSON from - and keeps feed labels', async () => {
    const input = readFileSync(fixture('small.ndjson'), 'utf8');
    const result = await runLivetail(['-', '--json'], { input: `${input}not json\n` });
    expect(result.code).toBe(0);
    expect(ndjsonEvents(result.stdout)).toEqual(ndjsonEvents(input));
    expect(JSON.parse(result.stdout.split('\n')[0]!).feed).toBe('small');
    expect(result.stderr).toMatch(/^livetail: stdin: skipped line \d+: not valid JSON\n$/);
  });

  it('prints help and version, exit 0', async () => {
    const help = await runLivetail(['--help']);
    expect(help.code).toBe(0);
    for (const word of ['demo', 'serve', '--json', '--format', '--once', '--idle', '--timeout', '--tag', '--header', '--tz', '--no-color', '--speed', '--loop', '--port', '--host']) {
      expect(help.stdout).toContain(word);
    }
    const version = await runLivetail(['serve', '--version']);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it.each([
    [['--bogus', 'http://127.0.0.1:1/'], /unknown option '--bogus'/],
    [[], /no feed given/],
    [['serve'], /exactly one input/],
    [['demo', '--speed', 'fast'], /--speed/],
    [['ftp://example.invalid/'], /only http and https/],
  ])('usage error %j: one line, status 2', async (args, message) => {
    const result = await runLivetail(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });

  it('serve reports bad lines with their number and serves the rest', async () => {
    const server = await startServe(['-', '--speed', 'max'], '{"event":"entry","id":"a","time":"2026-11-25T13:00:00+09:00"}\n{oops\n{"event":"entry","id":"b","time":"nope"}\n');
    served.push(server);
    while (!/events published/.test(server.stderr())) await new Promise((resolve) => server.process.stderr!.once('data', resolve));
    expect(server.stderr()).toMatch(/line 2: not valid JSON/);
    expect(server.stderr()).toMatch(/line 3: time/);
    const result = await runLivetail([server.url, '--once', '--format', '{id}']);
    expect(result.stdout).toBe('a\n');
  });

  it('serve of a missing file: one line, status 1', async () => {
    const result = await runLivetail(['serve', '/nonexistent/feed.ndjson', '--port', '0']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('livetail: cannot read /nonexistent/feed.ndjson: no such file\n');
  });
});

describe('settings in pipe mode', () => {
  it('--followed keeps only entries matching followed topics, and needs some', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'livetail-config-'));
    const env = { LIVETAIL_CONFIG_DIR: dir };
    const server = await serveAll(fixture('small.ndjson'));
    const none = await runLivetail([server.url, '--once', '--followed', '--json'], { env });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no topics are followed/);
    expect((await runLivetail(['topics', 'add', '天気'], { env })).code).toBe(0);
    const result = await runLivetail([server.url, '--once', '--followed', '--format', '{id}'], { env });
    expect(result.code).toBe(0);
    // s-1, s-4 and s-7 carry the tag 天気; the update of s-1 follows it.
    expect(result.stdout.trim().split('\n')).toEqual(['s-1', 's-4', 's-1', 's-7']);
  });

  it('takes the time zone from the settings when --tz is not given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'livetail-config-'));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ timeZone: 'UTC' }));
    const server = await serveAll(fixture('small.ndjson'));
    const result = await runLivetail([server.url, '--once', '--format', '{time} {id}'], { env: { LIVETAIL_CONFIG_DIR: dir } });
    expect(result.stdout.split('\n')[0]).toBe('09:00 s-1');
    const flagWins = await runLivetail([server.url, '--once', '--format', '{time} {id}', '--tz', 'Asia/Tokyo'], { env: { LIVETAIL_CONFIG_DIR: dir } });
    expect(flagWins.stdout.split('\n')[0]).toBe('18:00 s-1');
  });
});

describe('following over HTTPS', () => {
  // A test-only certificate authority and a certificate for 127.0.0.1 signed by it
  // (tests/fixtures/tls, valid until 2126); the follower is told to trust that authority.
  const tls = (name: string): string => readFileSync(fixture(`tls/${name}`), 'utf8');

  it('reads a feed served over TLS, after a redirect from plain HTTP', async () => {
    const lines = [1, 2, 3].map((n) => `id: ${n}\nevent: entry\ndata: ${JSON.stringify({ id: `t${n}`, time: '2026-11-25T05:00:00Z', title: `暗号化${n}`, body: '', tags: [] })}\n\n`);
    const secure = createHttpsServer({ key: tls('server.key'), cert: tls('server.pem') }, (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      response.end(`${lines.join('')}event: ready\ndata: {}\n\n`);
    });
    await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve));
    const securePort = (secure.address() as { port: number }).port;
    const plain = createHttpServer((_request, response) => response.writeHead(301, { Location: `https://127.0.0.1:${securePort}/live` }).end());
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(plain.address() as { port: number }).port}/`;
      const result = await runLivetail([url, '--once', '--format', '{title}'], { env: { NODE_EXTRA_CA_CERTS: fixture('tls/ca.pem') } });
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe('暗号化1\n暗号化2\n暗号化3\n');
    } finally {
      secure.close();
      plain.close();
    }
  });
});
