import { afterEach, describe, expect, it } from 'vitest';
import type { SourceSignal } from '../../../src/schema/signal.js';
import { createMastodonSource } from '../../../src/sources/mastodon/mastodon-source.js';
import { startFakeMastodon, type FakeMastodon } from '../../helpers/mastodon-server.js';
import { status } from '../../helpers/mastodon-statuses.js';

/*
 * The source itself, signal by signal (the pipe drops repeated identical lines, so only here is
 * it visible that the source never delivers a status twice), and its cursor.
 */

const tag = 'ほしぞら';
const token = 'kasou';
const sid = (index: number): string => `11300000000000020${index}`;
const open: { stop(): void }[] = [];
const servers: FakeMastodon[] = [];

afterEach(async () => {
  for (const source of open.splice(0)) source.stop();
  for (const server of servers.splice(0)) await server.close();
});

async function follow(count: number, cursor?: string): Promise<{ server: FakeMastodon; signals: SourceSignal[]; until(test: () => boolean): Promise<void> }> {
  const server = await startFakeMastodon({ tag, token });
  servers.push(server);
  for (let index = 1; index <= count; index += 1) server.post(status({ id: sid(index) }));
  const signals: SourceSignal[] = [];
  const waiters = new Set<() => void>();
  const source = createMastodonSource({
    url: `${server.origin}/tags/${encodeURIComponent(tag)}`,
    headers: { Authorization: `Bearer ${token}` },
    everyMs: 1000,
    policy: { baseMs: 20, maxMs: 50 },
    ...(cursor === undefined ? {} : { cursor }),
  });
  open.push(source);
  source.start((signal) => {
    signals.push(signal);
    waiters.forEach((check) => check());
  });
  const until = (test: () => boolean): Promise<void> =>
    new Promise((resolve) => {
      const check = (): void => {
        if (test()) resolve();
      };
      waiters.add(check);
      check();
    });
  return { server, signals, until };
}

const entries = (signals: SourceSignal[]) => signals.flatMap((signal) => (signal.type === 'event' && signal.event.event === 'entry' ? [signal] : []));

describe('the Mastodon source', () => {
  it('delivers a status once when both the gap fill and the stream bring it, and the cursor is the newest id', async () => {
    const { server, signals, until } = await follow(2);
    await server.until(() => server.openStreams() === 1);
    server.post(status({ id: sid(3) }));
    server.dropStreams();
    await server.until(() => server.openStreams() === 1 && server.streamRequests.length === 2);
    await until(() => entries(signals).length === 3);
    server.streamEvent('update', JSON.stringify(status({ id: sid(3) })));
    server.streamEvent('update', JSON.stringify(status({ id: sid(4) })));
    await until(() => entries(signals).some((signal) => signal.event.event === 'entry' && signal.event.entry.id === sid(4)));
    expect(entries(signals).map((signal) => signal.event.event === 'entry' && signal.event.entry.id)).toEqual([1, 2, 3, 4].map(sid));
    expect(entries(signals).map((signal) => signal.cursor)).toEqual([1, 2, 3, 4].map(sid));
  });

  it('resumes from a cursor with min_id and a malformed status is reported, not delivered', async () => {
    const { server, signals, until } = await follow(3, sid(2));
    await until(() => signals.some((signal) => signal.type === 'ready'));
    expect(server.timelineRequests[0]?.get('min_id')).toBe(sid(2));
    expect(entries(signals).map((signal) => signal.event.event === 'entry' && signal.event.entry.id)).toEqual([sid(3)]);
    await server.until(() => server.openStreams() === 1);
    server.streamEvent('update', JSON.stringify({ ...status({ id: sid(5) }), created_at: 'いつか' }));
    server.streamEvent('update', '{not json');
    await until(() => signals.filter((signal) => signal.type === 'invalid').length === 2);
    expect(entries(signals)).toHaveLength(1);
  });
});
