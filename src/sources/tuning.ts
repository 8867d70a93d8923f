import { defaultBackoff, type BackoffPolicy } from './backoff.js';

/*
 * Test knobs, read from the environment so that end-to-end tests can run the real binary without
 * waiting seconds for a backoff or 45 s for a keepalive timeout. Not part of the command line and
 * not meant for users; README's section for developers lists them.
 *
 *   LIVETAIL_BACKOFF_BASE_MS  first reconnect delay (default 1000)
 *   LIVETAIL_BACKOFF_MAX_MS   cap of the reconnect delay (default 60000)
 *   LIVETAIL_KEEPALIVE_MS     silence that means a dead connection (default 45000)
 */

export interface SourceTuning {
  readonly policy: BackoffPolicy;
  readonly keepaliveTimeoutMs: number;
}

export const defaultKeepaliveTimeoutMs = 45_000;

/** A positive integer from the environment, or the default when unset or not a positive integer. */
function milliseconds(value: string | undefined, fallback: number): number {
  if (value === undefined || !/^\d+$/.test(value.trim())) return fallback;
  const parsed = Number(value.trim());
  return parsed > 0 ? parsed : fallback;
}

export function sourceTuning(env: NodeJS.ProcessEnv): SourceTuning {
  const baseMs = milliseconds(env.LIVETAIL_BACKOFF_BASE_MS, defaultBackoff.baseMs);
  return {
    policy: { baseMs, maxMs: Math.max(baseMs, milliseconds(env.LIVETAIL_BACKOFF_MAX_MS, defaultBackoff.maxMs)) },
    keepaliveTimeoutMs: milliseconds(env.LIVETAIL_KEEPALIVE_MS, defaultKeepaliveTimeoutMs),
  };
}
