import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wrap } from '../../src/text/index.js';
import { gutterWidth } from '../../src/tui/card-layout.js';
import { bin, startServe } from '../helpers/processes.js';
import { TmuxTerminal, tmuxTestSession } from '../helpers/tmux.js';

const columns = 40;
const body = '港湾局は臨時の記者会見で新しい防波堤の工事計画を説明し、完成は再来年の春になる見通しだと述べた。';

const session = tmuxTestSession();

describe('search highlight in a real terminal (tmux, NO_COLOR)', () => {
  it('draws both parts of a match the wrap cut across two lines inverse, with colours off', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'livetail-highlight-'));
    const feed = join(folder, 'feed.ndjson');
    const entries = [
      { event: 'entry', feed: 'f', id: 'a', time: '2026-11-25T09:00:00+09:00', title: '防波堤の工事計画', body, tags: ['港湾'] },
      { event: 'entry', feed: 'f', id: 'b', time: '2026-11-25T08:50:00+09:00', title: '天気の見通し', body: '午後は晴れ。', tags: [] },
    ];
    writeFileSync(feed, entries.map((entry) => JSON.stringify(entry)).join('\n') + '\n');
    session.server = await startServe([feed, '--speed', 'max']);
    const [first, second] = wrap(body, columns - gutterWidth);
    const [before, after] = [first!.slice(-2), second!.slice(0, 2)];

    session.terminal = new TmuxTerminal(columns, 24);
    session.terminal.start(`NO_COLOR=1 ${process.execPath} ${bin} ${session.server.url} --tz Asia/Tokyo; sleep 60`);
    await session.terminal.waitFor((text) => text.includes('天気の見通し'), 'the timeline');
    session.terminal.keys('/');
    await session.terminal.waitFor((text) => text.includes('found'), 'the search prompt');
    session.terminal.literal(before + after);
    const screen = await session.terminal.waitFor((text) => text.includes('1 found'), 'the search applied');
    expect(screen).toContain(first);
    expect(screen).toContain(second);
    const styled = session.terminal.styledScreen();
    expect(styled).toContain(`\u001b[7m${before}`);
    expect(styled).toContain(`\u001b[7m${after}`);
    // Colours stay off: nothing but the inverse (and its reset) is drawn.
    expect(styled).not.toMatch(/\u001b\[3[0-7]m/);
  });
});
