/*
 * A URL as it may be shown or stored: stderr, NDJSON `feed`, the header, state.json keys.
 * Credentials in it (userinfo, `?access_token=…`, signed-URL parameters) are replaced by `***`,
 * so a token pasted in a URL never lands in a log, a pipe or a file; the request itself still
 * uses the URL as given.
 */

const secretParameter = /^(access[_-]?token|token|auth|authorization|key|api[_-]?key|apikey|sig|signature|password|passwd|pwd|secret|client[_-]?secret|session|x-amz-(signature|credential|security-token))$|(token|secret|password|apikey|api_key)$/i;

/** The URL with credentials replaced; anything that is not an http(s) URL comes back unchanged. */
export function redactUrl(text: string): string {
  if (!/^https?:\/\//i.test(text)) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  let changed = false;
  if (url.username !== '' || url.password !== '') {
    url.username = '***';
    url.password = '';
    changed = true;
  }
  for (const name of new Set(url.searchParams.keys())) {
    if (!secretParameter.test(name)) continue;
    url.searchParams.set(name, '***');
    changed = true;
  }
  // Unchanged URLs keep their exact spelling (the label a user typed, and the state key it had).
  return changed ? url.href.replaceAll('%2A%2A%2A', '***') : text;
}
