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
  readonly port: number;
  readonly base: string;
  readonly process: ChildProcess;
  errorLog(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface NginxOptions {
  /** A config template beside this file; @DIR@, @PORT@ and each of `values` are filled in. */
  readonly template?: string;
  /** Listen here (a restart keeps its port); a free one by default. */
  readonly port?: number;
  readonly values?: Readonly<Record<string, string>>;
}

export async function startNginx({ template = 'nginx.conf', port: wanted, values = {} }: NginxOptions = {}): Promise<Nginx> {
  const directory = mkdtempSync(join(tmpdir(), 'livetail-nchan-'));
  // Run as root (CI), nginx's workers switch to an unprivileged user that must reach the folder.
  chmodSync(directory, 0o755);
  const port = wanted ?? (await freePort());
  let text = readFileSync(new URL(`./${template}`, import.meta.url), 'utf8').replaceAll('@DIR@', directory).replaceAll('@PORT@', String(port));
  for (const [name, value] of Object.entries(values)) text = text.replaceAll(`@${name}@`, value);
  const config = join(directory, 'nginx.conf');
  writeFileSync(config, text);
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
    port,
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
