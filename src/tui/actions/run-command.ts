import { spawn } from 'node:child_process';
import { sanitizeLine } from '../../text/index.js';
import { CommandLineError, parseCommandLine } from './command-line.js';

export interface CommandResult {
  /** Exit code, or undefined when the command could not start or died of a signal. */
  readonly code: number | undefined;
  /** One line for the status line: exit status and the last line of output, sanitized. */
  readonly summary: string;
}

const outputLimit = 64 * 1024;

/**
 * Runs a command line (parsed into argv, never given to a shell) with `input` on stdin. Its
 * output is kept (bounded) for the status line, never written to the terminal, which belongs to
 * the full-screen app.
 */
export function runWithInput(commandLine: string, input: string, { timeoutMs = 30_000 } = {}): Promise<CommandResult> {
  let argv: string[];
  try {
    argv = parseCommandLine(commandLine);
  } catch (error) {
    if (error instanceof CommandLineError) return Promise.resolve({ code: undefined, summary: `${commandLine}: ${error.message}` });
    throw error;
  }
  const [program, ...args] = argv;
  if (program === undefined) return Promise.resolve({ code: undefined, summary: 'no command given' });
  return new Promise((resolve) => {
    const child = spawn(program, args, { shell: false, stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-outputLimit);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    // A command that does not read its input (or exits early) must not crash us with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
    child.on('error', (error: NodeJS.ErrnoException) => {
      const why = error.code === 'ENOENT' ? 'command not found' : error.message;
      resolve({ code: undefined, summary: sanitizeLine(`${program}: ${why}`) });
    });
    child.on('close', (code, signal) => {
      const last = output.trimEnd().split('\n').at(-1)?.trim() ?? '';
      const status = code === null ? `killed by ${signal}` : `exit ${code}`;
      resolve({ code: code ?? undefined, summary: sanitizeLine(`${program}: ${status}${last ? ` · ${last}` : ''}`) });
    });
  });
}
