import type { ReadStream } from 'node:tty';
import { render } from 'ink';
import { App, type AppProps } from './App.js';
import { applyWidthProfile, describeWidths, profileFrom, type AmbiguousWidth } from '../text/index.js';
import { measureTerminal, createReportSwallower } from './terminal/probe.js';
import { deleteKeyAsCtrlD, filteredInput, onTerminalInput } from './terminal/input.js';
import { titleSequence, titleSequences } from './terminal/title.js';
import { HyperlinksContext, detectHyperlinks } from './terminal/hyperlinks.js';
import { createMouseFilter, mouseSequences, type WheelDirection } from './terminal/mouse.js';

const enterAlternateScreen = '\u001b[?1049h';
const leaveAlternateScreen = '\u001b[?1049l';
const showCursor = '\u001b[?25h';

export interface TuiOptions {
  debug: boolean;
  ambiguousWidth: AmbiguousWidth | 'auto';
  /** Mouse wheel reporting (the `mouse` setting). */
  mouse: boolean;
  /** Where keys come from: stdin, or the terminal when stdin is the feed; none off a terminal. */
  keyboard: ReadStream | undefined;
}

/**
 * Runs the full-screen app on the alternate screen and guarantees the reader's terminal comes
 * back on every way out: q, Ctrl-C, SIGTERM/SIGHUP and a crash.
 */
export async function runTui(props: Omit<AppProps, 'interactive' | 'size' | 'writeTerminal' | 'env' | 'setTitle' | 'wheel'>, { debug, ambiguousWidth, mouse, keyboard }: TuiOptions): Promise<number> {
  const stdout = process.stdout;
  // Keys come from stdin, or from the terminal itself when stdin is the feed (`cat x | livetail -`).
  const tty = keyboard;
  const interactive = tty !== undefined;
  const reportMouse = mouse && interactive;
  let restored = false;
  let detachInput = (): void => {};
  const restore = (): void => {
    if (restored) return;
    restored = true;
    detachInput();
    tty?.setRawMode(false);
    stdout.write((reportMouse ? mouseSequences.disable : '') + showCursor + leaveAlternateScreen + titleSequences.restore);
  };
  stdout.write(titleSequences.save + enterAlternateScreen);
  process.on('exit', restore);

  // Before the first frame: how this terminal really draws the characters it disagrees on.
  let typed = '';
  let outstanding = 0;
  let cutOff = '';
  let measuredLine = 'terminal widths: not measured (input is not a terminal)';
  if (tty) {
    tty.setEncoding('utf8');
    const probe = await measureTerminal({ write: (text) => void stdout.write(text), onInput: onTerminalInput(tty) });
    const profile = profileFrom(probe.measured, ambiguousWidth);
    applyWidthProfile(profile);
    ({ typed, outstanding, cutOff } = probe);
    measuredLine = describeWidths(probe.measured, profile);
  } else {
    applyWidthProfile(profileFrom({}, ambiguousWidth));
  }
  const wheelListeners = new Set<(direction: WheelDirection) => void>();
  const swallowReports = createReportSwallower(outstanding, cutOff);
  const takeMouse = createMouseFilter((direction) => wheelListeners.forEach((listener) => listener(direction)));
  const input = tty ? filteredInput(tty, (chunk) => deleteKeyAsCtrlD(takeMouse(swallowReports(chunk))), typed) : undefined;
  if (input) detachInput = input.detach;
  if (reportMouse) stdout.write(mouseSequences.enable);
  const wheel = reportMouse
    ? (listener: (direction: WheelDirection) => void) => {
        wheelListeners.add(listener);
        return () => void wheelListeners.delete(listener);
      }
    : undefined;

  const setTitle = (title: string): void => void stdout.write(titleSequence(title));
  const instance = render(
    <HyperlinksContext.Provider value={detectHyperlinks(process.env)}>
      <App {...props} interactive={interactive} setTitle={setTitle} wheel={wheel} />
    </HyperlinksContext.Provider>,
    {
      exitOnCtrlC: true,
      patchConsole: true,
      ...(input ? { stdin: input.stdin } : {}),
    },
  );

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
  if (debug) process.stderr.write(`livetail: ${measuredLine}\n`);
  // A terminal opened for keys would keep the process alive.
  if (keyboard !== process.stdin) keyboard?.destroy();
  if (crash !== undefined) {
    const error = crash instanceof Error ? crash : new Error(String(crash));
    process.stderr.write(`livetail: ${debug ? error.stack ?? error.message : error.message}\n`);
    return 1;
  }
  return 0;
}
