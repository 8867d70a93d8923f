import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sseStream } from './lib/entries.js';
import { timeCommand } from './lib/run-process.js';
import { startStreamServer } from './lib/server.js';
import { median, repeat, spread } from './lib/stats.js';

const bin = fileURLToPath(new URL('../bin/livetail.js', import.meta.url));
const bare = fileURLToPath(new URL('./lib/bare-consumer.js', import.meta.url));

/**
 * Ingest: the same stream of `count` entries read by livetail's pipe mode, by a bare eventsource
 * consumer (the floor of what pipe mode must do) and by the curl | sed | jq pipe a user would
 * write. Wall time from process start to exit, so startup counts for everyone.
 */
export async function runIngestBench({ count = 200_000, runs = 3 } = {}) {
  const server = await startStreamServer(sseStream(count));
  const dir = mkdtempSync(join(tmpdir(), 'livetail-bench-'));
  const out = join(dir, 'out.ndjson');
  const env = { ...process.env };
  delete env.CI;
  const measure = async (name, command, args) => {
    const times = await repeat(runs, () => timeCommand(command, args, { env }));
    const lines = readFileSync(out, 'utf8').split('\n').filter(Boolean).length;
    // curl | sed also passes the ready marker's `{}` through: at least every entry must be there.
    if (lines < count) throw new Error(`${name} wrote ${lines} lines, expected ${count}`);
    return times.map((ms) => count / (ms / 1000));
  };
  try {
    const livetail = await measure('livetail', 'bash', ['-c', `"${process.execPath}" "${bin}" "${server.url}" --once --json > "${out}"`]);
    const baseline = await measure('bare', process.execPath, [bare, server.url, out]);
    const shell = await measure('curl|sed|jq', 'bash', ['-c', `curl -sN "${server.url}" | sed -n 's/^data: //p' | jq -c . > "${out}"`]);
    const size = statSync(out).size;
    const row = (name, values, extra) => ({ group: 'ingest', name, value: median(values), unit: 'events/s', spread: spread(values), ...extra });
    return [
      row(`bare eventsource+JSON.parse consumer (${count.toLocaleString('en-US')} entries, ${(server.bytes / 1e6).toFixed(0)} MB)`, baseline, {}),
      row('curl | sed | jq -c', shell, { ratio: median(shell) / median(baseline), baseline: 'of bare' }),
      row('livetail URL --once --json > file', livetail, {
        ratio: median(livetail) / median(baseline),
        baseline: 'of bare',
        target: '>= 1.0x bare, > curl|jq',
        met: median(livetail) >= median(baseline) && median(livetail) > median(shell),
        note: `${(size / 1e6).toFixed(0)} MB written`,
      }),
    ];
  } finally {
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await runIngestBench({ count: Number(process.env.BENCH_COUNT ?? 200_000) });
  console.table(rows);
}
