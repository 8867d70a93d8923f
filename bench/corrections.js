import { fileURLToPath } from 'node:url';
import { sseCorrectionsStream, sseStream } from './lib/entries.js';
import { timeCommand } from './lib/run-process.js';
import { startStreamServer } from './lib/server.js';
import { median, repeat, spread } from './lib/stats.js';

const bin = fileURLToPath(new URL('../bin/livetail.js', import.meta.url));

/**
 * Corrections: `count` revisions of one entry through the pipe against `count` distinct entries.
 * The pipe remembers every revision it printed; if that memory grows by copying or scanning, the
 * corrections run turns quadratic and the ratio climbs far above 1.
 */
export async function runCorrectionsBench({ count = 40_000, runs = 3 } = {}) {
  const env = { ...process.env };
  delete env.CI;
  const time = async (stream) => {
    const server = await startStreamServer(stream);
    try {
      return await repeat(runs, () => timeCommand('bash', ['-c', `"${process.execPath}" "${bin}" "${server.url}" --once --json > /dev/null`], { env }));
    } finally {
      await server.close();
    }
  };
  const distinct = await time(sseStream(count));
  const corrections = await time(sseCorrectionsStream(count));
  const label = count.toLocaleString('en-US');
  return [
    { group: 'corrections', name: `${label} distinct entries through the pipe`, value: median(distinct), unit: 'ms', spread: spread(distinct) },
    {
      group: 'corrections',
      name: `${label} corrections of one entry`,
      value: median(corrections),
      unit: 'ms',
      spread: spread(corrections),
      ratio: median(corrections) / median(distinct),
      baseline: 'of distinct',
      target: '<= 2x distinct',
      met: median(corrections) <= 2 * median(distinct),
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await runCorrectionsBench({ count: Number(process.env.BENCH_COUNT ?? 40_000) }));
}
