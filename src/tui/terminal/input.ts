import { PassThrough } from 'node:stream';

/** Takes what the terminal sent and returns what key handling may see. */
export type InputFilter = (chunk: string) => string;

/**
 * The stdin Ink reads: the terminal's input after `filter`, which removes what is not keys
 * (late cursor reports, mouse reports). Raw mode and ref/unref go to the real terminal.
 * `detach` stops reading the terminal, so a finished app does not keep the process alive.
 */
export function filteredInput(tty: NodeJS.ReadStream, filter: InputFilter, typedAhead = ''): { stdin: NodeJS.ReadStream; detach: () => void } {
  const stream = new PassThrough({ encoding: 'utf8' });
  const forward = (chunk: Buffer | string): void => {
    const kept = filter(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    if (kept.length > 0) stream.write(kept);
  };
  if (typedAhead.length > 0) stream.write(typedAhead);
  tty.on('data', forward);
  tty.resume();
  const stdin = Object.assign(stream, {
    isTTY: tty.isTTY,
    setRawMode: (mode: boolean) => {
      tty.setRawMode(mode);
      return stdin;
    },
    ref: () => {
      tty.ref();
      return stdin;
    },
    unref: () => {
      tty.unref();
      return stdin;
    },
  }) as unknown as NodeJS.ReadStream;
  return {
    stdin,
    detach: () => {
      tty.off('data', forward);
      tty.pause();
    },
  };
}

/**
 * The Delete key (`ESC [3~`) as Ctrl-D, which erases at the cursor as in readline: Ink reports
 * both Delete and Backspace (DEL) as `delete`, so the key itself cannot be told apart later.
 */
export function deleteKeyAsCtrlD(chunk: string): string {
  return chunk.replaceAll('\u001b[3~', '\u0004');
}

/** Input as text chunks, for the probe (which runs before Ink reads anything). */
export function onTerminalInput(tty: NodeJS.ReadStream): (listener: (chunk: string) => void) => () => void {
  return (listener) => {
    const onData = (chunk: Buffer | string): void => listener(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    tty.on('data', onData);
    tty.resume();
    return () => {
      tty.off('data', onData);
      tty.pause();
    };
  };
}
