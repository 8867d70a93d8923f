import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../src/format/template.js';
import { runPipe } from '../../src/sink/pipe.js';
import type { SourceSignal } from '../../src/schema/signal.js';
import { makeEntry, signal } from '../helpers/entries.js';
import { FakeSource } from '../helpers/fake-source.js';

const F = 'http://127.0.0.1:9/';

async function printed(template: string, signals: SourceSignal[]): Promise<string[]> {
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const source = new FakeSource(F, [...signals, { type: 'ready', feed: F }]);
  await runPipe({ sources: [source], output, warn: () => undefined, template: compileTemplate(template), filter: { tags: [] }, once: true, idleMs: 60_000, timeoutMs: 60_000, timeZone: 'Asia/Tokyo' });
  return text.split('\n').filter(Boolean);
}

const entry = (body: string) =>
  makeEntry('s', 5, { title: '共同声明', body, url: 'https://news.example/live#s', author: 'ホシノ・ミナト', modified: '2026-11-25T16:12:00+09:00' });

const corrected: SourceSignal[] = [
  signal(F, { event: 'entry', entry: entry('第1版') }),
  signal(F, { event: 'update', entry: entry('第2版') }),
  signal(F, { event: 'update', entry: entry('第2版') }),
  signal(F, { event: 'update', entry: entry('第3版') }),
  signal(F, { event: 'delete', id: 's' }),
];

describe('--format and corrections', () => {
  it('{edited} counts corrections (replays not), and {modified} {url} {author} come from the entry', async () => {
    expect(await printed('{edited} {body} {modified} {url} {author}', corrected)).toEqual([
      '0 第1版 2026-11-25T16:12:00+09:00 https://news.example/live#s ホシノ・ミナト',
      '1 第2版 2026-11-25T16:12:00+09:00 https://news.example/live#s ホシノ・ミナト',
      '2 第3版 2026-11-25T16:12:00+09:00 https://news.example/live#s ホシノ・ミナト',
    ]);
  });

  it('prints a line for a delete, with the retracted entry as it last stood, when the template names {event}', async () => {
    expect(await printed('{event} {time} {title} {body} {edited}', corrected)).toEqual(['entry 14:05 共同声明 第1版 0', 'update 14:05 共同声明 第2版 1', 'update 14:05 共同声明 第3版 2', 'delete 14:05 共同声明 第3版 2']);
  });

  it('a delete of an entry never printed prints nothing', async () => {
    expect(await printed('{event} {id}', [signal(F, { event: 'delete', id: 'unknown' })])).toEqual([]);
  });
});
