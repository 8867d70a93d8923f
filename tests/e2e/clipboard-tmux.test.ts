import { describe, expect, it } from 'vitest';
import { bin, startServe } from '../helpers/processes.js';
import { TmuxTerminal, tmuxTestSession } from '../helpers/tmux.js';

const fixture = (name: string): string => new URL(`../fixtures/${name}`, import.meta.url).pathname;

const session = tmuxTestSession();

/** The real binary inside a tmux whose set-clipboard is `setting`, with `y` pressed on the newest entry. */
async function copyInside(setting: string): Promise<string> {
  session.server = await startServe([fixture('small.ndjson'), '--speed', 'max']);
  session.terminal = new TmuxTerminal(100, 24, { config: `set -g set-clipboard ${setting}` });
  session.terminal.start(`${process.execPath} ${bin} ${session.server.url} --tz Asia/Tokyo; sleep 60`);
  await session.terminal.waitFor((text) => /\d+ entr/.test(text) && /\d\d:\d\d/.test(text.split('\n')[2] ?? ''), 'the timeline');
  session.terminal.keys('y');
  return session.terminal.waitFor((text) => text.includes('OSC 52') || text.includes('set-clipboard'), 'what y says');
}

describe('y inside tmux (the real binary)', () => {
  it('with set-clipboard off, says the copy will not arrive and how to turn it on', async () => {
    const screen = await copyInside('off');
    expect(screen).toContain('not copied: tmux set-clipboard is off (turn it on: tmux set -g set-clipboard on)');
    expect(session.terminal!.clipboardBuffers()).toBe('');
  });

  it('with set-clipboard on, says it was sent, and tmux did take it', async () => {
    const screen = await copyInside('on');
    expect(screen).toContain("sent to the terminal's clipboard (OSC 52)");
    expect(screen).not.toContain('not copied');
    expect(session.terminal!.clipboardBuffers()).not.toBe('');
  });
});
