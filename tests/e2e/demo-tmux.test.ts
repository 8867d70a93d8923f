import { afterEach, describe, expect, it } from 'vitest';
import { bin } from '../helpers/processes.js';
import { TmuxTerminal } from '../helpers/tmux.js';

let terminal: TmuxTerminal | undefined;

afterEach(() => {
  terminal?.kill();
  terminal = undefined;
});

describe('livetail demo in a real terminal (tmux 80x24)', () => {
  it('shows Japanese entries with times and tags, and q gives the terminal back', async () => {
    terminal = new TmuxTerminal(80, 24);
    terminal.start(`printf 'before-livetail\\n'; TZ=Asia/Tokyo ${process.execPath} ${bin} demo; echo "exit=$?"; sleep 60`);
    const screen = await terminal.waitFor((text) => text.includes('ほしぞら港湾サミット') && /#\S/.test(text), 'the demo timeline');
    expect(terminal.alternateScreen()).toBe(true);
    expect(screen).toMatch(/^.\d\d:\d\d {2}\S/m);
    expect(screen).toContain('● LIVE');
    expect(screen).toMatch(/#(会見|港湾|交通|天気|環境)/);
    const lines = screen.split('\n');
    // One row short of the terminal: Ink would otherwise repaint everything on every frame.
    expect(lines.findLastIndex((line) => line.trim() !== '')).toBeLessThanOrEqual(22);
    // Nothing spilled past the right edge: the terminal wrapped no line.
    expect(terminal.joinedScreen().split('\n')).toHaveLength(lines.length);

    terminal.keys('q');
    const after = await terminal.waitFor((text) => text.includes('exit=0'), 'livetail to exit');
    expect(terminal.alternateScreen()).toBe(false);
    expect(after).toContain('before-livetail');
    expect(after).not.toContain('ほしぞら港湾サミット');
  });

  it('restores the terminal on Ctrl-C too', async () => {
    terminal = new TmuxTerminal(80, 24);
    // The shell survives a SIGINT (if Ctrl-C lands before raw mode is on) and reports the exit.
    terminal.start(`trap 'true' INT; ${process.execPath} ${bin} demo; echo "exit=$?"; sleep 60`);
    await terminal.waitFor((text) => text.includes('ほしぞら港湾サミット'), 'the demo');
    terminal.keys('C-c');
    await terminal.waitFor((text) => text.includes('exit=0'), 'livetail to exit');
    expect(terminal.alternateScreen()).toBe(false);
  });
});
