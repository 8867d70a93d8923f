import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { wrap } from '../../src/text/index.js';
import { gutterWidth } from '../../src/tui/card-layout.js';
import { bin, startServe, type Served } from '../helpers/processes.js';
import { TmuxTerminal } from '../helpers/tmux.js';

const columns = 40;
const body = '港湾局は臨時の記者会見で新しい防波堤の工事計画を説明し、完成は再来年の春になる見通しだと述べた。';

let terminal: TmuxTerminal | undefined;
let server: Served | undefined;

afterEach(async () => {
  terminal?.kill();
  await server?.stop();
  terminal = undefined;
  server = undefined;
});

describe('search highlight in a real terminal (tmux, NO_COLOR)', () => {
  it('draws both parts of a match the wrap cut across two lines inverse, with colours off', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'livetail-highlight-'));
    const feed = join(folder, 'feed.ndjson');
    const entries = [
      { event: 'entry', feed: 'f', id: 'a', time: '2026-11-25T09:00:00+09:00', title: '防波堤の工事計画', body, tags: ['港湾'] },
      { event: 'entry', feed: 'f', id: 'b', time: '2026-11-25T08:50:00+09:00', title: '天気の見通し', body: '午後は晴れ。', tags: [] },
    ];
    writeFileSync(feed, entries.map((entry) => JSON.stringify(entry)).join('\n') + '\n');
    server = await startServe([feed, '--speed', 'max']);
    const [first, second] = wrap(body, columns - gutterWidth);
    const [before, after] = [first!.slice(-2), second!.slice(0, 2)];

    terminal = new TmuxTerminal(columns, 24);
    terminal.start(`NO_COLOR=1 ${process.execPath} ${bin} ${server.url} --tz Asia/Tokyo; sleep 60`);
    await terminal.waitFor((text) => text.includes('天気の見通し'), 'the timeline');
    terminal.keys('/');
    await terminal.waitFor((text) => text.includes('found'), 'the search prompt');
    terminal.literal(before + after);
    const screen = await terminal.waitFor((text) => text.includes('1 found'), 'the search applied');
    expect(screen).toContain(first);
    expect(screen).toContain(second);
    const styled = terminal.styledScreen();
    expect(styled).toContain(`\u001b[7m${before}`);
    expect(styled).toContain(`\u001b[7m${after}`);
    // Colours stay off: nothing but the inverse (and its reset) is drawn.
    expect(styled).not.toMatch(/\u001b\[3[0-7]m/);
  });
});
