import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bin, startServe } from '../helpers/processes.js';
import { TmuxTerminal, tmuxTestSession } from '../helpers/tmux.js';

const session = tmuxTestSession();

/** `livetail serve -` with stdin kept open, so the test decides when each event goes out. */
async function startServeFromStdin(): Promise<{ url: string; send: (event: object) => void }> {
  const served = await startServe(['-']);
  session.server = served;
  return { url: served.url, send: (event) => served.process.stdin!.write(`${JSON.stringify(event)}\n`) };
}

const statement = (body: string, modified?: string) => ({
  event: 'update',
  id: 's1',
  time: '2026-11-25T16:05:00+09:00',
  title: '共同声明「航路の安全を最優先」',
  body,
  tags: ['会見'],
  ...(modified ? { modified } : {}),
});

describe('corrections in a real terminal (tmux 80x24, NO_COLOR)', () => {
  it('a served entry corrected twice shows edited 2×, h marks the changes [-…-]/{+…+}, and a delete leaves the retracted line', async () => {
    const served = await startServeFromStdin();
    served.send({ event: 'blog', id: 'b', title: 'ほしぞら港湾サミット（架空）', status: 'live' });
    served.send({ ...statement('両首脳は共同声明で航路の安全を確認した。'), event: 'entry' });
    served.send({ event: 'entry', id: 's0', time: '2026-11-25T15:40:00+09:00', title: '代表団が到着', body: '会場に到着した。', tags: [] });
    session.terminal = new TmuxTerminal(80, 24);
    const config = mkdtempSync(join(tmpdir(), 'livetail-tmux-config-'));
    session.terminal.start(`LIVETAIL_CONFIG_DIR=${config} NO_COLOR=1 TZ=Asia/Tokyo ${process.execPath} ${bin} ${served.url}; echo "exit=$?"; sleep 60`);
    await session.terminal.waitFor((text) => text.includes('両首脳は共同声明で航路の安全を確認した。'), 'the first revision');

    served.send(statement('両首脳は共同声明で航路の安全を最優先にすると表明した。', '2026-11-25T16:11:00+09:00'));
    served.send(statement('両首脳は共同声明で「航路の安全を最優先にする」と表明した。', '2026-11-25T16:12:00+09:00'));
    // The story is on 2026-11-25: on any other day its times carry the date (11/25 16:12).
    const card = await session.terminal.waitFor((text) => /edited 2× · (11\/25 )?16:12/.test(text), 'edited 2×');
    expect(card).toContain('「航路の安全を最優先にする」');

    session.terminal.keys('h');
    const history = await session.terminal.waitFor((text) => text.includes('History ·'), 'the history view');
    expect(history).toContain('{+「+}');
    expect(history).toContain('{+最優先にすると表明+}');
    expect(history).toMatch(/\[-確認-\]/);
    expect(history).toMatch(/revision 2 · arrived \d\d:\d\d · source (11\/25 )?16:12/);
    expect(history).toMatch(/first published (11\/25 )?16:05/);
    expect(session.terminal.joinedScreen().split('\n')).toHaveLength(history.split('\n').length);

    session.terminal.keys('Escape');
    await session.terminal.waitFor((text) => !text.includes('History ·') && text.includes('edited 2×'), 'back to the timeline');
    served.send({ event: 'delete', id: 's1' });
    const retracted = await session.terminal.waitFor((text) => /16:05 +(11\/25 · )?retracted \d\d:\d\d · 共同声明「航路の安全を最優先」/.test(text), 'the retracted line');
    expect(retracted).not.toContain('両首脳は');
    expect(retracted).toContain('代表団が到着');
    session.terminal.keys('q');
    await session.terminal.waitFor((text) => text.includes('exit=0'), 'livetail to exit');
  });
});
