import { sanitizeLine } from '../text/sanitize.js';
import { once } from 'node:events';
import { serve } from '../serve/index.js';
import { parsePort, parseSpeed } from './numbers.js';
import { UsageError } from './usage.js';

const defaultPort = 8787;

function listenError(error: unknown, host: string, port: number): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new Error(`cannot listen on ${host}:${port}: address already in use`);
  if (code === 'EACCES') return new Error(`cannot listen on ${host}:${port}: permission denied`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new Error(`cannot listen on ${host}: no such local address`);
  return error instanceof Error ? error : new Error(String(error));
}

/** `livetail serve <file|->`: prints the feed URL on stdout, then serves until stopped. */
export async function runServeCommand(values: Record<string, unknown>, positionals: readonly string[]): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('serve needs exactly one input: an NDJSON file, or - for stdin');
  const input = positionals[0]!;
  const host = (values.host as string | undefined) ?? '127.0.0.1';
  const port = parsePort(values.port as string | undefined, defaultPort);
  const speed = parseSpeed(values.speed as string | undefined);
  const label = input === '-' ? 'stdin' : input;
  let skipped = 0;
  let handle;
  try {
    handle = await serve({
      input,
      host,
      port,
      speed,
      loop: values.loop === true,
      onInvalidLine: (invalid) => {
        skipped += 1;
        process.stderr.write(`livetail serve: ${label}: skipped ${sanitizeLine(invalid.message)}\n`);
      },
    });
  } catch (error) {
    throw listenError(error, host, port);
  }
  process.stdout.write(`${handle.url}\n`);
  const stopped = Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM'), once(process, 'SIGHUP')]);
  const failure = handle.done.then(
    () => {
      // Scripts (and our tests) wait for this line to know the whole input is being served.
      const published = handle.log.lastCursor;
      const summary = skipped === 0 ? `all ${published} events published` : `${published} events published, ${skipped} ${skipped === 1 ? 'line' : 'lines'} skipped`;
      process.stderr.write(`livetail serve: ${label}: ${summary}; still serving\n`);
      return new Promise<never>(() => undefined);
    },
    (error: unknown) => error as Error,
  );
  const outcome = await Promise.race([stopped.then(() => undefined), failure]);
  await handle.close();
  if (outcome instanceof Error) {
    process.stderr.write(`livetail serve: ${outcome.message}\n`);
    return 1;
  }
  return 0;
}
