import type { Emit } from '../schema/signal.js';
import { reconnectDelay, type BackoffPolicy } from './backoff.js';

/** A wait between polls or reconnects that stopping the source cuts short. */
export interface Pause {
  wait(ms: number): Promise<void>;
  /** Ends the wait in progress, if any, at once. */
  cut(): void;
}

export function createPause(): Pause {
  let cut: (() => void) | undefined;
  return {
    wait: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        function done(): void {
          clearTimeout(timer);
          cut = undefined;
          resolve();
        }
        cut = done;
      }),
    cut: () => cut?.(),
  };
}

export interface Reconnect {
  readonly feed: string;
  readonly attempt: number;
  readonly reason: string;
  /** What the server asked for (`retry:`, `Retry-After`): it raises the delay's floor. */
  readonly serverMinimumMs?: number | undefined;
  readonly policy?: BackoffPolicy | undefined;
  readonly random: () => number;
}

/** Says the source is reconnecting (which attempt, how soon, why) and waits that long, or until stopped. */
export async function waitToReconnect(emit: Emit, pause: Pause, { feed, attempt, reason, serverMinimumMs = 0, policy, random }: Reconnect): Promise<void> {
  const delayMs = reconnectDelay(attempt, random(), { policy, serverMinimumMs });
  emit({ type: 'state', feed, state: { status: 'reconnecting', attempt, delayMs, reason, at: Date.now() } });
  await pause.wait(delayMs);
}
