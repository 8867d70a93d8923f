import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '../helpers/until.js';
import { accepting, freePort } from './nginx.js';

/** Redis for the nchan cluster: a child process on a free loopback port, nothing written to disk. */
export interface Redis {
  readonly address: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

export function redisAvailable(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}

export async function startRedis(): Promise<Redis> {
  const directory = mkdtempSync(join(tmpdir(), 'livetail-redis-'));
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', directory], { stdio: 'ignore' });
  await until(
    () => {
      if (child.exitCode !== null) throw new Error(`redis-server exited ${child.exitCode}`);
      return accepting(port);
    },
    () => 'redis-server did not start',
    { limitMs: 10_000, intervalMs: 20 },
  );
  return {
    address: `127.0.0.1:${port}`,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
