import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { Entry } from '../../src/schema/feed.js';
import { settingsSchema } from '../../src/settings/settings.js';
import { memoryStore } from '../../src/settings/store.js';
import { renderApp } from '../helpers/app.js';
import { makeEntry, signal } from '../helpers/entries.js';
import { FakeSource } from '../helpers/fake-source.js';
import { frameWhere, keys, tick } from '../helpers/ink.js';

const F = 'http://127.0.0.1:9/';

afterEach(() => cleanup());

const statement = (body: string, extra: Partial<Entry> = {}): Entry => makeEntry('s', 5, { title: '共同声明「航路の安全を最優先」', body, ...extra });

function mount(source: FakeSource) {
  return renderApp({ sources: [source], size: { columns: 80, rows: 30 } });
}

describe('corrections, retractions and key events on screen', () => {
  it('h shows each revision with its changes marked [-…-]/{+…+} without colour; Esc closes it', async () => {
    const source = new FakeSource(F, [signal(F, { event: 'entry', entry: statement('死者は3人と発表した。') })]);
    const { lastFrame, stdin } = mount(source);
    await frameWhere(lastFrame, (text) => text.includes('死者は3人'));
    source.send(signal(F, { event: 'update', entry: statement('死者は5人と発表した。', { modified: '2026-11-25T16:11:00+09:00' }) }));
    source.send(signal(F, { event: 'update', entry: statement('死者は5人と県が発表した。', { modified: '2026-11-25T16:12:00+09:00' }) }));
    const card = await frameWhere(lastFrame, (text) => text.includes('edited 2× · 16:12'), 'edited badge');
    expect(card).toContain('県が発表');
    stdin.write('h');
    const history = await frameWhere(lastFrame, (text) => text.includes('History ·'), 'history view');
    expect(history).toContain('死者は[-3-]{+5+}人と発表した。');
    expect(history).toContain('死者は5人と{+県が+}発表した。');
    expect(history).toMatch(/revision 2 · arrived \d\d:\d\d · source 16:12/);
    expect(history).toContain('first published 14:05');
    // Newest first.
    expect(history.indexOf('revision 2')).toBeLessThan(history.indexOf('revision 1'));
    stdin.write(keys.escape);
    await frameWhere(lastFrame, (text) => !text.includes('History ·') && text.includes('edited 2×'), 'history closed');
  });

  it('a deleted entry leaves one retracted line; h on it shows what it said; R hides such lines', async () => {
    const source = new FakeSource(F, [signal(F, { event: 'entry', entry: statement('両首脳は共同声明で表明した。') }), signal(F, { event: 'entry', entry: makeEntry('o', 1, { title: '代表団が到着' }) })]);
    const { lastFrame, stdin } = mount(source);
    await frameWhere(lastFrame, (text) => text.includes('両首脳は'));
    source.send(signal(F, { event: 'delete', id: 's' }));
    const frame = await frameWhere(lastFrame, (text) => /14:05 +retracted \d\d:\d\d · 共同声明「航路の安全を最優先」/.test(text), 'retracted line');
    expect(frame).not.toContain('両首脳は');
    stdin.write('h');
    const history = await frameWhere(lastFrame, (text) => text.includes('it said:'), 'history of the retracted entry');
    expect(history).toContain('両首脳は共同声明で表明した。');
    stdin.write('h');
    await frameWhere(lastFrame, (text) => !text.includes('it said:'));
    stdin.write('R');
    const hidden = await frameWhere(lastFrame, (text) => !/retracted \d\d:\d\d/.test(text) && text.includes('no retracted'), 'retracted hidden');
    expect(hidden).toContain('代表団が到着');
  });

  it('marks key events (!) and pinned entries (^) in the gutter; K shows key events only until Esc', async () => {
    const source = new FakeSource(F, [
      signal(F, { event: 'entry', entry: makeEntry('k', 30, { title: '首脳会談が始まった', key: true }) }),
      signal(F, { event: 'entry', entry: makeEntry('p', 20, { title: '会場の案内', pinned: true }) }),
      signal(F, { event: 'entry', entry: makeEntry('n', 10, { title: '天気は晴れ' }) }),
    ]);
    const { lastFrame, stdin } = mount(source);
    const frame = await frameWhere(lastFrame, (text) => text.includes('天気は晴れ'));
    expect(frame).toMatch(/14:30 ?!首脳会談が始まった/);
    expect(frame).toMatch(/14:20 ?\^会場の案内/);
    expect(frame).toMatch(/14:10  天気は晴れ/);
    await tick();
    stdin.write('K');
    const keyOnly = await frameWhere(lastFrame, (text) => text.includes('key events (2 hidden)'), 'key filter in header');
    expect(keyOnly).toContain('首脳会談が始まった');
    expect(keyOnly).not.toContain('天気は晴れ');
    stdin.write(keys.escape);
    await frameWhere(lastFrame, (text) => text.includes('天気は晴れ') && !text.includes('key events'), 'filter cleared');
    stdin.write('p');
    await frameWhere(lastFrame, (text) => /▌14:20 ?\^会場の案内/.test(text), 'p selects the pinned entry');
  });
});

describe('alerts on corrections', () => {
  it('a followed entry or a key event corrected or retracted live alerts; notifyCommand gets "event":"update"/"delete"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'livetail-notify-'));
    const log = join(dir, 'events.ndjson');
    const settings = memoryStore({ ...settingsSchema.parse({}), topics: ['台風'], alert: 'osc777' as const, notifyCommand: `sh -c 'cat >> ${log}'` });
    const source = new FakeSource(F, [
      signal(F, { event: 'entry', entry: makeEntry('t', 10, { title: '台風が接近', tags: ['台風'] }) }),
      signal(F, { event: 'entry', entry: makeEntry('k', 20, { title: '首脳会談', key: true }) }),
      signal(F, { event: 'entry', entry: makeEntry('o', 30, { title: '会場の天気' }) }),
      { type: 'ready', feed: F },
    ]);
    const { lastFrame, written } = renderApp({ sources: [source], size: { columns: 80, rows: 30 }, settings });
    await frameWhere(lastFrame, (text) => text.includes('会場の天気'));
    await tick();
    // Not followed, not key: no alert.
    source.send(signal(F, { event: 'update', entry: makeEntry('o', 30, { title: '会場の天気（訂正）' }) }));
    await frameWhere(lastFrame, (text) => text.includes('会場の天気（訂正）'));
    source.send(signal(F, { event: 'update', entry: makeEntry('t', 10, { title: '台風が上陸', tags: ['台風'] }) }));
    await frameWhere(() => written.join(''), (text) => text.includes('corrected'), 'a correction alert');
    source.send(signal(F, { event: 'delete', id: 'k' }));
    await frameWhere(() => written.join(''), (text) => text.includes('retracted'), 'a retraction alert');
    expect(written).toEqual(['\u0007\u001b]777;notify;livetail: 台風;corrected: 台風が上陸\u0007', '\u0007\u001b]777;notify;livetail: key event;retracted: 首脳会談\u0007']);
    await frameWhere(() => (existsSync(log) ? readFileSync(log, 'utf8') : ''), (text) => text.split('\n').filter(Boolean).length === 2, 'both notify runs');
    const events = readFileSync(log, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
    expect(events.map((event) => [event.event, event.id, event.title]).sort()).toEqual([['delete', 'k', '首脳会談'], ['update', 't', '台風が上陸']]);
  });
});
