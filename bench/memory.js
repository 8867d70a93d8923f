import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchEntry, sseStream } from './lib/entries.js';
import { runUntilScreenShows } from './lib/pty.js';
import { timeCommand } from './lib/run-process.js';
import { startStreamServer } from './lib/server.js';
import { median, repeat, spread } from './lib/stats.js';

const bin = fileURLToPath(new URL('../bin/livetail.js', import.meta.url));
const reportRss = fileURLToPath(new URL('./lib/report-rss.js', import.meta.url));
const tuiChild = fileURLToPath(new URL('./lib/tui-child.js', import.meta.url));
const bareApp = fileURLToPath(new URL('../dist/bench/bare-app.js', import.meta.url));
const bareConsumer = fileURLToPath(new URL('./lib/bare-consumer.js', import.meta.url));
const MB = 1024 * 1024;

/** The entries' own text as JavaScript holds it (UTF-16: two bytes a code unit), in MB. */
function textSize(count) {
  let units = 0;
  const add = (value) => {
    if (typeof value === 'string') units += value.length;
    else if (Array.isArray(value)) value.forEach(add);
    else if (value && typeof value === 'object') Object.values(value).forEach(add);
  };
  for (let index = 0; index < count; index += 1) add(benchEntry(index));
  return (units * 2) / MB;
}

function childEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  delete env.CI;
  return env;
}

/** Runs the real TUI on a fake terminal in a fresh process; see lib/tui-child.js. */
export function runTuiChild(...args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', tuiChild, ...args.map(String)], { env: childEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('close', (code) => {
      const line = out.split('\n').find((text) => text.startsWith('{'));
      if (code === 0 && line) resolve(JSON.parse(line));
      else reject(new Error(`tui child exited ${code}: ${out.slice(0, 300)}`));
    });
  });
}

/** Peak RSS of pipe mode reading `count` entries, and of the TUI holding them. */
export async function runMemoryBench({ count = 100_000, runs = 3 } = {}) {
  const server = await startStreamServer(sseStream(count));
  const dir = mkdtempSync(join(tmpdir(), 'livetail-bench-'));
  const rssFile = join(dir, 'rss');
  try {
    const peakRss = async (command) => {
      await timeCommand('bash', ['-c', `"${process.execPath}" --import "${reportRss}" ${command}`], { env: childEnv({ BENCH_RSS_FILE: rssFile }) });
      return Number(readFileSync(rssFile, 'utf8')) / MB;
    };
    const pipe = await repeat(runs, () => peakRss(`"${bin}" "${server.url}" --once --json > /dev/null`));
    const consumer = await repeat(runs, () => peakRss(`"${bareConsumer}" "${server.url}" /dev/null`));
    const tui = await repeat(runs, async () => {
      await runUntilScreenShows(['--import', reportRss, bin, server.url], benchEntry(count - 1).title, { env: { BENCH_RSS_FILE: rssFile }, andThen: 'quit' });
      return Number(readFileSync(rssFile, 'utf8')) / MB;
    });
    const bare = await repeat(runs, async () => {
      await runUntilScreenShows(['--import', reportRss, bareApp, String(count)], benchEntry(count - 1).title, { env: { BENCH_RSS_FILE: rssFile }, andThen: 'quit' });
      return Number(readFileSync(rssFile, 'utf8')) / MB;
    });
    const mounted = await repeat(runs, async () => (await runTuiChild('load', count, 1)).maxRss / MB);
    const label = count.toLocaleString('en-US');
    const text = textSize(count);
    const allowance = median(bare) + 2 * text;
    return [
      { group: 'memory', name: `peak RSS, bare eventsource consumer, ${label} entries (floor)`, value: median(consumer), unit: 'MB', spread: spread(consumer) },
      {
        group: 'memory',
        name: `peak RSS, pipe mode, ${label} entries`,
        value: median(pipe),
        unit: 'MB',
        spread: spread(pipe),
        ratio: median(pipe) / median(consumer),
        baseline: 'of bare consumer',
        target: '<= 1.5x bare consumer',
        met: median(pipe) <= 1.5 * median(consumer),
      },
      { group: 'memory', name: `peak RSS, bare Ink app holding ${label} entries as pre-cut rows (pty, floor)`, value: median(bare), unit: 'MB', spread: spread(bare), note: `the entries' own text is ${text.toFixed(0)} MB as UTF-16` },
      {
        group: 'memory',
        name: `peak RSS, TUI (livetail URL in a pty), ${label} entries`,
        value: median(tui),
        unit: 'MB',
        spread: spread(tui),
        ratio: median(tui) / median(bare),
        baseline: 'of bare Ink app',
        target: `<= bare + 2x text (${allowance.toFixed(0)} MB)`,
        met: median(tui) <= allowance,
      },
      {
        group: 'memory',
        name: `peak RSS, TUI app mounted on a fake terminal, ${label} entries`,
        value: median(mounted),
        unit: 'MB',
        spread: spread(mounted),
        note: 'entries handed to the app already parsed (no connection, no SSE parsing), as the screen figures above',
      },
    ];
  } finally {
    await server.close();
  }
}
