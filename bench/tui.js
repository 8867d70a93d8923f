import { fileURLToPath } from 'node:url';
import { runTuiChild } from './memory.js';
import { sseStream } from './lib/entries.js';
import { timeCommand } from './lib/run-process.js';
import { startStreamServer } from './lib/server.js';
import { median, repeat, spread } from './lib/stats.js';

const bareConsumer = fileURLToPath(new URL('./lib/bare-consumer.js', import.meta.url));

/** Wall time of the bare eventsource consumer reading `count` entries: the floor of any catch-up. */
async function bareReadingTimes(count, runs) {
  const server = await startStreamServer(sseStream(count));
  const env = { ...process.env };
  delete env.CI;
  try {
    return await repeat(runs, () => timeCommand(process.execPath, [bareConsumer, server.url, '/dev/null'], { env }));
  } finally {
    await server.close();
  }
}

/** The screen under load: catch-up on a backlog and keypress-to-frame latency. */
export async function runTuiBench({ runs = 3 } = {}) {
  const catchUp = await repeat(runs, () => runTuiChild('load', 50_000, 5));
  const reading = await bareReadingTimes(50_000, runs);
  const catchUpMedian = median(catchUp.map((run) => run.catchUpMs));
  const keys = await repeat(runs, () => runTuiChild('load', 100_000, 60));
  // Issue 13: history must not slow the screen. 10% of entries corrected 3 times each.
  const corrected = await repeat(runs, () => runTuiChild('load', 100_000, 60, 10));
  const rss = (results) => median(results.map((run) => run.maxRss)) / 2 ** 20;
  const bare = await repeat(runs, () => runTuiChild('bare', 100_000, 60));
  const bareMedian = median(bare.map((run) => run.keyMedianMs));
  const bareP95 = median(bare.map((run) => run.keyP95Ms));
  const keyMedian = median(keys.map((run) => run.keyMedianMs));
  const keyP95 = median(keys.map((run) => run.keyP95Ms));
  const row = (name, values, extra = {}) => ({ group: 'screen', name, value: median(values), unit: 'ms', spread: spread(values), ...extra });
  return [
    row('bare eventsource consumer: 50,000 entries read, process start to exit (floor)', reading),
    row('50,000-entry backlog: time to the frame showing the newest entry', catchUp.map((run) => run.catchUpMs), {
      ratio: catchUpMedian / median(reading),
      baseline: 'of bare consumer',
      target: '<= 2.5x bare consumer',
      met: catchUpMedian <= 2.5 * median(reading),
    }),
    row('50,000-entry backlog: keypress to next frame while it arrives', catchUp.map((run) => run.duringMedianMs)),
    row('bare Ink app, 100,000 entries as pre-cut rows: keypress to frame, median (floor)', bare.map((run) => run.keyMedianMs)),
    row('bare Ink app, 100,000 entries as pre-cut rows: keypress to frame, p95 (floor)', bare.map((run) => run.keyP95Ms)),
    row('100,000 entries loaded: keypress to frame, median', keys.map((run) => run.keyMedianMs), {
      ratio: keyMedian / bareMedian,
      baseline: 'of bare Ink app',
      target: '<= 1.3x bare Ink app',
      met: keyMedian <= 1.3 * bareMedian,
    }),
    row('100,000 entries loaded: keypress to frame, p95', keys.map((run) => run.keyP95Ms), { ratio: keyP95 / bareP95, baseline: 'of bare Ink app' }),
    row('100,000 entries, 10% corrected 3×: keypress to frame, median', corrected.map((run) => run.keyMedianMs), {
      ratio: median(corrected.map((run) => run.keyMedianMs)) / keyMedian,
      baseline: 'of uncorrected',
      target: '<= 1.2x uncorrected',
      met: median(corrected.map((run) => run.keyMedianMs)) <= 1.2 * keyMedian,
      note: `peak RSS ${rss(corrected).toFixed(0)} MB corrected vs ${rss(keys).toFixed(0)} MB uncorrected (same mounted app)`,
    }),
  ];
}
