import { stripVTControlCharacters } from 'node:util';
import { until } from './until.js';

/** Lets effects subscribe and Ink repaint (ink-testing-library frames lag input by a tick). */
export async function tick(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Waits until the (colour-stripped) frame satisfies `predicate`; fails with the last frame. */
export async function frameWhere(lastFrame: () => string | undefined, predicate: (frame: string) => boolean, what = 'a frame'): Promise<string> {
  let frame = '';
  await until(
    () => predicate((frame = stripVTControlCharacters(lastFrame() ?? ''))),
    () => `no ${what}; last frame:\n${frame}`,
  );
  return frame;
}

export const keys = {
  down: '\u001b[B',
  up: '\u001b[A',
  pageDown: '\u001b[6~',
  pageUp: '\u001b[5~',
  escape: '\u001b',
} as const;
