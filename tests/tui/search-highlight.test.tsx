import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { wrap } from '../../src/text/index.js';
import { App } from '../../src/tui/App.js';
import { gutterWidth } from '../../src/tui/card-layout.js';
import { makeEntry, signal } from '../helpers/entries.js';
import { FakeSource } from '../helpers/fake-source.js';
import { frameWhere, tick } from '../helpers/ink.js';

const F = 'http://127.0.0.1:9/';
const columns = 40;
const inverse = (text: string): string => `\u001b[7m${text}\u001b[27m`;
afterEach(() => cleanup());

const body = '両首脳は共同声明で「航路の安全を最優先にする」と表明し、質疑は予定より長引いた。';
const entry = makeEntry('a', 5, {
  title: '共同声明を発表',
  body,
  tags: ['会見', '声明'],
  media: [{ caption: '会見場の様子', credit: '© 架空フォト / 声明班' }],
});
const other = makeEntry('b', 0, { title: '天気の見出し', body: '晴れ。' });

function mount(color: boolean) {
  const source = new FakeSource(F, [signal(F, { event: 'entry', entry: other }), signal(F, { event: 'entry', entry }), { type: 'ready', feed: F }]);
  return render(<App sources={[source]} timeZone="Asia/Tokyo" color={color} filter={{ tags: [] }} size={{ columns, rows: 30 }} writeTerminal={() => undefined} env={{}} />);
}

async function search(stdin: { write(text: string): void }, lastFrame: () => string | undefined, query: string): Promise<void> {
  await frameWhere(lastFrame, (text) => text.includes('共同声明を発表'));
  await tick();
  stdin.write('/');
  await frameWhere(lastFrame, (text) => text.includes('found ·'));
  stdin.write(query);
  await frameWhere(lastFrame, (text) => text.includes('1 found'), 'the search applied');
}

describe('search highlights the match inside cards', () => {
  it.each([false, true])('lights every occurrence in headline, body, tags and credit, both parts of one cut by a line break (colour %s)', async (color) => {
    // A match that the wrap cuts: the last two characters of the first body line and the first two of the next.
    const [first, second] = wrap(body, columns - gutterWidth);
    const query = first!.slice(-2) + second!.slice(0, 2);
    const { lastFrame, stdin } = mount(color);
    await search(stdin, lastFrame, query);
    const frame = await frameWhere(lastFrame, () => lastFrame()!.includes(inverse(second!.slice(0, 2))), 'the second part lit');
    const raw = lastFrame()!;
    expect(raw).toContain(inverse(first!.slice(-2)));
    expect(frame).toContain(first);
    expect(frame).toContain(second);

    stdin.write('\u0015'); // Ctrl-U: the prompt starts over
    stdin.write('声明');
    await frameWhere(lastFrame, () => lastFrame()!.includes(inverse('声明')) && !lastFrame()!.includes(inverse(query.slice(0, 2))), 'the new query lit');
    const lines = lastFrame()!.split('\n');
    for (const where of ['共同', '#', '© 架空フォト / ']) {
      expect(lines.some((line) => line.includes(`${where}${inverse('声明')}`)), `a lit 声明 after ${where}`).toBe(true);
    }
    expect(lastFrame()).not.toContain(inverse('天気'));
  });

  it('matches as the search does, ignoring case and width, and lights nothing once the search is cleared', async () => {
    const english = makeEntry('c', 9, { title: 'Joint statement on harbour safety' });
    const source = new FakeSource(F, [signal(F, { event: 'entry', entry: english }), { type: 'ready', feed: F }]);
    const { lastFrame, stdin } = render(<App sources={[source]} timeZone="Asia/Tokyo" color={false} filter={{ tags: [] }} size={{ columns, rows: 30 }} writeTerminal={() => undefined} env={{}} />);
    await frameWhere(lastFrame, (text) => text.includes('Joint'));
    await tick();
    stdin.write('/');
    await frameWhere(lastFrame, (text) => text.includes('found ·'));
    stdin.write('ＪＯＩＮＴ　ｓｔａｔｅｍｅｎｔ');
    await frameWhere(lastFrame, () => lastFrame()!.includes(inverse('Joint statement')), 'the English headline lit');
    stdin.write('\u001b');
    await frameWhere(lastFrame, () => !lastFrame()!.includes('\u001b[7m') && lastFrame()!.includes('Joint'), 'no highlight after Esc');
  });
});
