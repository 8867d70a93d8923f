import { afterEach, describe, expect, it } from 'vitest';
import { bin } from '../helpers/processes.js';
import { TmuxTerminal } from '../helpers/tmux.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let terminal: TmuxTerminal | undefined;

afterEach(() => {
  terminal?.kill();
  terminal = undefined;
});

/** The cards on screen: from one `HH:MM` gutter to the next, between the two rules. */
function cards(screen: string): string[][] {
  const lines = screen.split('\n');
  const first = lines.findIndex((line) => line.startsWith('─'));
  const last = lines.findLastIndex((line) => line.startsWith('─'));
  const result: string[][] = [];
  for (const line of lines.slice(first + 1, last)) {
    if (/^.\d\d:\d\d/.test(line)) result.push([line]);
    else result.at(-1)?.push(line);
  }
  return result;
}

function startDemo(): TmuxTerminal {
  const tmux = new TmuxTerminal(80, 24);
  const config = mkdtempSync(join(tmpdir(), 'livetail-tmux-config-'));
  tmux.start(`LIVETAIL_CONFIG_DIR=${config} TZ=Asia/Tokyo ${process.execPath} ${bin} demo --speed max; echo "exit=$?"; sleep 60`);
  return tmux;
}

describe('keys in a real terminal (tmux 80x24, the demo)', () => {
  it('t, a tag typed in Japanese, Enter: only entries with that tag remain', async () => {
    terminal = startDemo();
    await terminal.waitFor((text) => text.includes('ENDED') || /\d{2,} entries/.test(text), 'the demo backlog');
    terminal.keys('t');
    await terminal.waitFor((text) => text.includes('Filter by tag'), 'the tag picker');
    terminal.literal('天気');
    await terminal.waitFor((text) => text.includes('> 天気'), 'the typed tag');
    terminal.keys('Enter');
    const screen = await terminal.waitFor((text) => text.includes('tag: 天気'), 'the filter in the header');
    const shown = cards(screen);
    expect(shown.length).toBeGreaterThan(0);
    // The last card may be cut off at the bottom before its tags; every complete one carries the tag.
    const complete = shown.filter((card) => card.some((line) => /#\S/.test(line)));
    expect(complete.length).toBeGreaterThan(0);
    for (const card of complete) expect(card.join('\n')).toContain('#天気');
    expect(screen).toMatch(/\(\d+ hidden\)/);
    expect(terminal.joinedScreen().split('\n')).toHaveLength(screen.split('\n').length);
  });

  it('? lists the keys, Esc closes the help, q quits', async () => {
    terminal = startDemo();
    await terminal.waitFor((text) => text.includes('ほしぞら港湾サミット'), 'the demo');
    terminal.keys('?');
    // tmux may show a frame half drawn: wait for every line, rather than assert on the first glimpse.
    const lines = ['Timeline', 'Lists', 'filter by tags', 'search text', 'follow/unfollow a topic', 'mute/unmute a tag', 'expand/collapse the entry', 'quit'];
    await terminal.waitFor((text) => lines.every((line) => text.includes(line)), 'the help with every key');
    terminal.keys('Escape');
    await terminal.waitFor((text) => !text.includes('Lists (t tags'), 'help closed');
    terminal.keys('q');
    await terminal.waitFor((text) => text.includes('exit=0'), 'livetail to exit');
  });

  it('in the / prompt, Left, Home, End and the Delete key edit at a cursor drawn where it is', async () => {
    terminal = startDemo();
    await terminal.waitFor((text) => text.includes('ほしぞら港湾サミット'), 'the demo');
    terminal.keys('/');
    await terminal.waitFor((text) => text.includes('/▏'), 'the search prompt');
    terminal.literal('港湾会見');
    await terminal.waitFor((text) => text.includes('/港湾会見▏'), 'the typed search');
    terminal.keys('Left', 'Left');
    await terminal.waitFor((text) => text.includes('/港湾▏会見'), 'the cursor two characters back');
    terminal.keys('DC');
    await terminal.waitFor((text) => text.includes('/港湾▏見'), 'Delete erasing at the cursor');
    terminal.keys('Home');
    await terminal.waitFor((text) => text.includes('/▏港湾見'), 'the cursor at the start');
    terminal.keys('End', 'BSpace');
    await terminal.waitFor((text) => text.includes('/港湾▏'), 'Backspace erasing before the cursor at the end');
  });
});
