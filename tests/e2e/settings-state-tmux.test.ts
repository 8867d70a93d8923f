import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, startServe, type Served } from '../helpers/processes.js';
import { TmuxTerminal, tmuxTestSession } from '../helpers/tmux.js';

const tmux = tmuxTestSession();

/** A port that was free a moment ago: the feed URL (the key of its read position) must stay the same. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function entryLine(id: string, minute: number, title: string): string {
  return JSON.stringify({ event: 'entry', id, time: `2026-11-25T14:${String(minute).padStart(2, '0')}:00+09:00`, title, body: `${title}の本文。`, tags: ['港湾'] });
}

async function serveEntries(dir: string, port: number, lines: readonly string[]): Promise<Served> {
  const file = join(dir, `feed-${lines.length}.ndjson`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  const server = await startServe([file, '--port', String(port), '--speed', 'max']);
  while (!/events published/.test(server.stderr())) await new Promise((resolve) => server.process.stderr!.once('data', resolve));
  return server;
}

async function session(config: string, url: string, until: (screen: string) => boolean, what: string): Promise<string> {
  tmux.terminal = new TmuxTerminal(80, 24);
  tmux.terminal.start(`LIVETAIL_CONFIG_DIR=${config} TZ=Asia/Tokyo ${process.execPath} ${bin} ${url}; echo "exit=$?"; sleep 60`);
  const screen = await tmux.terminal.waitFor(until, what);
  tmux.terminal.keys('q');
  await tmux.terminal.waitFor((text) => text.includes('exit=0'), 'livetail to exit');
  tmux.terminal.kill();
  return screen;
}

describe('read position per feed survives a restart (real serve, real terminal)', () => {
  it('the second session marks what arrived meanwhile and counts what is still unread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'livetail-state-e2e-'));
    const config = join(dir, 'config');
    const port = await freePort();
    const first = [entryLine('1', 0, '第一報'), entryLine('2', 5, '第二報'), entryLine('3', 10, '第三報')];
    tmux.server = await serveEntries(dir, port, first);
    const before = await session(config, tmux.server.url, (text) => text.includes('第三報'), 'the first session');
    expect(before).not.toMatch(/unread/);
    const state = JSON.parse(readFileSync(join(config, 'state.json'), 'utf8'));
    expect(state.feeds[tmux.server.url]).toMatchObject({ readId: '3', readTime: '2026-11-25T05:10:00.000Z' });
    await tmux.server.stop();

    tmux.server = await serveEntries(dir, port, [...first, entryLine('4', 15, '第四報'), entryLine('5', 20, '第五報')]);
    // The newest (selected) counts as read at once; 第四報 stays unread until the screen has been still a moment.
    const after = await session(config, tmux.server.url, (text) => text.includes('第五報') && text.includes('第一報') && text.includes('1 unread'), 'the second session');
    const marked = after.split('\n').filter((line) => /^[▌ ]new /.test(line));
    expect(marked).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(config, 'state.json'), 'utf8')).feeds[tmux.server.url].readId).toBe('5');
  });
});
