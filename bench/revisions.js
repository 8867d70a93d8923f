// Issue 17: many corrections of one entry must cost what as many distinct entries do (it was
// quadratic: 40,000 corrections took 15 s). The timeline reducer alone, one event per batch as
// a live feed delivers them.
import { median, repeat, spread } from './lib/stats.js';

const time = '2026-11-25T14:00:00+09:00';
const feed = 'http://127.0.0.1:1/bench';

async function reduceMs(count, idOf) {
  const { applySignals, emptyTimeline } = await import('../dist/bench/app.js');
  let timeline = emptyTimeline();
  const started = performance.now();
  for (let index = 0; index < count; index += 1) {
    timeline = applySignals(timeline, [{ type: 'event', feed, event: { event: 'update', entry: { id: idOf(index), time, body: `第${index}版`, tags: [] } } }], index);
  }
  return performance.now() - started;
}

export async function runRevisionsBench({ runs = 3, count = 40_000 } = {}) {
  const distinct = await repeat(runs, () => reduceMs(count, (index) => `e${index}`));
  const corrections = await repeat(runs, () => reduceMs(count, () => 'one'));
  const label = count.toLocaleString('en-US');
  const ratio = median(corrections) / median(distinct);
  return [
    { group: 'timeline', name: `${label} distinct entries, one per batch`, value: median(distinct), unit: 'ms', spread: spread(distinct) },
    {
      group: 'timeline',
      name: `${label} corrections of one entry, one per batch`,
      value: median(corrections),
      unit: 'ms',
      spread: spread(corrections),
      ratio,
      baseline: 'corrections / distinct',
      target: '< 3x (linear)',
      met: ratio < 3,
    },
  ];
}
