import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CommandLineError, parseCommandLine } from '../../src/tui/actions/command-line.js';
import { entryAsNdjson, entryAsText } from '../../src/tui/actions/entry-text.js';
import { firstLink, openerFor, openUrl } from '../../src/tui/actions/open-link.js';
import { runWithInput } from '../../src/tui/actions/run-command.js';
import { clipboardSequence, detectNotificationStyle, notificationSequence } from '../../src/tui/actions/terminal-sequences.js';
import { makeEntry, makeItem } from '../helpers/entries.js';

const hostile = '\u001b]52;c;ZXZpbA==\u0007\u001b[2J';
const item = makeItem(
  makeEntry('a', 35, {
    title: `共同声明${hostile}`,
    body: `本文です。${hostile}`,
    tags: ['会見'],
    links: [
      { title: 'bad', url: 'file:///etc/passwd' },
      { title: 'good', url: 'https://news.example/x?a=1' },
    ],
  }),
  { feed: 'http://127.0.0.1:9/' },
);

describe('command lines are split without a shell', () => {
  it.each([
    ['wc -c', ['wc', '-c']],
    [`jq -r '.title | ascii_downcase'`, ['jq', '-r', '.title | ascii_downcase']],
    [`printf "%s\\n" "a \\"b\\""`, ['printf', '%s\\n', 'a "b"']],
    [`echo $HOME; rm -rf x`, ['echo', '$HOME;', 'rm', '-rf', 'x']],
    [`a\\ b ''`, ['a b', '']],
  ])('%s', (line, argv) => {
    expect(parseCommandLine(line)).toEqual(argv);
  });

  it('rejects an unterminated quote', () => {
    expect(() => parseCommandLine(`jq '.title`)).toThrow(CommandLineError);
  });
});

describe('running a command with the entry on stdin', () => {
  it('gives the entry as one NDJSON line and reports the exit status and last output line', async () => {
    const result = await runWithInput(`${process.execPath} -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{console.log(JSON.parse(s).title.length);process.exit(3)})"`, entryAsNdjson(item));
    expect(result.code).toBe(3);
    expect(result.summary).toMatch(/exit 3 · \d+$/);
  });

  it('passes feed text only on stdin: a shell would have run the second command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'livetail-pipe-'));
    const result = await runWithInput(`${process.execPath} -e "require('fs').writeFileSync(process.argv[1], process.argv.slice(1).join('|'))" ${join(dir, 'out')} ; touch ${join(dir, 'pwned')}`, '');
    expect(result.code).toBe(0);
    expect(readFileSync(join(dir, 'out'), 'utf8')).toContain(';|touch');
  });

  it('says so when the command does not exist', async () => {
    expect((await runWithInput('no-such-command-livetail', '{}')).summary).toContain('command not found');
  });
});

describe('terminal sequences', () => {
  it('OSC 52 carries base64 of the sanitized entry text', () => {
    const text = entryAsText(item, 'Asia/Tokyo');
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(text).toContain('2026-11-25 14:35  共同声明');
    expect(text).toContain('good: https://news.example/x?a=1');
    const sequence = clipboardSequence(text);
    const match = /^\u001b\]52;c;([A-Za-z0-9+/=]+)\u0007$/.exec(sequence);
    expect(Buffer.from(match![1]!, 'base64').toString('utf8')).toBe(text);
  });

  it('the copied text ends with the author and the permalink, for quoting with its source', () => {
    const quoted = { ...item, entry: { ...item.entry, author: '港 ミナト（架空）', url: 'https://news.example.test/live/hoshizora#update-3' } };
    expect(entryAsText(quoted, 'Asia/Tokyo').trimEnd().split('\n').at(-1)).toBe('— 港 ミナト（架空）  https://news.example.test/live/hoshizora#update-3');
  });

  it('notifications hold no feed escape and no early terminator', () => {
    for (const style of ['osc9', 'osc777'] as const) {
      const sequence = notificationSequence(style, 'live;blog', item.entry.title!);
      expect(sequence.slice(2, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
    expect(notificationSequence('osc777', 'live;blog', 'x')).toBe('\u001b]777;notify;live,blog;x\u0007');
    expect(notificationSequence('none', 't', 'x')).toBe('');
  });

  it.each([
    [{ TERM_PROGRAM: 'iTerm.app' }, 'osc9'],
    [{ TERM_PROGRAM: 'WezTerm' }, 'osc9'],
    [{ TERM: 'xterm-kitty' }, 'none'],
    [{ WT_SESSION: 'x' }, 'none'],
    [{ TERM: 'foot' }, 'osc777'],
    [{ VTE_VERSION: '7600' }, 'osc777'],
    [{ TERM: 'xterm-256color' }, 'none'],
    [{ TMUX: '/tmp/x', TERM_PROGRAM: 'iTerm.app' }, 'none'],
  ])('detects %o as %s', (env, style) => {
    expect(detectNotificationStyle(env)).toBe(style);
  });
});

describe('opening links', () => {
  it('takes the first http(s) link, never a file: URL', () => {
    expect(firstLink(item)).toBe('https://news.example/x?a=1');
    expect(firstLink({ ...item, entry: { ...item.entry, links: [{ title: 'x', url: '--help' }] } })).toBeUndefined();
  });

  it('picks the system opener', () => {
    expect(openerFor('darwin').command).toBe('open');
    expect(openerFor('linux').command).toBe('xdg-open');
  });

  it('reports a missing opener instead of failing', async () => {
    const original = process.env.PATH;
    process.env.PATH = mkdtempSync(join(tmpdir(), 'livetail-empty-path-'));
    try {
      expect(await openUrl('https://news.example/x', 'linux')).toMatch(/xdg-open is not installed/);
    } finally {
      process.env.PATH = original;
    }
  });
});
