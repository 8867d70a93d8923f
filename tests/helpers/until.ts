/**
 * Polls `check` until it holds; past the deadline, fails with `failure()` (say what was last seen).
 * Generous by default: a loaded CI machine can be slow, and only a condition that never comes is a failure.
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  failure: () => string,
  { limitMs = 15_000, intervalMs = 10 }: { limitMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(failure());
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
