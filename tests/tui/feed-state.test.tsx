import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp } from '../helpers/app.js';
import { makeEntry, signal } from '../helpers/entries.js';
import { FakeSource } from '../helpers/fake-source.js';
import { frameWhere } from '../helpers/ink.js';

const A = 'http://127.0.0.1:37507/';
const B = 'http://127.0.0.1:37508/';

afterEach(() => cleanup());

function mount(sources: FakeSource[], rows = 24) {
  return renderApp({ sources, size: { columns: 80, rows } });
}

describe('what state a feed is in', () => {
  it('a feed that stopped says STOPPED with the reason, never LIVE or waiting', async () => {
    const source = new FakeSource(A, [{ type: 'state', feed: A, state: { status: 'stopped', reason: 'not found (HTTP 404)' } }]);
    const frame = await frameWhere(mount([source]).lastFrame, (text) => text.includes('STOPPED'));
    const header = frame.split('\n')[0]!;
    expect(header).toContain('stopped: not found (HTTP 404)');
    expect(frame).not.toContain('LIVE');
    expect(frame).not.toContain('waiting for entries');
  });

  it('a refused connection says why it is reconnecting, not only when', async () => {
    const source = new FakeSource(A, [
      { type: 'state', feed: A, state: { status: 'reconnecting', attempt: 2, delayMs: 4000, reason: 'connection refused', at: 0 } },
    ]);
    const frame = await frameWhere(mount([source]).lastFrame, (text) => text.includes('reconnecting'));
    expect(frame.split('\n')[0]).toContain('reconnecting in 4s (attempt 2): connection refused');
  });
});

describe('several feeds', () => {
  const sources = () => [
    new FakeSource(A, [
      { type: 'state', feed: A, state: { status: 'connected' } },
      signal(A, { event: 'blog', blog: { id: 'a', title: '架空台風12号（架空）', status: 'ended' } }),
      signal(A, { event: 'entry', entry: makeEntry('a1', 0, { title: '台風の最終報' }) }),
    ]),
    new FakeSource(B, [
      { type: 'state', feed: B, state: { status: 'connected' } },
      signal(B, { event: 'blog', blog: { id: 'b', title: 'ほしぞら港湾サミット（架空）', status: 'live' } }),
      signal(B, { event: 'entry', entry: makeEntry('b1', 5, { title: '会見が始まる' }) }),
    ]),
  ];

  it('the header has a line per feed with its title and state; cards name the blog, not the address', async () => {
    const frame = await frameWhere(mount(sources()).lastFrame, (text) => text.includes('会見が始まる') && text.includes('台風の最終報'));
    const lines = frame.split('\n');
    expect(lines[0]).toContain('1 LIVE');
    expect(lines[0]).toContain('1 ENDED');
    expect(lines.find((line) => line.includes('ENDED') && line.includes('架空台風12号'))).toBeDefined();
    expect(lines.find((line) => line.includes('LIVE') && line.includes('ほしぞら港湾サミット'))).toBeDefined();
    expect(frame).not.toContain('127.0.0.1');
  });

  it('counts only, when the screen has no room for a line per feed', async () => {
    const frame = await frameWhere(mount(sources(), 12).lastFrame, (text) => text.includes('会見が始まる'));
    const lines = frame.split('\n');
    expect(lines[0]).toContain('1 LIVE');
    expect(lines[0]).toContain('1 ENDED');
    expect(lines[1]!.startsWith('─')).toBe(true);
  });
});
