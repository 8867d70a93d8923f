import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeEntry } from '../helpers/entries.js';
import { bin, startServe, type Served } from '../helpers/processes.js';
import { TmuxTerminal } from '../helpers/tmux.js';

/*
 * What only the real binary in a real terminal shows about the reading view: the chosen card
 * holding still while entries arrive, keys read from the terminal while stdin is the feed, a
 * stopped feed saying so, and help that scrolls on a small screen.
 */

let terminal: TmuxTerminal | undefined;
let served: Served | undefined;
let server: Server | undefined;

afterEach(async () => {
  server?.close();
  server = undefined;
  terminal?.kill();
  terminal = undefined;
  await served?.stop();
  served = undefined;
});

const line = (entry: object): string => `${JSON.stringify({ event: 'entry', ...entry })}\n`;
const configDir = (): string => mkdtempSync(join(tmpdir(), 'livetail-reading-'));

function start(columns: number, rows: number, args: string): TmuxTerminal {
  const tmux = new TmuxTerminal(columns, rows);
  tmux.start(`LIVETAIL_CONFIG_DIR=${configDir()} TZ=Asia/Tokyo ${args}; echo "exit=$?"; sleep 60`);
  return tmux;
}

/** The screen row of the line carrying the selection bar and `text`. */
function rowOf(screen: string, text: string): number {
  return screen.split('\n').findIndex((row) => row.startsWith('▌') && row.includes(text));
}

describe('reading in a real terminal (tmux)', () => {
  it('j j, then entries arrive: the chosen card stays on its row and ↑ 3 new appears', async () => {
    served = await startServe(['-', '--speed', 'max']);
    for (let index = 0; index < 5; index += 1) served.process.stdin!.write(line(makeEntry(`s${index}`, index * 10, { title: `既報その${index}（架空）` })));
    terminal = start(80, 24, `${process.execPath} ${bin} ${served.url}`);
    await terminal.waitFor((text) => text.includes('既報その4') && text.includes('connected'), 'the backlog');
    terminal.keys('j', 'j');
    const before = await terminal.waitFor((text) => rowOf(text, '既報その2') >= 0, 'the third card selected');
    for (let index = 0; index < 3; index += 1) served.process.stdin!.write(line(makeEntry(`n${index}`, 50 + index, { title: `速報その${index}（架空）` })));
    const after = await terminal.waitFor((text) => text.includes('↑ 3 new'), 'the new-entry counter');
    expect(rowOf(after, '既報その2')).toBe(rowOf(before, '既報その2'));
    expect(after).not.toContain('速報その');
    terminal.keys('j');
    await terminal.waitFor((text) => rowOf(text, '既報その1') >= 0, 'j to go on to the next older card');
  });

  it('cat feed.ndjson | livetail -: keys come from the terminal and the view stays open after the input ends', async () => {
    const file = join(configDir(), 'feed.ndjson');
    writeFileSync(file, [0, 1, 2].map((index) => line(makeEntry(`p${index}`, index, { title: `パイプ${index}（架空）` }))).join(''));
    terminal = start(80, 24, `cat ${file} | ${process.execPath} ${bin} -`);
    await terminal.waitFor((text) => text.includes('パイプ2') && text.includes('input ended'), 'input ended in the header');
    terminal.keys('j');
    await terminal.waitFor((text) => rowOf(text, 'パイプ1') >= 0, 'j read from the terminal');
    expect(terminal.screen()).not.toContain('exit=');
    terminal.keys('q');
    await terminal.waitFor((text) => text.includes('exit=0'), 'q to quit');
  });

  it('a feed answering 404 says STOPPED and why in the header', async () => {
    server = createServer((_request, response) => response.writeHead(404).end('no such live blog'));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/live/none`;
    terminal = start(80, 24, `${process.execPath} ${bin} ${url}`);
    const screen = await terminal.waitFor((text) => text.includes('STOPPED'), 'STOPPED in the header');
    expect(screen.split('\n')[0]).toMatch(/stopped: .*404/);
    expect(screen).not.toContain('LIVE');
    expect(screen).not.toContain('waiting for entries');
  });

  it('help scrolls at 28x15 with the timeline keys and says more ↓', async () => {
    const file = join(configDir(), 'feed.ndjson');
    writeFileSync(file, line(makeEntry('h0', 0, { title: 'ヘルプ確認（架空）' })));
    terminal = start(28, 15, `cat ${file} | ${process.execPath} ${bin} -`);
    await terminal.waitFor((text) => text.includes('input ended') || text.includes('ヘルプ'), 'the view');
    terminal.keys('?');
    const first = await terminal.waitFor((text) => text.includes('more ↓'), 'help saying there is more');
    expect(first).not.toContain('Ctrl-C');
    // More pages than help has at this size: PageDown stops at its last page.
    for (let page = 0; page < 20; page += 1) terminal.keys('PageDown');
    const last = await terminal.waitFor((text) => !text.includes('more ↓') && text.includes('Questions'), 'the end of the help');
    expect(terminal.joinedScreen().split('\n')).toHaveLength(last.split('\n').length);
  });
});
