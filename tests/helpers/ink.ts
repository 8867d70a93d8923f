import { stripVTControlCharacters } from 'node:util';

/** Lets effects subscribe and Ink repaint (ink-testing-library frames lag input by a tick). */
export async function tick(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Waits until the (colour-stripped) frame satisfies `predicate`; fails with the last frame. */
export async function frameWhere(lastFrame: () => string | undefined, predicate: (frame: string) => boolean, what = 'a frame'): Promise<string> {
  // Generous: a loaded CI machine can be slow, and only a frame that never comes is a failure.
  const deadline = Date.now() + 15_000;
  let frame = '';
  while (Date.now() < deadline) {
    frame = stripVTControlCharacters(lastFrame() ?? '');
    if (predicate(frame)) return frame;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no ${what}; last frame:\n${frame}`);
}

export const keys = {
  down: '\u001b[B',
  up: '\u001b[A',
  pageDown: '\u001b[6~',
  pageUp: '\u001b[5~',
  escape: '\u001b',
} as const;
