// `npm run bench`: every figure of issues 6 and 10 in one table. Pass --soak for the 10-minute
// soaks (the screen, then 10 polled sources; `--minutes N` shortens both), --fanout for the hub
// cluster (needs nginx with nchan and redis-server), --quick for fewer runs.
import { cpus, totalmem } from 'node:os';
import { runCorrectionsBench } from './corrections.js';
import { runFanoutBench } from './fanout.js';
import { runIngestBench } from './ingest.js';
import { runLayoutBench } from './layout.js';
import { runPagePollBench } from './page-poll.js';
import { runPollSoakBench } from './poll-soak.js';
import { runMemoryBench } from './memory.js';
import { runRevisionsBench } from './revisions.js';
import { runSoakBench } from './soak.js';
import { runStartupBench } from './startup.js';
import { runTuiBench } from './tui.js';
import { bundleApp } from './lib/bundle-app.js';
import { renderTable } from './lib/stats.js';

const flags = new Set(process.argv.slice(2));
const minutesAt = process.argv.indexOf('--minutes');
const soakMinutes = minutesAt === -1 ? 10 : Number(process.argv[minutesAt + 1]);
if (!(soakMinutes > 0)) throw new Error('--minutes needs a positive number');
const runs = flags.has('--quick') ? 1 : 3;

function layoutRows() {
  return runLayoutBench().map((row) => ({
    group: 'layout',
    name: row.name,
    value: row.median_ms,
    unit: 'ms',
    spread: row.median_ms === 0 ? 0 : (row.spread / row.median_ms) * 50,
    ratio: row.ratio,
    baseline: row.name.includes('100k') ? '100k / 10k' : row.ratio === undefined ? undefined : 'faster than wrap-ansi',
    target: row.name.includes('warm') ? '>= 20x wrap-ansi' : row.name.includes('100k') ? '< 10x' : row.name.includes('cold 10k') ? '0 kinsoku violations' : undefined,
    met: row.name.includes('warm') ? row.ratio >= 20 : row.name.includes('100k') ? row.ratio < 10 : row.name.includes('cold 10k') ? /\b0 kinsoku/.test(row.note) : undefined,
    note: row.note,
  }));
}

const sections = [
  ['layout', async () => layoutRows()],
  ['ingest', () => runIngestBench({ runs })],
  ['page poll', () => runPagePollBench({ runs })],
  ['corrections', () => runCorrectionsBench({ runs })],
  ['screen', () => runTuiBench({ runs })],
  ['memory', () => runMemoryBench({ runs })],
  ['timeline', () => runRevisionsBench({ runs })],
  ['startup', () => runStartupBench({ runs: runs * 4 })],
];
if (flags.has('--fanout')) sections.push(['fan-out', () => runFanoutBench()]);
if (flags.has('--soak')) sections.push(['soak', () => runSoakBench({ seconds: soakMinutes * 60 })], ['poll soak', () => runPollSoakBench({ minutes: soakMinutes })]);

await bundleApp();
const rows = [];
for (const [name, run] of sections) {
  process.stderr.write(`bench: ${name}…\n`);
  rows.push(...(await run()));
}
const notes = rows.filter((row) => row.note).map((row) => `- ${row.group} / ${row.name}: ${row.note}`);
console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${new Date().toISOString().slice(0, 10)}\n`);
console.log(renderTable(rows));
if (notes.length > 0) console.log(`\n${notes.join('\n')}`);
