import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEntry } from '../helpers/entries.js';
import { ndjsonEvents } from '../helpers/ndjson.js';
import { bin, runLivetail, startLivetail, startServe, waitForPublished, type Served } from '../helpers/processes.js';
import { TmuxTerminal } from '../helpers/tmux.js';
import { until } from '../helpers/until.js';

/*
 * `--output FILE` and `--resume` against the real bin/ and a real `livetail serve`: killed with
 * SIGKILL at seeded random moments while entries are published, the file still ends up holding
 * each entry exactly once; a second process on the same file or --resume feed is refused.
 */

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function serveFromStdin(): Promise<Served & { publish(count: number): void; published(): number }> {
  const serve = await startServe(['-', '--speed', 'max']);
  cleanups.push(() => serve.stop());
  let published = 0;
  return {
    ...serve,
    publish(count) {
      let lines = '';
      for (let index = 0; index < count; index += 1) {
        published += 1;
        lines += `${JSON.stringify({ event: 'entry', ...makeEntry(`k${published}`, published % 600, { title: `速報${published}` }) })}\n`;
      }
      serve.process.stdin!.write(lines);
    },
    published: () => published,
  };
}

/** mulberry32: the kill moments are random but the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const sizeOf = (path: string): number => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

const scratchFile = (): string => join(mkdtempSync(join(tmpdir(), 'livetail-output-e2e-')), 'desk.ndjson');

describe('--output FILE end to end', () => {
  it('holds every published entry exactly once after 10 SIGKILLs at random moments while the feed publishes', async () => {
    const serve = await serveFromStdin();
    const file = scratchFile();
    // About 200 entries a second for as long as the kills go on.
    const publisher = setInterval(() => serve.publish(2), 10);
    cleanups.push(() => clearInterval(publisher));
    const random = seededRandom(17);
    const kills = 10;
    for (let kill = 0; kill < kills; kill += 1) {
      const before = sizeOf(file);
      const follower = startLivetail([serve.url, '--output', file]);
      // Killed while it writes: once it has appended something, at a random moment within the next
      // 1.2 s, which spans several synced batches and a save of the position (at most once a second).
      await until(() => sizeOf(file) > before, () => `run ${kill} wrote nothing: ${follower.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, random() * 1200));
      expect(await follower.stop('SIGKILL')).toBeNull();
      expect(follower.stderr()).toBe('');
    }
    clearInterval(publisher);
    const total = serve.published();
    await waitForPublished(serve.url, total);

    const last = await runLivetail([serve.url, '--once', '--output', file]);

    expect(last).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const text = readFileSync(file, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    // Every line is a whole event (ndjsonEvents throws on a torn one), each entry exactly once, in order.
    const ids = ndjsonEvents(text).map((event) => (event.event === 'entry' ? event.entry.id : event.event));
    expect(ids).toEqual(Array.from({ length: total }, (_, index) => `k${index + 1}`));
    expect(total).toBeGreaterThan(kills * 2);
    // Ten starts of node and kills: seconds on an idle machine, more on a loaded CI runner.
  }, 120_000);

  it('writes to the file, not the screen, when stdout is a terminal', async () => {
    const serve = await serveFromStdin();
    serve.publish(3);
    await waitForPublished(serve.url, 3);
    const file = scratchFile();
    const terminal = new TmuxTerminal(60, 10);
    cleanups.push(() => terminal.kill());

    terminal.start(`${process.execPath} ${bin} ${serve.url} --once --output ${file}; echo "exit=$?"; sleep 60`);

    const screen = await terminal.waitFor((text) => text.includes('exit='), 'livetail to exit');
    expect(screen.trim()).toBe('exit=0');
    expect(ndjsonEvents(readFileSync(file, 'utf8'))).toHaveLength(3);
  });

  it('refuses a second process on the same file with one line and exit 2', async () => {
    const serve = await serveFromStdin();
    serve.publish(3);
    const file = scratchFile();
    const first = startLivetail([serve.url, '--output', file]);
    cleanups.push(() => void first.stop('SIGKILL'));
    await until(() => sizeOf(file) > 0, () => `the first run wrote nothing: ${first.stderr()}`);

    const second = await runLivetail([serve.url, '--once', '--output', file]);

    expect(second).toMatchObject({ code: 2, stdout: '', stderr: `livetail: another livetail (pid ${first.process.pid}) is writing to ${file}\n` });
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(3);
  });
});

describe('--resume end to end', () => {
  it('refuses a second concurrent run on the same feed (exit 2) instead of printing everything twice; a killed holder does not block', async () => {
    const serve = await serveFromStdin();
    serve.publish(3);
    const env = { LIVETAIL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'livetail-resume-lock-')) };
    const first = startLivetail([serve.url, '--json', '--resume'], { env });
    cleanups.push(() => void first.stop('SIGKILL'));
    await first.waitForLines(3);

    const second = await runLivetail([serve.url, '--once', '--json', '--resume'], { env });

    expect(second).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `livetail: another livetail --resume (pid ${first.process.pid}) is following ${serve.url}; a second would print its events twice\n`,
    });
    // Another feed is not held.
    const other = await runLivetail([`${serve.url}?other`, '--once', '--json', '--resume'], { env });
    expect(other.code).toBe(0);

    expect(await first.stop('SIGKILL')).toBeNull();
    serve.publish(1);
    await waitForPublished(serve.url, 4);
    const afterKill = await runLivetail([serve.url, '--once', '--json', '--resume'], { env });
    expect(afterKill.code).toBe(0);
    expect(afterKill.stderr).toBe('');
    // At least once: what the killed run printed in its last second may come again, the new entry surely.
    expect(ndjsonEvents(afterKill.stdout).map((event) => (event.event === 'entry' ? event.entry.id : ''))).toContain('k4');
  });
});
