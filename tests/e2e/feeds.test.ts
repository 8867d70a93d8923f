import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDocumentServer, type DocumentServer } from '../helpers/document-server.js';
import { runLivetail, startLivetail, startServe, type Following, type Served } from '../helpers/processes.js';
import { ndjsonEvents } from '../helpers/ndjson.js';

/* The real binary against feeds served from 127.0.0.1 (fixtures: fictional feeds in tests/fixtures/feeds). */

const fixture = (name: string): Buffer => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url));
/** The fixture without its XML declaration, so that only the HTTP header names the encoding. */
const undeclared = (name: string): Buffer => {
  const bytes = fixture(name);
  const end = bytes.indexOf('?>');
  return bytes.subarray(0, 5).toString('latin1') === '<?xml' ? bytes.subarray(end + 2) : bytes;
};

const servers: DocumentServer[] = [];
const served: Served[] = [];
const followers: Following[] = [];
afterEach(async () => {
  await Promise.all(followers.splice(0).map((follower) => follower.stop()));
  await Promise.all([...servers.splice(0).map((server) => server.close()), ...served.splice(0).map((server) => server.stop())]);
});

async function serveDocument(body: string | Uint8Array, contentType: string, headers: Record<string, string> = {}): Promise<DocumentServer> {
  const server = await startDocumentServer(body, contentType, headers);
  servers.push(server);
  return server;
}


const entriesOf = (ndjson: string) => ndjsonEvents(ndjson).flatMap((event) => (event.event === 'entry' ? [event.entry] : []));
const blogOf = (ndjson: string) => ndjsonEvents(ndjson).flatMap((event) => (event.event === 'blog' ? [event.blog] : []))[0];

describe('feeds in the legacy encodings, the charset only in the HTTP header', () => {
  it.each([
    ['summit.shift_jis.rss', 'Shift_JIS', 'ほしぞら港湾サミット（架空）速報', '灯台ロボが開会を宣言'],
    ['summit.euc-jp.rdf', 'EUC-JP', 'ほしぞら港湾サミット（架空）RDF', '港の灯りが一斉点灯'],
    ['summit-zh.gb18030.rss', 'GB18030', '星空港湾峰会（虚构）', '灯塔机器人宣布开幕🌟'],
    ['summit-tw.big5.rss', 'Big5', '星空港灣峰會（虛構）', '燈塔機器人宣布開幕'],
    ['summit-ko.euc-kr.rss', 'EUC-KR', '별빛 항만 정상회의(가상)', '등대 로봇이 개막을 선언'],
  ])('%s (%s)', async (file, charset, blogTitle, firstTitle) => {
    const server = await serveDocument(undeclared(file), `application/rss+xml; charset=${charset}`);
    const result = await runLivetail([server.url, '--once', '--json']);
    expect(result.code).toBe(0);
    expect(blogOf(result.stdout)).toMatchObject({ title: blogTitle });
    expect(entriesOf(result.stdout)[0]).toMatchObject({ title: firstTitle });
    expect(result.stdout).not.toContain('\uFFFD');
  });
});

describe('a feed served with the wrong type', () => {
  it.each([['text/html; charset=euc-kr'], ['application/octet-stream; charset=euc-kr'], ['text/plain; charset=euc-kr']])('%s is still read as a feed in its encoding', async (contentType) => {
    const server = await serveDocument(fixture('summit-ko.euc-kr.rss'), contentType);
    const result = await runLivetail([server.url, '--once', '--json']);
    expect(result.code).toBe(0);
    expect(entriesOf(result.stdout).map((entry) => entry.body)).toEqual(['세 번째 부두에서 뱃고동이 세 번 울렸습니다.']);
  });
});

describe('a feed through the pipe', () => {
  it('--once --json from a feed round-trips through livetail serve', async () => {
    const feed = await serveDocument(fixture('summit.atom'), 'application/atom+xml');
    const printed = (await runLivetail([feed.url, '--once', '--json'])).stdout;
    expect(entriesOf(printed).map((entry) => entry.id)).toEqual(['tag:hoshizora.example,2026:a1', 'tag:hoshizora.example,2026:k1']);
    const file = join(mkdtempSync(join(tmpdir(), 'livetail-feed-')), 'feed.ndjson');
    writeFileSync(file, printed);
    const server = await startServe([file, '--speed', 'max']);
    served.push(server);
    while (!/events published/.test(server.stderr())) await new Promise((resolve) => server.process.stderr!.once('data', resolve));
    const again = await runLivetail([server.url, '--once', '--json']);
    expect(entriesOf(again.stdout)).toEqual(entriesOf(printed));
  });

  it('a document that is no feed is one clear line and exit 1', async () => {
    const server = await serveDocument('<?xml version="1.0"?><sitemap/>', 'application/xml');
    const result = await runLivetail([server.url, '--once', '--json', '--source', 'feed']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not a feed (the XML root is <sitemap>');
  });
});

describe('the feed says how often it may be polled', () => {
  const rss = (ttl: string): string =>
    `<rss version="2.0"><channel><title>t</title>${ttl}<item><guid>a</guid><title>a</title><pubDate>Tue, 01 Dec 2026 21:05:00 +0900</pubDate></item></channel></rss>`;

  /*
   * Both feeds are followed by one process at --every 1s: the control feed's polls show time
   * passing, so no clock is read here. By the control's fourth request (~3 s) a feed whose
   * floor is 60 s must still have been asked once.
   */
  it.each([
    ['RSS ttl (minutes)', rss('<ttl>1</ttl>'), {}],
    ['Cache-Control: max-age', rss(''), { 'Cache-Control': 'max-age=60' }],
  ])('%s is a floor for --every', async (_name, body, headers) => {
    const floored = await serveDocument(body, 'application/rss+xml', headers);
    const control = await serveDocument(rss(''), 'application/rss+xml');
    followers.push(startLivetail([floored.url, control.url, '--json', '--every', '1s']));
    await control.untilRequests(4);
    expect(floored.requests).toHaveLength(1);
  });
});

describe('notices of a feed polled again and again', () => {
  it('are said once, though every answer is a full 200 that repeats them', async () => {
    let answered = 0;
    const waiting: (() => void)[] = [];
    const server = createServer((_request, response) => {
      answered += 1;
      waiting.splice(0).forEach((resolve) => resolve());
      // No validators: every poll is parsed again, with the same undated item in it.
      response.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end('<rss version="2.0"><channel><title>t</title><item><title>日付のない記事</title></item></channel></rss>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const follower = startLivetail([`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, '--json', '--every', '1s']);
      followers.push(follower);
      while (answered < 3) await new Promise<void>((resolve) => waiting.push(resolve));
      await follower.stop();
      expect(follower.stderr().match(/the missing date of 1 feed item/g)).toHaveLength(1);
      expect(entriesOf(follower.stdout()).map((entry) => entry.title)).toEqual(['日付のない記事']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
