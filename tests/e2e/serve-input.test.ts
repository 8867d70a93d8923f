import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { followerEventLimit } from '../../src/sources/sse-parser.js';
import { runLivetail, runShell, startServe, type Served } from '../helpers/processes.js';
import { ndjsonEvents } from '../helpers/ndjson.js';
import { until } from '../helpers/until.js';

const served: Served[] = [];
afterEach(async () => {
  await Promise.all(served.splice(0).map((server) => server.stop()));
});

const entryLine = (id: string, body: string): string =>
  JSON.stringify({ event: 'entry', feed: 'desk', id, time: '2026-11-25T14:00:00+09:00', body, tags: [] });

describe('livetail serve with hostile input (real processes)', () => {
  it('skips a line that is not UTF-8 and an entry too large for followers, each by line number, and counts only what it published', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'livetail-serve-input-')), 'desk.ndjson');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(`${entryLine('a', '港の朝、最初の便が出た。')}\n`),
        Buffer.from('{"event":"entry","feed":"desk","id":"bad","time":"2026-11-25T14:01:00+09:00","body":"'),
        Buffer.from([0xff, 0xfe]),
        Buffer.from(' bad utf8","tags":[]}\n'),
        Buffer.from(`${entryLine('huge', '波'.repeat(followerEventLimit + 1))}\n`),
        Buffer.from(`${entryLine('b', '午後も運航は平常どおり。')}\n`),
      ]),
    );
    const server = await startServe([file, '--speed', 'max']);
    served.push(server);
    await until(() => /events published/.test(server.stderr()), () => `serve said: ${server.stderr()}`);
    const lines = server.stderr().trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`livetail serve: ${file}: skipped line 2: not valid UTF-8`);
    expect(lines[1]).toMatch(new RegExp(`^livetail serve: .*: skipped line 3: entry too large for followers \\(\\d+ characters as sent; they take at most ${followerEventLimit}\\)$`));
    expect(lines[2]).toBe(`livetail serve: ${file}: 2 events published, 2 lines skipped; still serving`);
    const followed = await runLivetail([server.url, '--once']);
    expect(followed.stderr).toBe('');
    expect(ndjsonEvents(followed.stdout).map((event) => (event.event === 'entry' ? event.entry.id : event.event))).toEqual(['a', 'b']);
    expect(followed.stdout).not.toContain('\uFFFD');
  });

  it('exits 1 with one line when stdin cannot be read (a directory)', async () => {
    const result = await runShell(`"$LIVETAIL_BIN" serve - --port 0 < /tmp; echo "status=$?"`);
    expect(result.stdout).toBe('status=1\n');
    expect(result.stderr).toBe('livetail: cannot read stdin: is a directory\n');
  });
});
