import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { until } from './until.js';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const bin = fileURLToPath(new URL('../../bin/livetail.js', import.meta.url));

// Tests never read or write the settings of whoever runs them: one scratch folder per test file
// unless a test names its own.
const scratchConfig = mkdtempSync(join(tmpdir(), 'livetail-test-config-'));

/** The environment a user would have, minus CI (Ink draws no frames under CI). */
export function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LIVETAIL_CONFIG_DIR: scratchConfig, ...extra };
  delete env.CI;
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return env;
}

export interface Served {
  readonly url: string;
  readonly process: ChildProcess;
  stderr(): string;
  stop(): Promise<void>;
}

/** Runs the real `livetail serve` and waits for the URL it prints. */
export async function startServe(args: readonly string[], input?: string): Promise<Served> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { env: userEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  if (input !== undefined) child.stdin!.end(input);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
  });
  return {
    url,
    process: child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** Reads the feed's backlog until `ready` as often as needed to see cursor `count` published. */
export async function waitForPublished(url: string, count: number): Promise<void> {
  const published = async (): Promise<boolean> => {
    const response = await fetch(url, { headers: { Accept: 'text/event-stream' } });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('event: ready')) text += decoder.decode((await reader.read()).value, { stream: true });
    await reader.cancel();
    return new RegExp(`^id: ${count}$`, 'm').test(text);
  };
  await until(published, () => `serve did not publish ${count} events`, { limitMs: 10_000, intervalMs: 20 });
}

export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly input?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly uid?: number;
  readonly gid?: number;
}

/** Runs the real `bin/livetail.js` to completion. */
export function runLivetail(args: readonly string[], options: RunOptions = {}): Promise<Finished> {
  return runNode([bin, ...args], options);
}

/** Runs node with these arguments to completion, in a user's environment (as another user with uid/gid). */
export async function runNode(args: readonly string[], { input, env, uid, gid }: RunOptions = {}): Promise<Finished> {
  const child = spawn(process.execPath, args, { env: userEnv(env), stdio: ['pipe', 'pipe', 'pipe'], ...(uid === undefined ? {} : { uid }), ...(gid === undefined ? {} : { gid }) });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin!.on('error', () => undefined);
  child.stdin!.end(input ?? '');
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

export interface Following {
  readonly process: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout holds at least `count` lines (rejects if the process exits first). */
  waitForLines(count: number): Promise<void>;
  /** Sends a signal (default SIGTERM) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the real `bin/livetail.js` as a long-running follower. */
export function startLivetail(args: readonly string[], { env }: { env?: NodeJS.ProcessEnv } = {}): Following {
  const child = spawn(process.execPath, [bin, ...args], { env: userEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = once(child, 'close') as Promise<[number | null]>;
  const lineCount = (): number => stdout.split('\n').length - 1;
  return {
    process: child,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForLines: (count) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (lineCount() < count) return;
          child.stdout!.off('data', check);
          resolve();
        };
        child.stdout!.on('data', check);
        void closed.then(() => reject(new Error(`livetail exited with ${lineCount()} of ${count} lines: ${stderr}`)));
        check();
      }),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const [code] = await closed;
      return code;
    },
  };
}

/** Runs a shell pipeline (bash, pipefail off) and reports each stage's status. */
export async function runShell(script: string): Promise<Finished> {
  const child = spawn('bash', ['-c', script], { env: userEnv({ LIVETAIL_BIN: bin }), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}
