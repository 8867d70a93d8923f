import { runTuiChild } from './memory.js';

/**
 * The screen left open: `perSecond` new entries for `seconds`, keeping at most 5,000. Memory
 * must level off: compares the heap after the first fifth of the run with the end.
 */
export async function runSoakBench({ seconds = 600, perSecond = 100, maxEntries = 5000 } = {}) {
  const { samples } = await runTuiChild('soak', seconds, perSecond, maxEntries);
  const settled = samples[Math.floor(samples.length / 5)];
  const last = samples.at(-1);
  const MB = 1024 * 1024;
  const growth = ((last.heap - settled.heap) / settled.heap) * 100;
  return [
    {
      group: 'soak',
      name: `${seconds} s at ${perSecond} entries/s, --max-entries ${maxEntries}: heap after ${settled.seconds} s → end`,
      value: last.heap / MB,
      unit: 'MB heap',
      spread: 0,
      note: `${(settled.heap / MB).toFixed(0)} → ${(last.heap / MB).toFixed(0)} MB heap, RSS ${(settled.rss / MB).toFixed(0)} → ${(last.rss / MB).toFixed(0)} MB; heap every ${samples[0].seconds} s: ${samples.map((sample) => (sample.heap / MB).toFixed(0)).join(' ')}`,
      target: 'no growth (< 10%)',
      met: growth < 10,
    },
  ];
}
