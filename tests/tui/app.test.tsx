import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceSignal } from '../../src/schema/signal.js';
import { renderApp } from '../helpers/app.js';
import { makeEntry, signal } from '../helpers/entries.js';
import { FakeSource } from '../helpers/fake-source.js';
import { frameWhere, keys, tick } from '../helpers/ink.js';

const F = 'http://127.0.0.1:9/';

afterEach(() => cleanup());

function entries(count: number): SourceSignal[] {
  return Array.from({ length: count }, (_, index) =>
    signal(F, { event: 'entry', entry: makeEntry(`e${index}`, index * 5, { title: `見出し${index}号`, body: `本文${index}。`, tags: [`タグ${index % 3}`] }) }),
  );
}

function mount(source: FakeSource, rows = 24) {
  return renderApp({ sources: [source], size: { columns: 80, rows } });
}

describe('App', () => {
  it('renders the header, times, headlines, CJK bodies, tags and credits', async () => {
    const source = new FakeSource(F, [
      { type: 'state', feed: F, state: { status: 'connected' } },
      signal(F, { event: 'blog', blog: { id: 'b', title: 'ほしぞら港湾サミット（架空）', status: 'live' } }),
      signal(F, {
        event: 'entry',
        entry: makeEntry('a', 35, {
          title: '共同声明「航路の安全を最優先」',
          body: '両首脳は共同声明で「航路の安全を最優先にする」と表明した。',
          tags: ['会見', '港湾'],
          author: '港 ミナト（架空）',
          media: [{ caption: '会場に到着する代表団', credit: '© 架空フォト / ホシノ・ミナト' }],
          links: [{ title: '【図解】声明のポイント', url: 'https://news.example/x' }],
        }),
      }),
    ]);
    const { lastFrame } = mount(source);
    const frame = await frameWhere(lastFrame, (text) => text.includes('共同声明'));
    expect(frame).toContain('● LIVE');
    expect(frame).toContain('ほしぞら港湾サミット（架空）');
    expect(frame).toContain('connected · 1 entry');
    expect(frame).toContain('14:35');
    expect(frame).toContain('両首脳は共同声明で');
    expect(frame).toContain('— 港 ミナト（架空）');
    expect(frame).toContain('#会見  #港湾');
    expect(frame).toContain('© 架空フォト / ホシノ・ミナト');
    expect(frame).toContain('▸ 【図解】声明のポイント');
  });

  it('shows what arrived while the screen loaded in its very first frame', () => {
    const { lastFrame } = renderApp({ sources: [new FakeSource(F, [], entries(3))] });
    expect(lastFrame()).toContain('見出し2号');
  });

  it('shares equal tag lists among what arrived while the screen loaded, as among live arrivals', () => {
    const arrived = [0, 1, 2].map((index) => signal(F, { event: 'entry', entry: makeEntry(`e${index}`, index, { tags: ['港湾', '会見'] }) }));
    const tagLists = () => arrived.map((signal) => signal.type === 'event' && signal.event.event === 'entry' && signal.event.entry.tags);
    expect(new Set(tagLists()).size).toBe(3);
    renderApp({ sources: [new FakeSource(F, [], arrived)] });
    expect(new Set(tagLists()).size).toBe(1);
  });

  it('is one row shorter than the terminal', async () => {
    const { lastFrame } = mount(new FakeSource(F, entries(40)), 20);
    const frame = await frameWhere(lastFrame, (text) => text.includes('見出し39号'));
    expect(frame.split('\n')).toHaveLength(19);
  });

  it('moves the selection with j/k and arrows, pages and jumps to the ends', async () => {
    const { lastFrame, stdin } = mount(new FakeSource(F, entries(40)));
    await frameWhere(lastFrame, (text) => text.includes('見出し39号'));
    await tick();
    const marked = (frame: string) => frame.split('\n').find((line) => line.startsWith('▌'));
    expect(marked(await frameWhere(lastFrame, (text) => text.includes('▌')))).toContain('見出し39号');
    stdin.write('j');
    await frameWhere(lastFrame, (text) => marked(text)?.includes('見出し38号') === true, 'the selection one entry down');
    stdin.write(keys.down);
    await frameWhere(lastFrame, (text) => marked(text)?.includes('見出し37号') === true, 'arrow down');
    stdin.write('k');
    await frameWhere(lastFrame, (text) => marked(text)?.includes('見出し38号') === true, 'k');
    stdin.write('G');
    await frameWhere(lastFrame, (text) => text.includes('見出し0号') && !text.includes('見出し39号'), 'G shows the oldest');
    stdin.write('g');
    await frameWhere(lastFrame, (text) => text.includes('見出し39号'), 'g back to the newest');
    stdin.write(keys.pageDown);
    const paged = await frameWhere(lastFrame, (text) => !text.includes('見出し39号'), 'page down');
    expect(paged).toContain('見出し3');
    stdin.write(keys.pageUp);
    await frameWhere(lastFrame, (text) => text.includes('見出し39号'), 'page up');
  });

  it('keeps the view still and counts new entries while scrolled away', async () => {
    const source = new FakeSource(F, entries(40));
    const { lastFrame, stdin } = mount(source);
    await frameWhere(lastFrame, (text) => text.includes('見出し39号'));
    await tick();
    stdin.write(keys.pageDown);
    const before = await frameWhere(lastFrame, (text) => !text.includes('見出し39号'));
    const timelineOf = (frame: string) => frame.split('\n').slice(2, -2).join('\n');
    source.send(signal(F, { event: 'entry', entry: makeEntry('late', 300, { title: '速報' }) }));
    const after = await frameWhere(lastFrame, (text) => text.includes('1 new'));
    expect(timelineOf(after)).toBe(timelineOf(before));
    stdin.write('g');
    await frameWhere(lastFrame, (text) => text.includes('速報') && !text.includes('new (g)'));
  });

  it('follows new entries while at the top', async () => {
    const source = new FakeSource(F, entries(3));
    const { lastFrame } = mount(source);
    await frameWhere(lastFrame, (text) => text.includes('見出し2号'));
    source.send(signal(F, { event: 'entry', entry: makeEntry('late', 300, { title: '速報' }) }));
    const frame = await frameWhere(lastFrame, (text) => text.includes('速報'));
    expect(frame).not.toContain('new (g)');
  });

  it('changes a card in place on update, marked edited, and leaves a retracted line for deleted entries', async () => {
    const source = new FakeSource(F, entries(3));
    const { lastFrame } = mount(source);
    await frameWhere(lastFrame, (text) => text.includes('見出し1号'));
    source.send(signal(F, { event: 'update', entry: makeEntry('e1', 5, { title: '見出し1号（訂正）', body: '訂正後の本文。', tags: [] }) }));
    const edited = await frameWhere(lastFrame, (text) => text.includes('訂正後の本文'));
    const lines = edited.split('\n');
    const index = lines.findIndex((line) => line.includes('見出し1号（訂正）'));
    expect(lines[index]).toMatch(/edited 1× · \d\d:\d\d/);
    expect(lines.findIndex((line) => line.includes('見出し2号'))).toBeLessThan(index);
    expect(lines.findIndex((line) => line.includes('見出し0号'))).toBeGreaterThan(index);
    source.send(signal(F, { event: 'delete', id: 'e2' }));
    const retracted = await frameWhere(lastFrame, (text) => /14:10 +retracted \d\d:\d\d · 見出し2号/.test(text), 'retracted line');
    expect(retracted).not.toContain('本文2。');
  });

  it('shows ENDED once the blog is closed', async () => {
    const source = new FakeSource(F, [signal(F, { event: 'blog', blog: { id: 'b', title: '架空ライブ', status: 'live' } }), ...entries(2)]);
    const { lastFrame } = mount(source);
    await frameWhere(lastFrame, (text) => text.includes('● LIVE'));
    source.send(
      signal(F, { event: 'entry', entry: makeEntry('end', 200, { title: 'このライブ更新は終了しました' }) }),
      signal(F, { event: 'blog', blog: { id: 'b', title: '架空ライブ', status: 'ended' } }),
    );
    const frame = await frameWhere(lastFrame, (text) => text.includes('ENDED'));
    expect(frame).not.toContain('● LIVE');
    expect(frame).toContain('このライブ更新は終了しました');
  });

  it('reports invalid events in the status line', async () => {
    const source = new FakeSource(F, [...entries(1), { type: 'invalid', feed: F, reason: 'entry 7: time: Invalid ISO datetime' }]);
    const { lastFrame } = mount(source);
    const frame = await frameWhere(lastFrame, (text) => text.includes('invalid'));
    expect(frame).toContain('1 invalid skipped: entry 7');
  });

  it('marks each entry with its feed when several feeds merge', async () => {
    const other = 'http://127.0.0.1:9/other';
    const a = new FakeSource(F, entries(1));
    const b = new FakeSource(other, [signal(other, { event: 'entry', entry: makeEntry('x', 50, { title: '別の速報' }) })]);
    const { lastFrame } = renderApp({ sources: [a, b] });
    const frame = await frameWhere(lastFrame, (text) => text.includes('別の速報') && text.includes('見出し0号'));
    expect(frame.split('\n').find((line) => line.includes('別の速報'))).toContain('127.0.0.1:9/other');
  });

  it('shows help from the keymap and closes it with Esc', async () => {
    const { lastFrame, stdin } = mount(new FakeSource(F, entries(2)));
    await frameWhere(lastFrame, (text) => text.includes('見出し1号'));
    await tick();
    stdin.write('?');
    const help = await frameWhere(lastFrame, (text) => text.includes('Timeline'));
    expect(help).toContain('oldest entry');
    stdin.write(keys.escape);
    await frameWhere(lastFrame, (text) => !text.includes('Timeline') && text.includes('見出し1号'), 'help closed');
  });

  it('help at 28x15 says more ↓ and scrolls with the timeline keys to its end', async () => {
    const source = new FakeSource(F, entries(2));
    const { lastFrame, stdin } = renderApp({ sources: [source], size: { columns: 28, rows: 15 } });
    await frameWhere(lastFrame, (text) => text.includes('見出し1号'));
    await tick();
    stdin.write('?');
    const first = await frameWhere(lastFrame, (text) => text.includes('more ↓'));
    expect(first).toContain('Timeline');
    stdin.write('j');
    await frameWhere(lastFrame, (text) => !text.includes('Timeline') && text.includes('more ↓'), 'one line down');
    stdin.write('G');
    const last = await frameWhere(lastFrame, (text) => text.includes('end of help'));
    expect(last).toContain('Ctrl-C');
    expect(last.split('\n')).toHaveLength(14);
    stdin.write('g');
    await frameWhere(lastFrame, (text) => text.includes('Timeline') && text.includes('more ↓'), 'back at the top');
  });
});

describe('fast typing', () => {
  it('treats keys that arrive together as separate presses', async () => {
    const { lastFrame, stdin } = mount(new FakeSource(F, entries(10)));
    await frameWhere(lastFrame, (text) => text.includes('見出し9号'));
    await tick();
    stdin.write('jjj');
    await frameWhere(lastFrame, (text) => text.split('\n').some((line) => line.startsWith('▌') && line.includes('見出し6号')), 'three moves');
  });
});
