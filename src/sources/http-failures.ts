/*
 * What an HTTP answer or a network failure means for a source that follows a URL, in the words
 * the reader sees: shared by the SSE source and the polled ones.
 */

/** Answers that no retry will change: the source stops and says why. */
export const permanentStatuses: ReadonlyMap<number, string> = new Map([
  [204, 'feed closed by server (HTTP 204)'],
  [401, 'not authorized (HTTP 401)'],
  [403, 'forbidden (HTTP 403)'],
  [404, 'not found (HTTP 404)'],
  [410, 'feed gone (HTTP 410)'],
]);

export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return 'network error';
  if (error.name === 'AbortError') return 'aborted';
  const code = (error as NodeJS.ErrnoException).code;
  return `network error (${typeof code === 'string' ? code : error.message})`;
}

/** 429 and 5xx: the server asks for patience, not for giving up. */
export function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
