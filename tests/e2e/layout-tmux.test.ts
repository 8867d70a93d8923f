import { describe, expect, it } from 'vitest';
import { bin, startServe } from '../helpers/processes.js';
import { TmuxTerminal, tmuxTestSession } from '../helpers/tmux.js';

const fixture = (name: string): string => new URL(`../fixtures/${name}`, import.meta.url).pathname;
// JLREQ: characters no line may start with, and ones no line may end with.
const noStart = '）」』】〕〉》”’、。，．・：；！？‼ーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎ々ゝゞヽヾ〜';
const noEnd = '（「『【〔〈《“‘';
const gutter = 8;

const session = tmuxTestSession();

/** The card text of a screen: every line between the header and the status line, past the gutter. */
function cardText(screen: string): string[] {
  return screen
    .split('\n')
    .slice(2, -3)
    .map((line) => [...line].slice(gutter).join(''))
    .filter((text) => text.trim() !== '');
}

describe.each([40, 80])('CJK layout in a real terminal, %i columns', (columns) => {
  it('starts no line with a closing mark, ends none with an opening one, cuts nothing at the edge, and lets no escape through', async () => {
    session.server = await startServe([fixture('kinsoku.ndjson'), '--speed', 'max']);
    const hostile = await startServe([fixture('injection.ndjson'), '--speed', 'max']);
    // With set-clipboard on, an OSC 52 write that got through would land in tmux's buffers.
    session.terminal = new TmuxTerminal(columns, 60, { config: 'set -g set-clipboard on' });
    session.terminal.start(`${process.execPath} ${bin} ${session.server.url} ${hostile.url} --tz Asia/Tokyo; sleep 60`);
    try {
      await session.terminal.waitFor((text) => text.includes('한국어'), 'the timeline');
      // Expand the two long Japanese cards, one key at a time as a person types (Ink 6.8 drops
      // what follows Enter within one burst of input).
      const selected = (text: string): string => text.split('\n').find((line) => line.includes('▌')) ?? '';
      const press = async (key: string, until: (text: string) => boolean, what: string): Promise<string> => {
        session.terminal!.keys(key);
        return session.terminal!.waitFor(until, what);
      };
      await press('j', (text) => selected(text).includes('14:20'), 'selection on 14:20');
      await press('j', (text) => selected(text).includes('14:10'), 'selection on 14:10');
      await press('Enter', (text) => text.includes('しょうがない'), 'the 14:10 card expanded');
      await press('j', (text) => selected(text).includes('14:00'), 'selection on 14:00');
      const screen = await press('Enter', (text) => text.includes('にとどめた'), 'the 14:00 card expanded');
      const lines = cardText(screen);
      expect(lines.length).toBeGreaterThan(10);
      for (const line of lines) {
        expect(line.trimStart(), 'a line starts with a no-start character').not.toMatch(new RegExp(`^[${noStart}]`));
        expect(line.trimEnd(), 'a line ends with a no-end character').not.toMatch(new RegExp(`[${noEnd}]$`));
      }
      // The terminal wrapped nothing: every screen line fitted.
      expect(session.terminal.joinedScreen().split('\n')).toHaveLength(screen.split('\n').length);
      expect(session.terminal.paneTitle()).not.toContain('pwned');
      expect(session.terminal.clipboardBuffers()).toBe('');
    } finally {
      await hostile.stop();
    }
  });
});
