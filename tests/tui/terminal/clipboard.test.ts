import { describe, expect, it } from 'vitest';
import { clipboardCheck, clipboardPath, copyMessage, type TmuxOption } from '../../../src/tui/terminal/clipboard.js';

/** A tmux that answers `value` for set-clipboard, counting how often it was asked. */
function fakeTmux(value: string | undefined): TmuxOption & { asked: string[] } {
  const asked: string[] = [];
  return Object.assign(async (name: string) => {
    asked.push(name);
    return value;
  }, { asked });
}

describe('where an OSC 52 write goes', () => {
  it('asks tmux for set-clipboard inside tmux, and nothing outside it', async () => {
    const tmux = fakeTmux('off');
    expect(await clipboardPath({ TMUX: '/tmp/tmux-1000/default,1,0', TERM: 'screen-256color' }, tmux)).toEqual({ via: 'tmux', setClipboard: 'off' });
    expect(tmux.asked).toEqual(['set-clipboard']);
    expect(await clipboardPath({ STY: '1234.pts-0.host', TERM: 'screen' }, tmux)).toEqual({ via: 'screen' });
    // Over ssh from inside tmux or screen: TERM says so, but there is nothing here to ask.
    expect(await clipboardPath({ TERM: 'tmux-256color' }, tmux)).toEqual({ via: 'multiplexer', term: 'tmux-256color' });
    expect(await clipboardPath({ TERM: 'xterm-256color' }, tmux)).toEqual({ via: 'terminal' });
    expect(tmux.asked).toHaveLength(1);
  });

  it('is checked once, however often y is pressed', async () => {
    const tmux = fakeTmux('on');
    const check = clipboardCheck({ TMUX: '/tmp/tmux-1000/default,1,0' }, tmux);
    await Promise.all([check(), check()]);
    await check();
    expect(tmux.asked).toHaveLength(1);
  });
});

describe('copyMessage', () => {
  it('says the text was sent to the terminal, not that it was copied', () => {
    expect(copyMessage(42, { via: 'terminal' })).toBe("sent to the terminal's clipboard (OSC 52): 42 characters");
    expect(copyMessage(42, { via: 'tmux', setClipboard: 'on' })).toBe("sent to the terminal's clipboard (OSC 52): 42 characters, through tmux");
  });

  it('warns where tmux or screen drops it, and says how to turn tmux on', () => {
    for (const value of ['off', 'external']) {
      expect(copyMessage(42, { via: 'tmux', setClipboard: value })).toBe(`not copied: tmux set-clipboard is ${value} (turn it on: tmux set -g set-clipboard on)`);
    }
    expect(copyMessage(42, { via: 'tmux', setClipboard: undefined })).toContain('only with set-clipboard on');
    expect(copyMessage(42, { via: 'screen' })).toBe('not copied: GNU screen does not pass OSC 52 through to the terminal');
    expect(copyMessage(42, { via: 'multiplexer', term: 'screen-256color' })).toBe(
      "sent to the terminal's clipboard (OSC 52): 42 characters; the tmux or screen that TERM=screen-256color names may not pass it on",
    );
  });
});
