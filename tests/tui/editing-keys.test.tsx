import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { settingsSchema, type Settings } from '../../src/settings/settings.js';
import { memoryStore } from '../../src/settings/store.js';
import { App } from '../../src/tui/App.js';
import { makeEntry, signal } from '../helpers/entries.js';
import { FakeSource } from '../helpers/fake-source.js';
import { frameWhere, keys, tick } from '../helpers/ink.js';

/*
 * The keys of issue 12's friction: `m` asks before hiding a followed tag and `U` takes a mute
 * back; every prompt and picker line edits at a cursor.
 */

const F = 'http://127.0.0.1:9/';
afterEach(() => cleanup());

const left = '\u001b[D';
const ctrlA = '\u0001';
const ctrlE = '\u0005';
const ctrlD = '\u0004';
const backspace = '\u007f';

function mount(settings: Partial<Settings> = {}) {
  const store = memoryStore({ ...settingsSchema.parse({}), ...settings });
  const source = new FakeSource(F, [
    signal(F, { event: 'entry', entry: makeEntry('a', 0, { title: '開会の会見', tags: ['会見'] }) }),
    signal(F, { event: 'entry', entry: makeEntry('b', 10, { title: '港の天気', tags: ['天気', '港湾'] }) }),
    signal(F, { event: 'entry', entry: makeEntry('c', 20, { title: '閉会の会見', tags: ['会見'] }) }),
    { type: 'ready', feed: F },
  ]);
  const app = render(<App sources={[source]} timeZone="Asia/Tokyo" color={false} filter={{ tags: [] }} size={{ columns: 80, rows: 30 }} writeTerminal={() => undefined} env={{}} settings={store} />);
  return { ...app, store };
}

async function ready(lastFrame: () => string | undefined): Promise<void> {
  await frameWhere(lastFrame, (text) => text.includes('閉会の会見'));
  await tick();
}

const statusLine = (frame: string): string => frame.split('\n').at(-1) ?? '';

describe('m on a followed tag asks first; U undoes a mute', () => {
  it('asks y/n with the count, n keeps it, y mutes and says how many are hidden, U brings them back', async () => {
    const { lastFrame, stdin, store } = mount({ topics: ['会見'] });
    await ready(lastFrame);
    stdin.write('m');
    const asking = await frameWhere(lastFrame, (text) => text.includes('you follow 会見: mute 会見 and hide 2 entries?'));
    expect(statusLine(asking)).toContain('y yes · n/Esc no');
    // A timeline key does not answer the question, nor move the selection under it.
    stdin.write('j');
    await tick();
    expect(lastFrame()).toContain('you follow 会見');
    stdin.write('n');
    await frameWhere(lastFrame, (text) => statusLine(text).includes('not muted: 会見'));
    expect(store.value.mutedTags).toEqual([]);

    stdin.write('m');
    await frameWhere(lastFrame, (text) => text.includes('you follow 会見'));
    stdin.write('y');
    const muted = await frameWhere(lastFrame, (text) => statusLine(text).includes('muted 会見 · 2 entries hidden · U undoes'));
    expect(muted).toContain('2 muted');
    expect(muted).not.toContain('閉会の会見');
    expect(store.value.mutedTags).toEqual(['会見']);

    stdin.write('U');
    const back = await frameWhere(lastFrame, (text) => statusLine(text).includes('unmuted 会見 · 2 entries shown again'));
    expect(back).toContain('閉会の会見');
    expect(store.value.mutedTags).toEqual([]);
  });

  it('a tag nobody follows is muted at once, with the count', async () => {
    const { lastFrame, stdin, store } = mount();
    await ready(lastFrame);
    stdin.write('m');
    await frameWhere(lastFrame, (text) => statusLine(text).includes('muted 会見 · 2 entries hidden · U undoes'));
    expect(store.value.mutedTags).toEqual(['会見']);
  });
});

describe('prompts and picker lines edit at the cursor', () => {
  it('| : ← moves by whole characters, typing inserts there, Ctrl-A/Ctrl-E, Backspace and Delete work where the cursor is', async () => {
    const { lastFrame, stdin } = mount();
    await ready(lastFrame);
    stdin.write('|');
    await frameWhere(lastFrame, (text) => text.includes('no shell'));
    stdin.write('c -c');
    await frameWhere(lastFrame, (text) => text.includes('| c -c▏'));
    stdin.write(ctrlA);
    await frameWhere(lastFrame, (text) => text.includes('| ▏c -c'));
    stdin.write('w');
    await frameWhere(lastFrame, (text) => text.includes('| w▏c -c'));
    stdin.write(ctrlE);
    await frameWhere(lastFrame, (text) => text.includes('| wc -c▏'));
    stdin.write(' 会👍🏽見');
    await frameWhere(lastFrame, (text) => text.includes('| wc -c 会👍🏽見▏'));
    stdin.write(left);
    await frameWhere(lastFrame, (text) => text.includes('| wc -c 会👍🏽▏見'));
    stdin.write(backspace);
    await frameWhere(lastFrame, (text) => text.includes('| wc -c 会▏見'));
    stdin.write(ctrlD);
    await frameWhere(lastFrame, (text) => text.includes('| wc -c 会▏') && !text.includes('見▏') && !text.includes('▏見'));
  });

  it('| : ↑ brings back the last command, ↓ returns to the line being written', async () => {
    const { lastFrame, stdin } = mount();
    await ready(lastFrame);
    stdin.write('|');
    await frameWhere(lastFrame, (text) => text.includes('no shell'));
    stdin.write('true');
    await tick();
    stdin.write('\r');
    await frameWhere(lastFrame, (text) => text.includes('true: exit 0'));
    stdin.write('|');
    await frameWhere(lastFrame, (text) => text.includes('| ▏'));
    stdin.write('jq');
    await frameWhere(lastFrame, (text) => text.includes('| jq▏'));
    stdin.write(keys.up);
    await frameWhere(lastFrame, (text) => text.includes('| true▏'));
    stdin.write(keys.down);
    await frameWhere(lastFrame, (text) => text.includes('| jq▏'));
  });

  it('the tag picker filter edits the same way: Ctrl-A, Delete, ←', async () => {
    const { lastFrame, stdin } = mount();
    await ready(lastFrame);
    stdin.write('t');
    await frameWhere(lastFrame, (text) => text.includes('Filter by tag'));
    stdin.write('x港');
    await frameWhere(lastFrame, (text) => text.includes('> x港▏') && text.includes('nothing matches'));
    stdin.write(ctrlA);
    await tick();
    stdin.write(ctrlD);
    const narrowed = await frameWhere(lastFrame, (text) => text.includes('> ▏港'));
    expect(narrowed).toContain('港湾');
    expect(narrowed).not.toContain('天気');
    stdin.write(ctrlE);
    await tick();
    stdin.write('湾');
    await tick();
    stdin.write(left);
    await frameWhere(lastFrame, (text) => text.includes('> 港▏湾'));
  });
});
