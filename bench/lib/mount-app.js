// Mounts the real App (bundled by bundle-app.js) on a fake terminal. Callers set CI first.
import { FakeStdin, FakeStdout } from './fake-terminal.js';

export async function mountApp({ source, maxEntries, columns = 100, rows = 40, onFrame = () => {} }) {
  const { App, render, createElement } = await import('../../dist/bench/app.js');
  const stdout = new FakeStdout(columns, rows, onFrame);
  const stdin = new FakeStdin();
  const instance = render(
    createElement(App, { sources: [source], timeZone: 'Asia/Tokyo', color: true, filter: { tags: [] }, maxEntries, interactive: true }),
    { stdout, stdin, stderr: stdout, exitOnCtrlC: false, patchConsole: false },
  );
  return { stdin, unmount: () => instance.unmount() };
}

/** Mounts the floor (bench/floor/bare-app.js) on the same fake terminal, holding `count` entries' rows. */
export async function mountBareApp({ count, columns = 100, rows = 40, onFrame = () => {} }) {
  const { BareApp, precutRows, render, createElement } = await import('../../dist/bench/bare-app.js');
  const stdout = new FakeStdout(columns, rows, onFrame);
  const stdin = new FakeStdin();
  const instance = render(createElement(BareApp, { rows: precutRows(count), height: rows - 1 }), { stdout, stdin, stderr: stdout, exitOnCtrlC: false, patchConsole: false });
  return { stdin, unmount: () => instance.unmount() };
}

/**
 * A source that plays entries from `benchEntry`: a backlog at once, or a steady rate. With
 * `correctEvery`, every n-th backlog entry is then corrected three times (as `update` events).
 */
export function benchSource(benchEntry, { backlog = 0, perSecond = 0, correctEvery = 0 }) {
  const feed = 'http://127.0.0.1:1/bench';
  let timer;
  return {
    feed,
    start(emit) {
      emit({ type: 'state', feed, state: { status: 'connected' } });
      let index = 0;
      // Entries as a feed delivers them: parsed from JSON (flat strings), like the SSE source does.
      const entry = () => emit({ type: 'event', feed, event: { event: 'entry', entry: JSON.parse(JSON.stringify(benchEntry(index++))) } });
      const correct = (at, round) => {
        const original = benchEntry(at);
        emit({ type: 'event', feed, event: { event: 'update', entry: JSON.parse(JSON.stringify({ ...original, body: `${original.body}（訂正${round}）` })) } });
      };
      const sendBacklog = () => {
        for (const end = Math.min(index + 500, backlog); index < end; ) entry();
        if (index < backlog) setImmediate(sendBacklog);
        else {
          if (correctEvery > 0) for (let round = 1; round <= 3; round += 1) for (let at = 0; at < backlog; at += correctEvery) correct(at, round);
          emit({ type: 'ready', feed });
          if (perSecond > 0) timer = setInterval(() => { for (let n = 0; n < perSecond / 10; n += 1) entry(); }, 100);
        }
      };
      sendBacklog();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
