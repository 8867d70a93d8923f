import type { ReadStream } from 'node:tty';
import { render } from 'ink';
import { App, type AppProps } from './App.js';

const enterAlternateScreen = '\u001b[?1049h';
const leaveAlternateScreen = '\u001b[?1049l';
const showCursor = '\u001b[?25h';

/**
 * Runs the full-screen app on the alternate screen and guarantees the reader's terminal comes
 * back on every way out: q, Ctrl-C, SIGTERM/SIGHUP and a crash.
 */
export async function runTui(
  props: Omit<AppProps, 'interactive' | 'size' | 'writeTerminal' | 'env'>,
  { debug, keyboard }: { debug: boolean; /** Where keys come from: stdin, or the terminal when stdin is the feed. */ keyboard: ReadStream | undefined },
): Promise<number> {
  const stdout = process.stdout;
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    keyboard?.setRawMode(false);
    stdout.write(showCursor + leaveAlternateScreen);
  };
  stdout.write(enterAlternateScreen);
  process.on('exit', restore);

  const interactive = keyboard !== undefined;
  const instance = render(<App {...props} interactive={interactive} />, { exitOnCtrlC: true, patchConsole: true, ...(keyboard ? { stdin: keyboard } : {}) });

  const quit = (): void => instance.unmount();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, quit);
  let crash: unknown;
  const onCrash = (error: unknown): void => {
    crash = error;
    instance.unmount();
  };
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);

  try {
    await instance.waitUntilExit();
  } catch (error) {
    crash ??= error;
  }
  restore();
  // A terminal opened for keys would keep the process alive.
  if (keyboard !== process.stdin) keyboard?.destroy();
  if (crash !== undefined) {
    const error = crash instanceof Error ? crash : new Error(String(crash));
    process.stderr.write(`livetail: ${debug ? error.stack ?? error.message : error.message}\n`);
    return 1;
  }
  return 0;
}
