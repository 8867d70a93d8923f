import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeStatus, startFakeMastodon, type FakeMastodon } from '../helpers/fake-mastodon.js';
import { runLivetail, startLivetail, startServe, type Following, type Served } from '../helpers/processes.js';
import { ndjsonEvents } from '../helpers/ndjson.js';
import { until } from '../helpers/until.js';

const running: Array<{ stop(): Promise<unknown> }> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((thing) => thing.stop()));
});

const token = { LIVETAIL_HEADERS: 'Authorization: Bearer test-token-kakuu', LIVETAIL_BACKOFF_BASE_MS: '50', LIVETAIL_BACKOFF_MAX_MS: '200' };
const idOf = (n: number): string => String(110000000000000000n + BigInt(n));

async function mastodon(options: Parameters<typeof startFakeMastodon>[0]): Promise<FakeMastodon> {
  const server = await startFakeMastodon(options);
  running.push(server);
  return server;
}

function follow(args: string[], env: NodeJS.ProcessEnv): Following {
  const following = startLivetail(args, { env });
  running.push(following);
  return following;
}


const entryIds = (ndjson: string): string[] => ndjsonEvents(ndjson).flatMap((event) => (event.event === 'entry' ? [event.entry.id] : []));

const backlog = [
  fakeStatus(1, '港湾サミットの会場で受付が始まった。'),
  fakeStatus(2, '代表団が到着。天気は晴れ ☀️'),
  fakeStatus(3, '첫 번째 회의가 시작되었습니다 · 会议开始'),
];

describe('a Mastodon hashtag (fake server on 127.0.0.1)', () => {
  it('shows the REST backlog oldest first, then live posts from the streaming host the instance names', async () => {
    const server = await mastodon({ statuses: backlog });
    const following = follow([`${server.origin}/tags/ほしぞら港`, '--json'], token);
    await server.waitForStreams(1);
    server.post(fakeStatus(4, '共同声明の発表は15時の予定。'));
    await following.waitForLines(5);
    const printed = ndjsonEvents(following.stdout());
    expect(printed[0]).toMatchObject({ event: 'blog', blog: { title: `#ほしぞら港 on ${new URL(server.origin).host}`, status: 'live' } });
    expect(entryIds(following.stdout())).toEqual([idOf(1), idOf(2), idOf(3), idOf(4)]);
    expect(printed[4]).toMatchObject({ event: 'entry', entry: { body: '共同声明の発表は15時の予定。\n\n#ほしぞら港', tags: ['ほしぞら港'], author: '港の記者（架空）' } });
    expect(server.restRequests).toContain('/api/v2/instance');
  });

  it('a streaming URL with ?access_token= streams with that token, and the printed label hides it', async () => {
    const server = await mastodon({ statuses: backlog });
    const secret = 'kakuu-secret-token';
    const following = follow([`${server.origin}/api/v1/streaming/hashtag?tag=${encodeURIComponent('ほしぞら港')}&access_token=${secret}`, '--json'], { LIVETAIL_BACKOFF_BASE_MS: '50' });
    await server.waitForStreams(1);
    server.post(fakeStatus(4, '共同声明の発表は15時の予定。'));
    await following.waitForLines(5);
    expect(entryIds(following.stdout())).toEqual([idOf(1), idOf(2), idOf(3), idOf(4)]);
    expect(following.stdout()).not.toContain(secret);
    expect(following.stdout()).toContain('access_token=***');
    expect(following.stderr()).not.toContain('polling');
  });

  it('loses nothing and doubles nothing when the stream drops: the gap (over one page) is filled from REST with min_id', async () => {
    const server = await mastodon({ statuses: backlog });
    const following = follow([`${server.origin}/tags/ほしぞら港`, '--json'], token);
    await server.waitForStreams(1);
    server.post(fakeStatus(4, '休憩に入った。'));
    await following.waitForLines(5);
    server.dropStreams();
    // 45 posts while nobody listens: more than one page of 40.
    for (let n = 5; n < 50; n += 1) server.post(fakeStatus(n, `切断中の投稿 ${n} 件目`), { quietly: true });
    await server.waitForStreams(2);
    // Comes by the stream and, if the gap fill is still running, by REST too: once either way.
    server.post(fakeStatus(50, '再接続後の投稿。'));
    await following.waitForLines(51);
    await following.stop();
    const ids = entryIds(following.stdout());
    expect(ids).toEqual(Array.from({ length: 50 }, (_, index) => idOf(index + 1)));
    expect(server.restRequests.some((path) => path.includes(`min_id=${idOf(4)}`))).toBe(true);
    expect(server.restRequests.some((path) => path.includes(`min_id=${idOf(44)}`))).toBe(true);
  });

  it('an edit arrives as an update and a delete as a delete', async () => {
    const server = await mastodon({ statuses: backlog });
    const following = follow([`${server.origin}/api/v1/streaming/hashtag?tag=ほしぞら港`, '--json'], token);
    await server.waitForStreams(1);
    server.edit(fakeStatus(2, '代表団が到着。天気は曇り（訂正）', { edited: true }));
    server.remove(idOf(3));
    await following.waitForLines(6);
    const [edit, removal] = ndjsonEvents(following.stdout()).slice(4);
    expect(edit).toMatchObject({ event: 'update', entry: { id: idOf(2), body: '代表団が到着。天気は曇り（訂正）\n\n#ほしぞら港', modified: fakeStatus(2, '', { edited: true }).edited_at } });
    expect(removal).toEqual({ event: 'delete', id: idOf(3) });
  });

  it('falls back to polling with exactly one message when the stream answers 401', async () => {
    const server = await mastodon({ statuses: backlog, streamUnauthorized: true });
    const following = follow([`${server.origin}/tags/ほしぞら港`, '--json', '--every', '100ms'], token);
    await following.waitForLines(4);
    server.post(fakeStatus(4, 'ポーリングで届く投稿。'));
    server.post(fakeStatus(5, '二つ目。'));
    await following.waitForLines(6);
    // Several polls more, and still one message.
    const polls = server.restRequests.length;
    await until(() => server.restRequests.length >= polls + 3, () => `${server.restRequests.length - polls} polls of 3`);
    await following.stop();
    expect(entryIds(following.stdout())).toEqual([1, 2, 3, 4, 5].map(idOf));
    const lines = following.stderr().trim().split('\n');
    expect(lines.filter((line) => /polling/.test(line))).toHaveLength(1);
    expect(lines.join('\n')).toMatch(/HTTP 401\): polling the timeline every 100ms/);
  });

  it('without a token polls from the start and says so once', async () => {
    const server = await mastodon({ statuses: backlog });
    const following = follow([`${server.origin}/tags/ほしぞら港`, '--json', '--every', '100ms'], { LIVETAIL_HEADERS: '' });
    await following.waitForLines(4);
    server.post(fakeStatus(4, 'トークンなしでも届く。'));
    await following.waitForLines(5);
    await following.stop();
    expect(server.streamConnections()).toBe(0);
    expect(following.stderr().trim().split('\n').filter((line) => /no access token/.test(line))).toHaveLength(1);
  });

  it('--once --resume continues after the newest status a previous run printed (min_id)', async () => {
    const server = await mastodon({ statuses: backlog });
    const env = { LIVETAIL_HEADERS: '', LIVETAIL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'livetail-resume-')) };
    const url = `${server.origin}/tags/ほしぞら港`;
    const first = await runLivetail([url, '--once', '--resume'], { env });
    expect(entryIds(first.stdout)).toEqual([1, 2, 3].map(idOf));
    server.post(fakeStatus(4, '次の実行で届く。'), { quietly: true });
    const second = await runLivetail([url, '--once', '--resume'], { env });
    expect(second.code).toBe(0);
    expect(entryIds(second.stdout)).toEqual([idOf(4)]);
    expect(server.restRequests.some((path) => path.includes(`min_id=${idOf(3)}`))).toBe(true);
  });

  it('--once --json round-trips through livetail serve', async () => {
    const server = await mastodon({ statuses: backlog });
    const first = await runLivetail([`${server.origin}/tags/ほしぞら港`, '--once', '--json'], { env: { LIVETAIL_HEADERS: '' } });
    expect(first.code).toBe(0);
    expect(entryIds(first.stdout)).toEqual([1, 2, 3].map(idOf));
    const file = join(mkdtempSync(join(tmpdir(), 'livetail-')), 'tag.ndjson');
    writeFileSync(file, first.stdout);
    const served: Served = await startServe([file, '--speed', 'max']);
    running.push(served);
    while (!/events published/.test(served.stderr())) await new Promise((resolve) => served.process.stderr!.once('data', resolve));
    const again = await runLivetail([served.url, '--once', '--json']);
    expect(ndjsonEvents(again.stdout)).toEqual(ndjsonEvents(first.stdout));
  });
});
