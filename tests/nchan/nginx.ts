import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '../helpers/until.js';

/*
 * nginx with the nchan module as an ordinary child process: its own config, pid, logs and temp
 * paths in a fresh folder, a free loopback port, stopped with QUIT (graceful) after the test.
 */

export const nchanModule = '/usr/lib/nginx/modules/ngx_nchan_module.so';

/** nginx and its nchan module are installed (.ci/run installs them). */
export function nchanAvailable(): boolean {
  return existsSync(nchanModule) && spawnSync('nginx', ['-v']).status === 0;
}

export interface Nginx {
  readonly base: string;
  readonly process: ChildProcess;
  errorLog(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startNginx(): Promise<Nginx> {
  const directory = mkdtempSync(join(tmpdir(), 'livetail-nchan-'));
  // Run as root (CI), nginx's workers switch to an unprivileged user that must reach the folder.
  chmodSync(directory, 0o755);
  const port = await freePort();
  const template = readFileSync(new URL('./nginx.conf', import.meta.url), 'utf8');
  const config = join(directory, 'nginx.conf');
  writeFileSync(config, template.replaceAll('@DIR@', directory).replaceAll('@PORT@', String(port)));
  const child = spawn('nginx', ['-c', config, '-p', `${directory}/`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const errorLog = (): string => {
    try {
      return readFileSync(join(directory, 'error.log'), 'utf8');
    } catch {
      return '';
    }
  };
  await until(
    async () => {
      if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}${errorLog()}`);
      return accepting(port);
    },
    () => `nginx did not start: ${stderr}${errorLog()}`,
    { limitMs: 10_000, intervalMs: 20 },
  );
  return {
    base: `http://127.0.0.1:${port}`,
    process: child,
    errorLog,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGQUIT');
      await exited;
    },
  };
}
