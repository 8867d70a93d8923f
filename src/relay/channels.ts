import { createHash } from 'node:crypto';

/*
 * `--to http://hub/pub/{channel}` with several sources: each source gets a channel name of its
 * own, readable (from its host and path) and stable across runs (a short hash keeps two sources
 * whose names read alike apart). nchan channel ids take [\w-]; so does every other hub's path.
 */

const maxReadable = 40;

export function channelName(source: string): string {
  if (source === '-' || source === 'stdin') return 'stdin';
  let readable: string;
  try {
    const url = new URL(source);
    readable = `${url.hostname}${url.pathname}`;
  } catch {
    readable = source;
  }
  readable = readable.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, maxReadable).replace(/-+$/, '');
  const tag = createHash('sha256').update(source).digest('hex').slice(0, 6);
  return readable === '' ? tag : `${readable}-${tag}`;
}

/** The publisher URL for each source; `{channel}` is required when there are several. */
export function channelUrls(to: string, sources: readonly string[]): string[] | { error: string } {
  const templated = to.includes('{channel}');
  if (!templated) return sources.length === 1 ? [to] : { error: `--to needs {channel} to relay ${sources.length} sources (e.g. http://hub/pub/{channel})` };
  return sources.map((source) => to.replaceAll('{channel}', channelName(source)));
}
