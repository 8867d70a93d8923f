// The floor the screen benchmarks compare livetail against (issue 15): the least an Ink app can
// do to show the same timeline. It holds the same entries as pre-cut rows, draws a frame of the
// same size from them on the alternate screen and redraws it on j/k, with nothing else: no
// sources, no timeline, no layout engine. Bundled with livetail's own build options
// (bench/lib/bundle-app.js), so Ink, React and Yoga are the same code in production mode.
import { Box, render, Text, useInput } from 'ink';
import { createElement, useReducer } from 'react';
import { benchEntry } from '../lib/entries.js';

/** Characters per body row: Japanese is two columns wide, so 40 fill 80 of 100 columns. */
const perRow = 40;

/** The entries newest first, each as `time  title` and its body cut into rows. */
export function precutRows(count) {
  const rows = [];
  for (let index = count - 1; index >= 0; index -= 1) {
    const entry = JSON.parse(JSON.stringify(benchEntry(index)));
    rows.push(`${entry.time.slice(11, 16)}  ${entry.title}`);
    for (let start = 0; start < entry.body.length; start += perRow) rows.push(`       ${entry.body.slice(start, start + perRow)}`);
    rows.push(`       #${entry.tags.join('  #')}`);
  }
  return rows;
}

function scroll(offset, { delta, limit }) {
  return Math.min(Math.max(offset + delta, 0), limit);
}

export function BareApp({ rows, height, onQuit }) {
  const [offset, move] = useReducer(scroll, 0);
  useInput((input) => {
    if (input === 'j') move({ delta: 1, limit: rows.length - 1 });
    else if (input === 'k') move({ delta: -1, limit: rows.length - 1 });
    else if (input === 'q') onQuit?.();
  });
  return createElement(
    Box,
    { flexDirection: 'column' },
    rows.slice(offset, offset + height).map((row, index) => createElement(Text, { key: index, wrap: 'truncate' }, row)),
  );
}

export { render, createElement };

if (process.argv[1] && import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 20);
  process.stdout.write('\u001b[?1049h');
  const instance = render(
    createElement(BareApp, { rows: precutRows(count), height: (process.stdout.rows ?? 30) - 1, onQuit: () => instance.unmount() }),
    { exitOnCtrlC: true },
  );
  await instance.waitUntilExit();
  process.stdout.write('\u001b[?1049l');
  process.exit(0);
}
