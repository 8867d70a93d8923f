import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEntry } from '../helpers/entries.js';
import { startLivetail, type Following } from '../helpers/processes.js';
import { nchanAvailable, startNginx, type Nginx } from '../nchan/nginx.js';
import { until } from '../helpers/until.js';

/*
 * livetail behind a real SSE hub: nginx with the nchan module (tests/nchan/nginx.conf). The
 * newsroom publishes with POST /pub/CHAN and `X-EventSource-Event: entry`; readers follow
 * /sub/CHAN. nchan closes every subscriber after a second, so the follower resumes with nchan's
 * own ids (`1795633975:0`) many times; the follower and the publisher are also restarted.
 */

const available = nchanAvailable();
const running: { stop(): Promise<unknown> }[] = [];

afterEach(async () => {
  for (const process of running.splice(0).reverse()) await process.stop();
});

/** One publisher session: publishes entries with ids n..m, then it is gone (a "restart"). */
async function publish(nginx: Nginx, channel: string, from: number, to: number): Promise<void> {
  for (let index = from; index <= to; index += 1) {
    const response = await fetch(`${nginx.base}/pub/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-EventSource-Event': 'entry' },
      body: JSON.stringify(makeEntry(`n${index}`, index)),
    });
    expect(response.status).toBeLessThan(300);
  }
}

const printedIds = (follower: Following): string[] =>
  follower
    .stdout()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => (JSON.parse(line) as { id: string; event: string }).id);

// Developers without nginx skip this; CI (which installs it) must never skip it silently.
it.runIf(process.env.LIVETAIL_REQUIRE_NCHAN === '1')('nginx with the nchan module is installed', () => {
  expect(available).toBe(true);
});

describe.skipIf(!available)('following nginx + nchan', () => {
  it('publish 50, restart follower and publisher mid-way: nothing lost or doubled', async () => {
    const nginx = await startNginx();
    running.push(nginx);
    const url = `${nginx.base}/sub/desk`;
    const env = { LIVETAIL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'livetail-nchan-state-')), LIVETAIL_BACKOFF_BASE_MS: '10', LIVETAIL_BACKOFF_MAX_MS: '100' };
    const follow = (): Following => {
      const follower = startLivetail([url, '--json', '--resume'], { env });
      running.push(follower);
      return follower;
    };

    await publish(nginx, 'desk', 1, 10);
    const first = follow();
    await first.waitForLines(10);
    await publish(nginx, 'desk', 11, 20);
    await first.waitForLines(20);
    expect(await first.stop()).toBe(0);

    // Published while nobody follows: the next follower must pick these up from nchan's buffer.
    await publish(nginx, 'desk', 21, 35);
    const second = follow();
    await second.waitForLines(15);
    await publish(nginx, 'desk', 36, 50);
    await second.waitForLines(30);
    // nchan closes the subscriber (its `:408` timeout) and the follower resumes from nchan's ids:
    // once more after the last entry, and still nothing is doubled.
    const reconnects = (): number => second.stderr().split('server closed the connection; reconnecting').length - 1;
    const before = reconnects();
    await until(() => reconnects() > before, () => `nchan never closed the subscriber; stderr:\n${second.stderr()}`);
    expect(await second.stop()).toBe(0);

    const all = [...printedIds(first), ...printedIds(second)];
    expect(all).toEqual(Array.from({ length: 50 }, (_, index) => `n${index + 1}`));
    expect(second.stderr()).not.toMatch(/skipped/);
  });
});
