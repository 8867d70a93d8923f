/*
 * Reconnect delays: exponential with jitter, capped. A server's `retry:` or `Retry-After` raises
 * the floor (never lowers it), so a hub that asks for patience gets it.
 */

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1000, maxMs: 60_000 };

/**
 * Delay before reconnect attempt `attempt` (1 = first retry). `random` in [0, 1) picks a point in
 * the upper half of the window, so delays still grow while clients spread out.
 */
export function reconnectDelay(
  attempt: number,
  random: number,
  { policy = defaultBackoff, serverMinimumMs = 0 }: { policy?: BackoffPolicy; serverMinimumMs?: number } = {},
): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  const jittered = ceiling / 2 + (ceiling / 2) * Math.min(Math.max(random, 0), 1);
  return Math.round(Math.max(jittered, Math.min(serverMinimumMs, policy.maxMs * 5)));
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
