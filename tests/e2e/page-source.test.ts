import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startDocumentServer, type DocumentServer } from '../helpers/document-server.js';
import { runLivetail, startLivetail, startServe, type Following } from '../helpers/processes.js';

/*
 * The real binary following a live-blog page on 127.0.0.1: detection from the answer, polling
 * with conditional GET, and each changed snapshot turned into exactly the events that changed.
 */

const page = readFileSync(new URL('../fixtures/pages/hoshizora-live.html', import.meta.url), 'utf8');
const open: { close(): Promise<void> }[] = [];
const followers: Following[] = [];

afterEach(async () => {
  for (const follower of followers.splice(0)) await follower.stop();
  for (const server of open.splice(0)) await server.close();
});

async function serve(body: string, contentType?: string, headers?: Record<string, string>): Promise<DocumentServer> {
  const server = await startDocumentServer(body, contentType, headers);
  open.push(server);
  return server;
}

const events = (text: string) => text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as { event: string; id: string; title?: string; body?: string; feed: string });

describe('following a live-blog page', () => {
  it('--once prints the blog and every update, oldest first, and exits 0', async () => {
    const server = await serve(page);
    const run = await runLivetail([server.url, '--once', '--json']);
    expect(run.code).toBe(0);
    const printed = events(run.stdout);
    expect(printed[0]).toMatchObject({ event: 'blog', title: 'ほしぞら港湾サミット（架空） "速報"' });
    expect(printed.slice(1).map((event) => event.title)).toEqual(['（写真）会場に到着する代表団', '共同声明「航路の安全を最優先」', '会場周辺で交通規制 🚧']);
  });

  it('a change between polls gives exactly one update, one entry and one delete', async () => {
    const server = await serve(page);
    const follower = startLivetail([server.url, '--json', '--every', '1s']);
    followers.push(follower);
    await follower.waitForLines(4);
    // Update 2 corrected, update 4 added, update 3 retracted (it lies inside the page's window,
    // so it is a deletion, not an old update scrolling off the page).
    const edited = page
      .replace('代表団が午後3時半すぎ、会場に到着した。', '代表団が午後3時40分ごろ、会場に到着した。')
      .replace(
        '"liveBlogUpdate": [',
        `"liveBlogUpdate": [
        {"@type": "BlogPosting", "@id": "https://news.example.test/live/hoshizora#update-4", "headline": "会見終了", "datePublished": "2026-11-25T16:40:00+09:00", "articleBody": "会見は終了した。"},`,
      )
      .replace(/\{\s*"@type": "BlogPosting",\s*"@id": "https:\/\/news.example.test\/live\/hoshizora#update-3"[\s\S]*?"keywords": "会見,港湾"\s*\},/, '');
    expect(edited).not.toContain('#update-3');
    server.publish(edited);
    await follower.waitForLines(7);
    // Two more polls of the same version: nothing more.
    await server.untilRequests(server.requests.length + 2);
    expect(events(follower.stdout())).toHaveLength(7);
    const changes = events(follower.stdout()).slice(4);
    expect(changes.map((event) => `${event.event} ${event.id}`).sort()).toEqual(
      [
        'delete https://news.example.test/live/hoshizora#update-3',
        'entry https://news.example.test/live/hoshizora#update-4',
        'update https://news.example.test/live/hoshizora#update-2',
      ].sort(),
    );
    expect(changes.find((event) => event.event === 'update')?.body).toContain('3時40分');
  });

  it('sends the ETag back verbatim, and a 304 prints nothing', async () => {
    const server = await serve(page);
    server.publish(page);
    const follower = startLivetail([server.url, '--json', '--every', '1s']);
    followers.push(follower);
    await follower.waitForLines(4);
    await server.untilRequests(4);
    expect(server.requests[1]!['if-none-match']).toBe('W/"v2"');
    expect(server.notModified()).toBeGreaterThanOrEqual(2);
    expect(events(follower.stdout())).toHaveLength(4);
  });

  it('an HTML page with no live blog is one clear line and exit 1', async () => {
    const server = await serve(readFileSync(new URL('../fixtures/pages/no-live-blog.html', import.meta.url), 'utf8'));
    const run = await runLivetail([server.url, '--once', '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no live blog on this page (no schema.org LiveBlogPosting)');
  });

  it('a page served as text/plain is still recognised', async () => {
    const server = await serve(page, 'text/plain');
    const run = await runLivetail([server.url, '--once', '--json']);
    expect(run.code).toBe(0);
    expect(events(run.stdout)).toHaveLength(4);
  });

  it('--once --json from a page round-trips through livetail serve', async () => {
    const server = await serve(page);
    const first = await runLivetail([server.url, '--once', '--json']);
    const served = await startServe(['-', '--speed', 'max'], first.stdout);
    open.push({ close: () => served.stop() });
    const again = await runLivetail([served.url, '--once', '--json']);
    const strip = (text: string) => events(text).map(({ feed: _feed, ...rest }) => rest);
    expect(strip(again.stdout)).toEqual(strip(first.stdout));
  });

  it('follows a page whose live blog is in microdata: --once, then a corrected update', async () => {
    const microdata = readFileSync(new URL('../fixtures/pages/seaside-microdata.html', import.meta.url), 'utf8');
    const server = await serve(microdata);
    const once = await runLivetail([server.url, '--once', '--json']);
    expect(once.code).toBe(0);
    expect(events(once.stdout).map((event) => event.title)).toEqual(['Live: Seaside ferry strike & talks (fictional)', '항구 앞 임시 버스 운행 (가상)', 'No ferries this morning', 'Union and operator agree to talk at 3pm']);
    const follower = startLivetail([server.url, '--json', '--every', '1s']);
    followers.push(follower);
    await follower.waitForLines(4);
    server.publish(microdata.replace('All morning sailings are cancelled', 'All morning sailings and the 1pm one are cancelled'));
    await follower.waitForLines(5);
    await server.untilRequests(server.requests.length + 2);
    const changes = events(follower.stdout()).slice(4);
    expect(changes).toMatchObject([{ event: 'update', title: 'No ferries this morning', body: 'All morning sailings and the 1pm one are cancelled, the operator said.' }]);
  });
});
