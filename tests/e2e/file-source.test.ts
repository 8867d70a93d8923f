import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEntry } from '../helpers/entries.js';
import { runLivetail, startLivetail, type Following } from '../helpers/processes.js';

const followers: Following[] = [];
afterEach(async () => {
  for (const follower of followers.splice(0)) await follower.stop();
});

const line = (index: number): string => `${JSON.stringify({ event: 'entry', ...makeEntry(`f${index}`, index) })}\n`;
const ids = (text: string): string[] => text.split('\n').filter(Boolean).map((each) => (JSON.parse(each) as { id: string }).id);

describe('local files', () => {
  it('reads a live-blog page saved from a browser, with the same detection as a URL', async () => {
    const path = fileURLToPath(new URL('../fixtures/pages/hoshizora-live.html', import.meta.url));
    const run = await runLivetail([path, '--json']);
    expect(run.code).toBe(0);
    expect(ids(run.stdout)).toHaveLength(4);
  });

  it('follows an NDJSON file as it grows, a half-written line only once it is complete', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'livetail-file-')), 'summit.ndjson');
    writeFileSync(path, line(1) + line(2));
    const follower = startLivetail([path, '--json']);
    followers.push(follower);
    await follower.waitForLines(2);
    const third = line(3);
    appendFileSync(path, third.slice(0, 20));
    appendFileSync(path, third.slice(20) + line(4));
    await follower.waitForLines(4);
    expect(ids(follower.stdout())).toEqual(['f1', 'f2', 'f3', 'f4']);
  });

  it('a path that does not exist is a usage error', async () => {
    const run = await runLivetail(['/nonexistent/summit.ndjson', '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no such file');
  });
});
