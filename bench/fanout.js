// Fan-out through the hub cluster (issue 16): 1,000 followers, one entry a second and then a
// burst of 1,000, published by `livetail relay` into two nginx + nchan instances sharing Redis.
// Baseline in the same run: the same followers on `livetail serve -` alone.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHubCluster } from './lib/hub-cluster.js';
import { percentile } from './lib/stats.js';

const bin = new URL('../bin/livetail.js', import.meta.url).pathname;
const ticks = Number(process.env.BENCH_FANOUT_TICKS ?? 10);
const burst = 1000;
const followers = 1000;
const clockTicks = 100;

/** CPU seconds and peak RSS (MB) of a process and its children (nginx's master and worker). */
function usage(pid) {
  const pids = [pid, ...readdirSync('/proc').filter((name) => /^\d+$/.test(name)).filter((name) => {
    try {
      return readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(pid);
    } catch {
      return false;
    }
  }).map(Number)];
  let cpu = 0;
  let rss = 0;
  for (const each of pids) {
    try {
      const fields = readFileSync(`/proc/${each}/stat`, 'utf8').split(') ')[1].split(' ');
      cpu += (Number(fields[11]) + Number(fields[12])) / clockTicks;
      const peak = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${each}/status`, 'utf8'));
      rss += peak ? Number(peak[1]) / 1024 : 0;
    } catch {
      // gone
    }
  }
  return { cpu, rss };
}

/** Opens `count` SSE subscriptions spread over `urls`; records arrival minus the entry's send time. */
async function subscribe(urls, count, latencies) {
  const open = [];
  for (let index = 0; index < count; index += 1) {
    open.push(
      new Promise((resolve, reject) => {
        const outgoing = request(urls[index % urls.length], { headers: { Accept: 'text/event-stream' }, agent: false }, (response) => {
          response.setEncoding('utf8');
          let buffer = '';
          response.on('data', (chunk) => {
            const now = Date.now();
            buffer += chunk;
            let end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const block = buffer.slice(0, end);
              buffer = buffer.slice(end + 2);
              const sent = /"sentAt:(\d+):(\w+)"/.exec(block);
              if (sent) latencies[sent[2]].push(now - Number(sent[1]));
            }
          });
          resolve(() => outgoing.destroy());
        });
        outgoing.on('error', reject);
        outgoing.end();
      }),
    );
  }
  return Promise.all(open);
}

function entry(index) {
  return `${JSON.stringify({ event: 'entry', id: `f${index}`, time: new Date().toISOString(), title: `第${index}報`, body: 'ほしぞら港湾サミット（架空）', tags: [`sentAt:${Date.now()}:${index < ticks ? 'steady' : 'burst'}`] })}\n`;
}

/** Feeds `ticks` entries a second apart, then a burst; waits until every follower has all. */
async function drive(input, latencies) {
  const expected = (ticks + burst) * followers;
  const arrived = () => latencies.steady.length + latencies.burst.length;
  for (let index = 0; index < ticks; index += 1) {
    input.write(entry(index));
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  for (let index = 0; index < burst; index += 1) input.write(entry(ticks + index));
  const deadline = Date.now() + 120_000;
  while (arrived() < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return arrived() / expected;
}

function startProcess(args, env = {}) {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  return { child, output: () => out };
}

/** Latency rows, each with its ratio to the baseline's same figure when one is given. */
function latencyRows(name, latencies, delivered, baseline) {
  const rows = [];
  for (const phase of ['steady', 'burst']) {
    for (const p of [50, 99]) {
      const value = percentile(latencies[phase], p);
      const base = baseline && percentile(baseline[phase], p);
      rows.push({
        group: 'fan-out',
        name: `${name}: ${phase === 'steady' ? 'one a second' : `burst of ${burst}`}, p${p}`,
        value,
        unit: 'ms',
        spread: 0,
        ...(base === undefined ? {} : { ratio: value / Math.max(1, base), baseline: `serve p${p}` }),
      });
    }
  }
  rows.at(-1).note = `${(delivered * 100).toFixed(1)}% of ${(ticks + burst) * followers} deliveries arrived`;
  return rows;
}

async function measureServe() {
  const served = startProcess(['serve', '-', '--port', '0']);
  while (!/http:\/\/127\.0\.0\.1:\d+\//.test(served.output())) await new Promise((resolve) => setTimeout(resolve, 20));
  const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(served.output())[0];
  const latencies = { steady: [], burst: [] };
  const closers = await subscribe([url], followers, latencies);
  const delivered = await drive(served.child.stdin, latencies);
  const { cpu, rss } = usage(served.child.pid);
  for (const close of closers) close();
  served.child.kill('SIGTERM');
  return { latencies, delivered, cpu: [{ group: 'fan-out', name: 'serve alone: CPU / peak RSS', value: cpu, unit: 's', spread: 0, note: `serve alone peak RSS ${rss.toFixed(0)} MB` }] };
}

async function measureCluster() {
  const cluster = await startHubCluster();
  const [a, b] = cluster.instances;
  const channel = 'fanout';
  const latencies = { steady: [], burst: [] };
  const closers = await subscribe([`${a.base}/sub/${channel}`, `${b.base}/sub/${channel}`], followers, latencies);
  const relay = startProcess(['relay', '-', '--to', `${b.base}/pub/${channel}`], { LIVETAIL_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'bench-relay-')) });
  const delivered = await drive(relay.child.stdin, latencies);
  const relayUse = usage(relay.child.pid);
  const hubUse = cluster.instances.map((instance) => usage(instance.pid));
  for (const close of closers) close();
  relay.child.stdin.end();
  await new Promise((resolve) => relay.child.once('exit', resolve));
  await cluster.stop();
  return {
    latencies,
    delivered,
    cpu: [
      { group: 'fan-out', name: 'relay: CPU / peak RSS', value: relayUse.cpu, unit: 's', spread: 0, note: `relay peak RSS ${relayUse.rss.toFixed(0)} MB for ${ticks + burst} events` },
      { group: 'fan-out', name: 'nginx ×2: CPU / peak RSS', value: hubUse.reduce((sum, use) => sum + use.cpu, 0), unit: 's', spread: 0, note: `nginx peak RSS ${hubUse.map((use) => use.rss.toFixed(0)).join(' + ')} MB (master + worker each)` },
    ],
  };
}

export async function runFanoutBench() {
  const serve = await measureServe();
  const cluster = await measureCluster();
  return [
    ...latencyRows('serve alone', serve.latencies, serve.delivered),
    ...serve.cpu,
    ...latencyRows('relay → 2 nchan + Redis', cluster.latencies, cluster.delivered, serve.latencies),
    ...cluster.cpu,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { renderTable } = await import('./lib/stats.js');
  const rows = await runFanoutBench();
  console.log(renderTable(rows));
  for (const row of rows.filter((each) => each.note)) console.log(`- ${row.name}: ${row.note}`);
}
