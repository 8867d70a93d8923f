import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { openSettings, openState, settingsSchema, stateSchema } from '../../src/settings/settings.js';
import { memoryStore, openStore } from '../../src/settings/store.js';
import { readOnlyLock } from '../helpers/read-only.js';
import type { SourceSignal } from '../../src/schema/signal.js';
import type { AppProps } from '../../src/tui/App.js';
import { renderApp } from '../helpers/app.js';
import { makeEntry, signal } from '../helpers/entries.js';
import { FakeSource } from '../helpers/fake-source.js';
import { frameWhere, keys, tick } from '../helpers/ink.js';

const F = 'http://127.0.0.1:9/';
afterEach(() => cleanup());

const backlog: SourceSignal[] = [
  signal(F, { event: 'entry', entry: makeEntry('a', 0, { title: '開幕の見出し', tags: ['会見', '港湾'] }) }),
  signal(F, { event: 'entry', entry: makeEntry('b', 10, { title: '天気の見出し', tags: ['天気'] }) }),
  signal(F, { event: 'entry', entry: makeEntry('c', 20, { title: 'MDの配備を説明', tags: ['会見'], links: [{ title: '関連', url: 'https://news.example/c' }] }) }),
  signal(F, { event: 'entry', entry: makeEntry('d', 30, { title: '広告のお知らせ', tags: ['広告'] }) }),
  signal(F, {
    event: 'entry',
    entry: makeEntry('e', 40, { title: '交通の見出し', tags: ['交通'], body: ['一段落目。', '二段落目。', '三段落目。', '四段落目の結び。'].join('\n\n') }),
  }),
  { type: 'ready', feed: F },
];

function mount(props: Partial<AppProps> = {}, signals = backlog) {
  const source = new FakeSource(F, signals);
  return { ...renderApp({ sources: [source], size: { columns: 80, rows: 40 }, ...props }), source };
}

async function ready(lastFrame: () => string | undefined): Promise<void> {
  await frameWhere(lastFrame, (text) => text.includes('開幕の見出し'));
  await tick();
}

const timelineOf = (frame: string) => frame.split('\n').slice(2, -2).join('\n');

describe('tag picker (t, T)', () => {
  it('lists tags by count, narrows by Japanese typed as one string, and Enter filters', async () => {
    const { lastFrame, stdin } = mount();
    await ready(lastFrame);
    stdin.write('t');
    const picker = await frameWhere(lastFrame, (text) => text.includes('Filter by tag'));
    expect(picker.indexOf('会見')).toBeLessThan(picker.indexOf('天気'));
    expect(picker).toMatch(/会見 +2/);
    stdin.write('港湾');
    await frameWhere(lastFrame, (text) => text.includes('> 港湾') && !text.includes('天気'), 'narrowed list');
    stdin.write('\r');
    const filtered = await frameWhere(lastFrame, (text) => text.includes('tag: 港湾'), 'filter applied');
    expect(filtered).toContain('(4 hidden)');
    expect(timelineOf(filtered)).toContain('開幕の見出し');
    expect(timelineOf(filtered)).not.toContain('天気の見出し');
    stdin.write('T');
    await frameWhere(lastFrame, (text) => !text.includes('tag: 港湾') && text.includes('天気の見出し'), 'T clears');
  });

  it('combines several tags: entries with any of them', async () => {
    const { lastFrame, stdin } = mount();
    await ready(lastFrame);
    stdin.write('t');
    await frameWhere(lastFrame, (text) => text.includes('Filter by tag'));
    stdin.write(' ');
    await frameWhere(lastFrame, (text) => text.includes('[x] 会見'));
    stdin.write('天気');
    await frameWhere(lastFrame, (text) => text.includes('> 天気'));
    stdin.write(' ');
    await frameWhere(lastFrame, (text) => text.includes('[x] 天気'));
    stdin.write('\r');
    const frame = await frameWhere(lastFrame, (text) => text.includes('tag: 会見, 天気'));
    const shown = timelineOf(frame);
    for (const title of ['開幕の見出し', '天気の見出し', 'MDの配備を説明']) expect(shown).toContain(title);
    expect(shown).not.toContain('交通の見出し');
  });

  it('--tag starts with the filter; Esc clears it', async () => {
    const { lastFrame, stdin } = mount({ filter: { tags: ['天気'] } });
    const frame = await frameWhere(lastFrame, (text) => text.includes('天気の見出し'));
    expect(frame).toContain('tag: 天気 (4 hidden)');
    expect(timelineOf(frame)).not.toContain('開幕の見出し');
    await tick();
    stdin.write(keys.escape);
    await frameWhere(lastFrame, (text) => text.includes('開幕の見出し'), 'Esc clears the filter');
  });
});

describe('search (/, n, N)', () => {
  it('finds MD with full-width input and steps through matches', async () => {
    const { lastFrame, stdin } = mount();
    await ready(lastFrame);
    stdin.write('/');
    await frameWhere(lastFrame, (text) => text.includes('Esc cancel'));
    stdin.write('ＭＤ');
    const found = await frameWhere(lastFrame, (text) => text.includes('1 found'), 'live search');
    expect(timelineOf(found)).toContain('MDの配備を説明');
    expect(timelineOf(found)).not.toContain('開幕の見出し');
    stdin.write('\r');
    await frameWhere(lastFrame, (text) => text.includes('/ＭＤ 1 of 1 (n/N)'));
    stdin.write('n');
    await frameWhere(lastFrame, (text) => text.includes('1 of 1'));
    stdin.write(keys.escape);
    await frameWhere(lastFrame, (text) => text.includes('開幕の見出し') && !text.includes('ＭＤ'), 'search cleared');
  });

  it('n and N go round the matches', async () => {
    const { lastFrame, stdin } = mount();
    await ready(lastFrame);
    stdin.write('/');
    await frameWhere(lastFrame, (text) => text.includes('Esc cancel'));
    stdin.write('見出し');
    await frameWhere(lastFrame, (text) => text.includes('3 found'));
    stdin.write('\r');
    await frameWhere(lastFrame, (text) => text.includes('1 of 3'));
    stdin.write('n');
    await frameWhere(lastFrame, (text) => text.includes('2 of 3'));
    stdin.write('N');
    await frameWhere(lastFrame, (text) => text.includes('1 of 3'));
    stdin.write('N');
    await frameWhere(lastFrame, (text) => text.includes('3 of 3'), 'N wraps to the last match');
  });
});

describe('follow (f, F) and mute (m)', () => {
  it('f follows the tag of an entry, saved in settings, and highlights it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'livetail-keys-'));
    const { lastFrame, stdin } = mount({ settings: openSettings(dir, () => undefined) });
    await ready(lastFrame);
    stdin.write('f');
    const frame = await frameWhere(lastFrame, (text) => text.includes('following 交通'));
    expect(frame.split('\n').find((line) => line.includes('交通の見出し'))).toMatch(/^▌\d\d:\d\d\*/);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).topics).toEqual(['交通']);
    stdin.write('F');
    const followed = await frameWhere(lastFrame, (text) => text.includes('followed (4 hidden)'));
    expect(timelineOf(followed)).not.toContain('開幕の見出し');
  });

  it('f in a folder that cannot be written follows for the session and says so once, in the status line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'livetail-keys-'));
    const onDisk = JSON.stringify({ topics: ['港湾'] });
    writeFileSync(join(dir, 'settings.json'), onDisk);
    const warnings: string[] = [];
    const settings = openStore({ directory: dir, name: 'settings', schema: settingsSchema, defaults: settingsSchema.parse({}), warn: (line) => warnings.push(line), lock: readOnlyLock });
    const { lastFrame, stdin } = mount({ settings, size: { columns: 160, rows: 40 } });
    await ready(lastFrame);
    stdin.write('f');
    await frameWhere(lastFrame, (text) => text.includes(`following 交通 · not saved: cannot write to ${dir} (EACCES); kept until you quit`));
    stdin.write('f');
    const again = await frameWhere(lastFrame, (text) => text.includes('unfollowed 交通'));
    expect(again).not.toContain('not saved');
    expect(warnings).toHaveLength(1);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(onDisk);
  });

  it('f asks which tag when an entry has several', async () => {
    const { lastFrame, stdin } = mount({ settings: memoryStore({ ...settingsSchema.parse({}), topics: ['港湾'] }) });
    await ready(lastFrame);
    stdin.write('G');
    await frameWhere(lastFrame, (text) => text.split('\n').some((line) => line.startsWith('▌') && line.includes('開幕の見出し')));
    stdin.write('f');
    const chooser = await frameWhere(lastFrame, (text) => text.includes('Follow or unfollow'));
    expect(chooser).toMatch(/港湾 +followed/);
    stdin.write('\r');
    await frameWhere(lastFrame, (text) => text.includes('following 会見'));
  });

  it('m mutes the tag: the entry is hidden and counted in the header', async () => {
    const store = memoryStore(settingsSchema.parse({}));
    const { lastFrame, stdin } = mount({ settings: store });
    await ready(lastFrame);
    stdin.write('jj');
    await frameWhere(lastFrame, (text) => text.split('\n').some((line) => line.startsWith('▌') && line.includes('広告のお知らせ')) === false && text.includes('▌'));
    await frameWhere(lastFrame, (text) => text.split('\n').some((line) => line.startsWith('▌') && line.includes('MDの配備')), 'selection on MD');
    stdin.write('k');
    await frameWhere(lastFrame, (text) => text.split('\n').some((line) => line.startsWith('▌') && line.includes('広告のお知らせ')), 'selection on the ad');
    stdin.write('m');
    const frame = await frameWhere(lastFrame, (text) => text.includes('1 muted'));
    expect(timelineOf(frame)).not.toContain('広告のお知らせ');
    expect(store.value.mutedTags).toEqual(['広告']);
  });
});

describe('reading an entry (Enter, y, o, |)', () => {
  it('Enter expands the selected entry to its whole body and collapses it again', async () => {
    const { lastFrame, stdin } = mount();
    await ready(lastFrame);
    expect(lastFrame()).not.toContain('四段落目の結び');
    stdin.write('\r');
    await frameWhere(lastFrame, (text) => text.includes('四段落目の結び'));
    stdin.write('\r');
    await frameWhere(lastFrame, (text) => !text.includes('四段落目の結び'), 'collapsed again');
  });

  it('y copies the entry with OSC 52, sanitized', async () => {
    const hostile = makeEntry('x', 50, { title: `危険\u001b]0;pwned\u0007な見出し` });
    const { lastFrame, stdin, written } = mount({}, [...backlog, signal(F, { event: 'entry', entry: hostile })]);
    await ready(lastFrame);
    stdin.write('y');
    await frameWhere(lastFrame, (text) => text.includes("sent to the terminal's clipboard (OSC 52)"));
    const osc = written.find((sequence) => sequence.startsWith('\u001b]52;c;'))!;
    const copied = Buffer.from(osc.slice(7, -1), 'base64').toString('utf8');
    expect(copied).toContain('危険な見出し');
    expect(copied).not.toContain('\u001b');
  });

  it('y says the copy will not arrive inside a tmux with set-clipboard off', async () => {
    const { lastFrame, stdin, written } = mount({ size: { columns: 100, rows: 40 }, clipboardPath: async () => ({ via: 'tmux', setClipboard: 'off' }) });
    await ready(lastFrame);
    stdin.write('y');
    const frame = await frameWhere(lastFrame, (text) => text.includes('not copied: tmux set-clipboard is off (turn it on: tmux set -g set-clipboard on)'));
    expect(frame).not.toContain("sent to the terminal's clipboard");
    expect(written.some((sequence) => sequence.startsWith('\u001b]52;c;'))).toBe(true);
  });

  it('o says so when the entry has no link', async () => {
    const { lastFrame, stdin } = mount();
    await ready(lastFrame);
    stdin.write('o');
    await frameWhere(lastFrame, (text) => text.includes('no http(s) link in this entry'));
  });

  it('| pipes the entry as NDJSON to a command and shows its exit status', async () => {
    const { lastFrame, stdin } = mount();
    await ready(lastFrame);
    stdin.write('|');
    await frameWhere(lastFrame, (text) => text.includes('no shell'));
    stdin.write(`${process.execPath} -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{console.log(JSON.parse(s).title);process.exit(4)})"`);
    await tick();
    stdin.write('\r');
    await frameWhere(lastFrame, (text) => text.includes('exit 4 · 交通の見出し'));
  });
});

describe('alerts and unread', () => {
  it('a followed entry arriving live rings the bell; the backlog does not', async () => {
    const { lastFrame, source, written } = mount({ settings: memoryStore({ ...settingsSchema.parse({}), topics: ['台風'], alert: 'osc777' }) }, [
      ...backlog.slice(0, -1),
      signal(F, { event: 'entry', entry: makeEntry('old', 45, { title: '台風の古い話' }) }),
      { type: 'ready', feed: F },
    ]);
    await ready(lastFrame);
    expect(written).toEqual([]);
    source.send(signal(F, { event: 'entry', entry: makeEntry('new', 60, { title: '台風が上陸' }) }));
    await frameWhere(lastFrame, (text) => text.includes('台風が上陸'));
    await frameWhere(() => written.join(''), (text) => text.length > 0, 'an alert');
    expect(written.join('')).toBe('\u0007\u001b]777;notify;livetail: 台風;台風が上陸\u0007');
  });

  it('marks entries newer than the saved read position and counts them', async () => {
    const state = memoryStore({ ...stateSchema.parse({}), feeds: { [F]: { readTime: makeEntry('b', 10).time, readId: 'b' } } });
    const { lastFrame } = mount({ state });
    const frame = await frameWhere(lastFrame, (text) => text.includes('3 unread'));
    const lines = frame.split('\n');
    // The selected card's gutter starts with the selection bar instead of a space.
    const newLines = lines.filter((line) => /^[▌ ]new /.test(line));
    expect(newLines).toHaveLength(3);
  });

  it('unread falls as entries are read: the selected one at once, the rest once the screen stays still', async () => {
    const state = memoryStore({ ...stateSchema.parse({}), feeds: { [F]: { readTime: makeEntry('a', 0).time, readId: 'a' } } });
    const pending = new Set<() => void>();
    const scheduleRead = (markRead: () => void) => {
      pending.add(markRead);
      return () => void pending.delete(markRead);
    };
    const { lastFrame, stdin } = mount({ state, scheduleRead });
    // e (newest) is selected, so read; b, c, d are still unread until the screen stays still.
    await frameWhere(lastFrame, (text) => text.includes('3 unread'));
    stdin.write('j');
    await frameWhere(lastFrame, (text) => text.includes('2 unread'));
    // Only the timer for the screen as it is now is pending; it fires as if two seconds passed.
    expect(pending.size).toBe(1);
    for (const markRead of pending) markRead();
    const frame = await frameWhere(lastFrame, (text) => !text.includes('unread'));
    expect(frame.split('\n').filter((line) => /^[▌ ]new /.test(line))).toHaveLength(0);
  });

  it('u jumps to the oldest unread entry; says so when nothing is unread', async () => {
    const state = memoryStore({ ...stateSchema.parse({}), feeds: { [F]: { readTime: makeEntry('b', 10).time, readId: 'b' } } });
    const { lastFrame, stdin } = mount({ state, scheduleRead: () => () => undefined, size: { columns: 80, rows: 12 } });
    await frameWhere(lastFrame, (text) => text.includes('2 unread'));
    const selectedTitle = (title: string) => (text: string) => text.split('\n').some((line) => line.startsWith('▌') && line.includes(title));
    stdin.write('u');
    await frameWhere(lastFrame, (text) => selectedTitle('MDの配備を説明')(text) && text.includes('1 unread'));
    stdin.write('u');
    await frameWhere(lastFrame, (text) => selectedTitle('広告のお知らせ')(text) && !text.includes('unread'));
    stdin.write('u');
    await frameWhere(lastFrame, (text) => text.includes('nothing unread'));
  });

  it('saves the read position of what was on screen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'livetail-state-'));
    const { lastFrame, unmount } = mount({ state: openState(dir, () => undefined) });
    await ready(lastFrame);
    unmount();
    const saved = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));
    expect(saved.feeds[F]).toMatchObject({ readId: 'e', readTime: new Date(makeEntry('e', 40).time).toISOString() });
  });
});

describe('resize', () => {
  it('keeps the selected entry on screen when the terminal gets shorter', async () => {
    const many = Array.from({ length: 30 }, (_, index) => signal(F, { event: 'entry', entry: makeEntry(`n${index}`, index, { title: `項目${index}番` }) }));
    const source = new FakeSource(F, many);
    const { lastFrame, stdin, rerender } = renderApp({ sources: [source], size: { columns: 80, rows: 40 } });
    await frameWhere(lastFrame, (text) => text.includes('項目29番'));
    await tick();
    stdin.write('jjjjjjjjjj');
    await frameWhere(lastFrame, (text) => text.split('\n').some((line) => line.startsWith('▌') && line.includes('項目19番')));
    rerender({ size: { columns: 60, rows: 12 } });
    const frame = await frameWhere(
      lastFrame,
      (text) => text.split('\n').length === 11 && text.split('\n').some((line) => line.startsWith('▌') && line.includes('項目19番')),
      'the selected entry on the smaller screen',
    );
    expect(frame).not.toContain('項目29番');
  });
});
