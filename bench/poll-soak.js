// Following 10 polled sources for a long time (issue 10): the real binary in pipe mode follows 5
// live-blog pages and 5 RSS feeds on a local server (its own process, bench/lib/polled-server.js)
// with --every 1s, so 10 minutes make about 6,000 polls, most of them 304s; every 2 s one of the
// documents gains an update and every third change corrects one. The CPU time and RSS of the
// livetail process are read from /proc; RSS must level off.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startPolledServer } from './lib/server.js';

const bin = fileURLToPath(new URL('../bin/livetail.js', import.meta.url));
const MB = 1024 * 1024;
const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));

/** CPU seconds (user + system) and RSS bytes of a process, from /proc. */
function usage(pid) {
  // The command name in parentheses may hold spaces: fields are counted after its `)`.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const cpu = (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
  return { cpu, rss };
}

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  const mx = points.reduce((sum, [x]) => sum + x, 0) / n;
  const my = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxx = points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0) / sxx;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runPollSoakBench({ minutes = 10, sources = 10, changeEveryMs = 2000 } = {}) {
  const server = await startPolledServer(sources, changeEveryMs);
  const env = { ...process.env };
  delete env.CI;
  const child = spawn(process.execPath, [bin, ...server.urls, '--every', '1s', '--json'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let events = 0;
  let updates = 0;
  let blogs = 0;
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop();
    for (const line of lines) {
      events += 1;
      if (line.startsWith('{"event":"update"')) updates += 1;
      else if (line.startsWith('{"event":"blog"')) blogs += 1;
    }
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    // The clock starts once every source has answered (its blog event): startup is not the soak.
    while (blogs < sources) {
      if (child.exitCode !== null) throw new Error(`livetail exited ${child.exitCode}: ${stderr.slice(0, 300)}`);
      await sleep(100);
    }
    const before = await server.counts();
    const seconds = minutes * 60;
    const sampleEvery = Math.max(5, seconds / 40);
    const samples = [];
    for (let elapsed = 0; elapsed <= seconds; elapsed += sampleEvery) {
      if (elapsed > 0) await sleep(sampleEvery * 1000);
      if (child.exitCode !== null) throw new Error(`livetail exited ${child.exitCode}: ${stderr.slice(0, 300)}`);
      samples.push({ seconds: elapsed, ...usage(child.pid) });
    }
    const after = await server.close();
    const polls = after.requests - before.requests;
    const notModified = after.notModified - before.notModified;
    if (updates === 0) throw new Error(`no update reached the output in ${events} events: ${stderr.slice(0, 300)}`);
    const start = samples[0];
    const settled = samples[Math.floor(samples.length / 5)];
    const middle = samples[Math.floor(samples.length / 2)];
    const end = samples.at(-1);
    const perMinute = slope(samples.slice(samples.indexOf(settled)).map((sample) => [sample.seconds / 60, sample.rss / MB]));
    const growth = (end.rss - settled.rss) / settled.rss;
    const label = `${sources} sources (pages and feeds) polled every 1 s for ${minutes} min`;
    const cpu = end.cpu - start.cpu;
    return [
      {
        group: 'poll soak',
        name: `${label}: CPU time`,
        value: cpu,
        unit: 's',
        spread: 0,
        note: `${polls} polls (${notModified} answered 304), ${((cpu * 1000) / polls).toFixed(2)} ms CPU a poll; ${events} events printed, ${updates} of them corrections; ${(cpu / (end.seconds - start.seconds) * 100).toFixed(1)}% of a core`,
      },
      {
        group: 'poll soak',
        name: `${label}: RSS at the end`,
        value: end.rss / MB,
        unit: 'MB',
        spread: 0,
        note: `RSS ${(start.rss / MB).toFixed(1)} MB at the start, ${(middle.rss / MB).toFixed(1)} in the middle, ${(end.rss / MB).toFixed(1)} at the end; slope after the first fifth ${perMinute.toFixed(2)} MB/min; every ${sampleEvery} s: ${samples.map((sample) => (sample.rss / MB).toFixed(0)).join(' ')}`,
        target: 'flat (< 10% from the first fifth to the end)',
        met: growth < 0.1,
      },
    ];
  } finally {
    child.kill('SIGTERM');
    await exited;
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { renderTable } = await import('./lib/stats.js');
  const at = process.argv.indexOf('--minutes');
  const rows = await runPollSoakBench(at === -1 ? {} : { minutes: Number(process.argv[at + 1]) });
  console.log(renderTable(rows));
  for (const row of rows) console.log(`- ${row.name}: ${row.note}`);
}
