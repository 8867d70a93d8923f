import { runTuiChild } from './memory.js';
import { median, repeat, spread } from './lib/stats.js';

/** The screen under load: catch-up on a backlog and keypress-to-frame latency. */
export async function runTuiBench({ runs = 3 } = {}) {
  const catchUp = await repeat(runs, () => runTuiChild('load', 50_000, 5));
  const keys = await repeat(runs, () => runTuiChild('load', 100_000, 60));
  // Issue 13: history must not slow the screen. 10% of entries corrected 3 times each.
  const corrected = await repeat(runs, () => runTuiChild('load', 100_000, 60, 10));
  const rss = (results) => median(results.map((run) => run.maxRss)) / 2 ** 20;
  const row = (name, values, extra = {}) => ({ group: 'screen', name, value: median(values), unit: 'ms', spread: spread(values), ...extra });
  return [
    row('50,000-entry backlog: time to the frame showing the newest entry', catchUp.map((run) => run.catchUpMs), { target: '< 1000 ms', met: median(catchUp.map((run) => run.catchUpMs)) < 1000 }),
    row('50,000-entry backlog: keypress to next frame while it arrives', catchUp.map((run) => run.duringMedianMs)),
    row('100,000 entries loaded: keypress to frame, median', keys.map((run) => run.keyMedianMs), { target: '< 16 ms', met: median(keys.map((run) => run.keyMedianMs)) < 16 }),
    row('100,000 entries loaded: keypress to frame, p95', keys.map((run) => run.keyP95Ms), { target: '< 33 ms', met: median(keys.map((run) => run.keyP95Ms)) < 33 }),
    row('100,000 entries, 10% corrected 3×: keypress to frame, median', corrected.map((run) => run.keyMedianMs), {
      target: '< 16 ms',
      met: median(corrected.map((run) => run.keyMedianMs)) < 16,
      note: `peak RSS ${rss(corrected).toFixed(0)} MB corrected vs ${rss(keys).toFixed(0)} MB uncorrected (same mounted app)`,
    }),
  ];
}
