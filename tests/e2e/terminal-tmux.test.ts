import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, startServe } from '../helpers/processes.js';
import { TmuxTerminal, tmuxTestSession } from '../helpers/tmux.js';

const fixture = (name: string): string => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const blogTitle = 'ほしぞら港湾サミット（架空）絵文字テスト';
const titleBefore = 'before-livetail';

const session = tmuxTestSession();

describe.each([28, 40])('the terminal as it really is, %i columns', (columns) => {
  it('measures tmux, wraps nothing past the edge, titles the pane with the blog and gives the title back on q', async () => {
    session.server = await startServe([fixture('emoji-widths.ndjson'), '--speed', 'max']);
    session.terminal = new TmuxTerminal(columns, 50);
    // The shell titles the pane first, so "restored" means this title, not tmux's default.
    session.terminal.start(`printf '\\033]2;${titleBefore}\\007'; ${process.execPath} ${bin} ${session.server.url} --tz Asia/Tokyo --debug 2>&1; sleep 60`);
    const screen = await session.terminal.waitFor((text) => text.includes('Café') && text.includes('見出し'), 'the timeline');
    // Every card is there, with modifier, ZWJ, flag and keycap emoji on screen.
    expect(screen).toMatch(/👍🏽/);
    expect(screen).toMatch(/🇯🇵/);
    expect(screen).toMatch(/1️⃣/);
    // The terminal wrapped nothing: joining wrapped lines leaves the line count as it was.
    expect(session.terminal.joinedScreen().split('\n')).toHaveLength(screen.split('\n').length);
    // The probe left nothing on screen: the first line is the header.
    expect(screen.split('\n')[0]).toMatch(/^ ● L/);
    expect(session.terminal.paneTitle()).toBe(`● ${blogTitle}`);

    session.terminal.keys('q');
    const after = await session.terminal.waitFor((text) => text.includes('terminal widths'), 'the --debug line after quitting');
    expect(session.terminal.alternateScreen()).toBe(false);
    expect(session.terminal.paneTitle()).toBe(titleBefore);
    // tmux 3.3 draws the skin-tone modifier as a second wide cell: measured, not assumed.
    expect(after).toMatch(/modifier 4\/2/);
  });
});

describe('the mouse wheel', () => {
  it('is off by default, and with the setting on moves the selection, shows no report as text and is switched off on q', async () => {
    session.server = await startServe([fixture('emoji-widths.ndjson'), '--speed', 'max']);
    const config = mkdtempSync(join(tmpdir(), 'livetail-mouse-'));
    writeFileSync(join(config, 'settings.json'), JSON.stringify({ mouse: true }));
    session.terminal = new TmuxTerminal(40, 30);
    session.terminal.start(`LIVETAIL_CONFIG_DIR=${config} ${process.execPath} ${bin} ${session.server.url}; sleep 60`);
    const selected = (text: string): string => text.split('\n').find((line) => line.includes('▌')) ?? '';
    const first = selected(await session.terminal.waitFor((text) => text.includes('見出し') && text.includes('Café'), 'the timeline'));
    expect(first).toContain('見出し');
    expect(session.terminal.mouseReporting()).toBe(true);
    // A wheel notch down, cut in two as a slow read would: the selection moves one entry.
    session.terminal.literal('\u001b[<65;5;5');
    session.terminal.literal('M');
    const moved = await session.terminal.waitFor((text) => selected(text).includes('Café'), 'the selection one entry down');
    expect(moved).not.toMatch(/<65|5;5M/);
    session.terminal.literal('\u001b[<64;5;5M');
    await session.terminal.waitFor((text) => selected(text).includes('見出し'), 'the selection back up');
    session.terminal.keys('q');
    await session.terminal.waitFor(() => !session.terminal!.alternateScreen(), 'the app to quit');
    expect(session.terminal.mouseReporting()).toBe(false);
  });

  it('is not asked for without the setting', async () => {
    session.server = await startServe([fixture('emoji-widths.ndjson'), '--speed', 'max']);
    session.terminal = new TmuxTerminal(40, 30);
    session.terminal.start(`${process.execPath} ${bin} ${session.server.url}; sleep 60`);
    await session.terminal.waitFor((text) => text.includes('見出し'), 'the timeline');
    expect(session.terminal.mouseReporting()).toBe(false);
  });
});
