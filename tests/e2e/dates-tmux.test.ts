import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, startServe } from '../helpers/processes.js';
import { TmuxTerminal, tmuxTestSession } from '../helpers/tmux.js';

/*
 * The real binary in a real terminal, in a zone set by TZ, on whatever day the test runs: an
 * entry from three days ago carries its date, today's does not, the header names the zone, and
 * z switches to the newsroom's.
 */

const session = tmuxTestSession();

const line = (event: object): string => `${JSON.stringify(event)}\n`;
const tokyoDay = (timeMs: number): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', month: '2-digit', day: '2-digit' }).format(timeMs).replace('-', '/');

/** The gutter (columns 1-5) of the line under the one that carries `text`. */
function gutterBelow(screen: string, text: string): string {
  const lines = screen.split('\n');
  return lines[lines.findIndex((row) => row.includes(text)) + 1]!.slice(1, 6).trim();
}

describe('dates and zones in a real terminal (tmux)', () => {
  it('TZ=Asia/Tokyo: an entry of three days ago shows its date, today’s does not, the header says Tokyo; z shows London', async () => {
    const nowMs = Date.now();
    const earlierMs = nowMs - 3 * 24 * 3600_000;
    session.server = await startServe(['-', '--speed', 'max']);
    session.server.process.stdin!.write(line({ event: 'blog', id: 'b', title: '北浜港まつり（架空）', status: 'live', tz: 'Europe/London' }));
    session.server.process.stdin!.write(line({ event: 'entry', id: 'old', time: new Date(earlierMs).toISOString(), title: '三日前の予告（架空）', body: '', tags: [] }));
    session.server.process.stdin!.write(line({ event: 'entry', id: 'new', time: new Date(nowMs).toISOString(), title: '本日の開幕（架空）', body: '', tags: [] }));
    session.terminal = new TmuxTerminal(80, 24);
    const configDir = mkdtempSync(join(tmpdir(), 'livetail-dates-'));
    session.terminal.start(`LIVETAIL_CONFIG_DIR=${configDir} TZ=Asia/Tokyo ${process.execPath} ${bin} ${session.server.url}; echo "exit=$?"; sleep 60`);
    const screen = await session.terminal.waitFor((text) => text.includes('三日前の予告') && text.includes('本日の開幕') && text.includes('connected'), 'both entries');
    expect(screen.split('\n')[0]).toContain('Tokyo UTC+9');
    expect(gutterBelow(screen, '三日前の予告')).toBe(tokyoDay(earlierMs));
    expect(gutterBelow(screen, '本日の開幕')).not.toMatch(/\d\d\/\d\d/);
    session.terminal.keys('z');
    const london = await session.terminal.waitFor((text) => /London UTC\+[01] \(newsroom\)/.test(text.split('\n')[0]!), 'the newsroom’s zone in the header');
    expect(london).toContain("times in the newsroom's zone");
    session.terminal.keys('q');
    await session.terminal.waitFor((text) => text.includes('exit=0'), 'q to quit');
  });
});
