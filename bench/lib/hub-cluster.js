import { spawn } from 'node:child_process';
import { mkdtempSync, chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * The hub cluster the relay tests use (tests/nchan/nginx-redis.conf: two nginx + nchan instances
 * sharing one Redis), started for the fan-out benchmark. The tests' launchers are TypeScript for
 * vitest; the benchmark runs plain Node, so it starts the same processes from the same config.
 */

const template = new URL('../../tests/nchan/nginx-redis.conf', import.meta.url);

async function freePort() {
  const probe = createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function waitForPort(port, child, what) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${what} did not start`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function stopper(child, signal) {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill(signal);
    });
}

export async function startHubCluster() {
  const redisPort = await freePort();
  const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', mkdtempSync(join(tmpdir(), 'bench-redis-'))], { stdio: 'ignore' });
  await waitForPort(redisPort, redis, 'redis-server');
  const instances = [];
  for (let index = 0; index < 2; index += 1) {
    const directory = mkdtempSync(join(tmpdir(), 'bench-nchan-'));
    chmodSync(directory, 0o755);
    const port = await freePort();
    const config = join(directory, 'nginx.conf');
    writeFileSync(config, readFileSync(template, 'utf8').replaceAll('@DIR@', directory).replaceAll('@PORT@', String(port)).replaceAll('@REDIS@', `127.0.0.1:${redisPort}`));
    const child = spawn('nginx', ['-c', config, '-p', `${directory}/`], { stdio: 'ignore' });
    await waitForPort(port, child, 'nginx');
    instances.push({ base: `http://127.0.0.1:${port}`, pid: child.pid, stop: stopper(child, 'SIGQUIT') });
  }
  return {
    instances,
    redisPid: redis.pid,
    async stop() {
      for (const instance of instances) await instance.stop();
      await stopper(redis, 'SIGTERM')();
    },
  };
}
