import { afterEach, describe, expect, it } from 'vitest';
import { startFakeMastodon, type FakeMastodon } from '../helpers/mastodon-server.js';
import { status } from '../helpers/mastodon-statuses.js';
import { runLivetail, startLivetail, type Following } from '../helpers/processes.js';

/*
 * The real binary following a hashtag on a fake Mastodon instance on 127.0.0.1: the REST backlog,
 * the stream (on the streaming host the instance names), gaps filled from REST after a
 * disconnect, and polling when the stream wants a token it did not get.
 */

const tag = '港湾サミット';
const token = 'kasou-token';
const fast = { LIVETAIL_BACKOFF_BASE_MS: '50', LIVETAIL_BACKOFF_MAX_MS: '200' };
const servers: FakeMastodon[] = [];
const followers: Following[] = [];

afterEach(async () => {
  for (const follower of followers.splice(0)) await follower.stop();
  for (const server of servers.splice(0)) await server.close();
});

async function instance(count: number): Promise<FakeMastodon> {
  const server = await startFakeMastodon({ tag, token });
  servers.push(server);
  for (let index = 1; index <= count; index += 1) server.post(status({ id: `11300000000000010${index}` }));
  return server;
}

const tagUrl = (server: FakeMastodon): string => `${server.origin}/tags/${encodeURIComponent(tag)}`;
const sid = (index: number): string => `11300000000000010${index}`;

interface Printed {
  event: string;
  id: string;
  body?: string;
  title?: string;
  modified?: string;
  author?: string;
}
const printed = (text: string): Printed[] => text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Printed);

function follow(server: FakeMastodon, args: readonly string[]): Following {
  const follower = startLivetail([tagUrl(server), '--json', ...args], { env: fast });
  followers.push(follower);
  return follower;
}

describe('following a Mastodon hashtag', () => {
  it('--once --json prints the blog and the recent posts, oldest first, and exits 0', async () => {
    const server = await instance(3);
    const run = await runLivetail([tagUrl(server), '--once', '--json']);
    expect(run.code).toBe(0);
    const events = printed(run.stdout);
    expect(events[0]).toMatchObject({ event: 'blog', title: `#${tag} (${new URL(server.origin).host})`, id: tagUrl(server) });
    expect(events.slice(1).map((event) => `${event.event} ${event.id}`)).toEqual([1, 2, 3].map((index) => `entry ${sid(index)}`));
    expect(events[1]).toMatchObject({ author: '港湾ウォッチャー（架空）', body: `港湾サミット速報 ${sid(1)} 🚢 #港湾サミット` });
  });

  it('with a token, a stream that drops mid-way loses nothing and doubles nothing', async () => {
    const server = await instance(2);
    const follower = follow(server, ['--header', `Authorization: Bearer ${token}`]);
    await follower.waitForLines(3);
    await server.until(() => server.openStreams() === 1);
    server.post(status({ id: sid(3) }));
    server.streamEvent('update', JSON.stringify(status({ id: sid(3) })));
    await follower.waitForLines(4);
    // Posted while the stream is dying: the stream never sends them.
    server.post(status({ id: sid(4) }));
    server.post(status({ id: sid(5) }));
    server.dropStreams();
    await server.until(() => server.openStreams() === 1 && server.streamRequests.length === 2);
    await follower.waitForLines(6);
    // The new stream repeats one the gap fill brought, then goes on.
    server.streamEvent('update', JSON.stringify(status({ id: sid(5) })));
    server.post(status({ id: sid(6) }));
    server.streamEvent('update', JSON.stringify(status({ id: sid(6) })));
    await follower.waitForLines(7);
    const events = printed(follower.stdout());
    expect(events.map((event) => `${event.event} ${event.id}`)).toEqual(['blog', 1, 2, 3, 4, 5, 6].map((index) => (index === 'blog' ? `blog ${tagUrl(server)}` : `entry ${sid(index as number)}`)));
    expect(server.timelineRequests.map((query) => query.get('min_id'))).toContain(sid(3));
    expect(server.streamRequests.every((headers) => headers.authorization === `Bearer ${token}`)).toBe(true);
    expect(follower.stderr()).not.toContain('polling');
  });

  it('an edit arrives as an update and a deletion as a delete', async () => {
    const server = await instance(2);
    const follower = follow(server, ['--header', `Authorization: Bearer ${token}`]);
    await follower.waitForLines(3);
    await server.until(() => server.openStreams() === 1);
    server.streamEvent('status.update', JSON.stringify(status({ id: sid(2), text: '訂正：到着は午後3時40分ごろ', editedAt: '2026-11-25T07:50:00.000Z' })));
    server.streamEvent('notification', '{"id":"9"}');
    server.streamEvent('delete', sid(1));
    await follower.waitForLines(5);
    const [update, deletion] = printed(follower.stdout()).slice(3);
    expect(update).toMatchObject({ event: 'update', id: sid(2), modified: '2026-11-25T07:50:00.000Z', body: '訂正：到着は午後3時40分ごろ #港湾サミット' });
    expect(deletion).toEqual(expect.objectContaining({ event: 'delete', id: sid(1) }));
  });

  it('a 401 on the stream falls back to polling the timeline, said once', async () => {
    const server = await instance(1);
    const follower = follow(server, ['--header', 'Authorization: Bearer wrong-token', '--every', '1s']);
    await follower.waitForLines(2);
    await server.until(() => server.streamRequests.length === 1);
    server.post(status({ id: sid(2) }));
    await follower.waitForLines(3);
    const polls = server.timelineRequests.length;
    await server.until(() => server.timelineRequests.length >= polls + 2);
    expect(printed(follower.stdout()).map((event) => event.id).slice(1)).toEqual([sid(1), sid(2)]);
    expect(server.timelineRequests.at(-1)?.get('min_id')).toBe(sid(2));
    expect(follower.stderr().match(/Mastodon streaming needs a user token/g)).toHaveLength(1);
    expect(follower.stderr()).toContain('polling the public timeline every 1s instead');
    expect(server.streamRequests).toHaveLength(1);
  });

  it('a streaming URL with ?access_token= streams with that token, and the label hides it', async () => {
    const server = await instance(1);
    const follower = startLivetail([`${server.origin}/api/v1/streaming/hashtag?tag=${encodeURIComponent(tag)}&access_token=${token}`, '--json'], { env: fast });
    followers.push(follower);
    await follower.waitForLines(2);
    await server.until(() => server.openStreams() === 1);
    server.streamEvent('update', JSON.stringify(status({ id: sid(2) })));
    await follower.waitForLines(3);
    expect(server.streamRequests[0]?.authorization).toBe(`Bearer ${token}`);
    expect(follower.stdout()).not.toContain(token);
    expect(follower.stdout()).toContain('access_token=***');
    expect(follower.stderr()).not.toContain('polling');
  });

  it('without a token it polls from the start and never asks the stream', async () => {
    const server = await instance(1);
    const follower = follow(server, ['--every', '1s']);
    await follower.waitForLines(2);
    server.post(status({ id: sid(2) }));
    await follower.waitForLines(3);
    expect(server.streamRequests).toHaveLength(0);
    expect(follower.stderr().match(/Mastodon streaming needs a user token/g)).toHaveLength(1);
  });
});
