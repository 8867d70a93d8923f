import { NetworkError, openStream, type StreamResponse } from '../http-stream.js';
import type { FetchedDocument } from './snapshot.js';

/*
 * One conditional GET of a polled document (a live-blog page, a feed). The validators of the
 * last answer go back verbatim (an ETag's quotes and W/ are part of it); a 304 is the cheap
 * answer the polling is built around.
 */

export interface Validators {
  readonly etag?: string;
  readonly lastModified?: string;
}

export type FetchOutcome =
  | { readonly kind: 'document'; readonly document: FetchedDocument; readonly validators: Validators; readonly maxAgeMs?: number }
  | { readonly kind: 'unchanged'; readonly maxAgeMs?: number }
  | { readonly kind: 'status'; readonly status: number; readonly retryAfter: string | null };

/** Bodies larger than this are not a live blog anyone publishes: refuse rather than hold them. */
export const maxDocumentBytes = 32 * 1024 * 1024;

export function validatorsOf(response: Pick<StreamResponse, 'header'>): Validators {
  const etag = response.header('etag');
  const lastModified = response.header('last-modified');
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}

/** `Cache-Control: max-age` in ms: a floor for the next poll. */
export function maxAgeOf(response: Pick<StreamResponse, 'header'>): number | undefined {
  const match = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(response.header('cache-control') ?? '');
  return match ? Number(match[1]) * 1000 : undefined;
}

/** Reads a whole body, bounded. */
export async function readBody(response: StreamResponse): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of response.body) {
    length += chunk.length;
    if (length > maxDocumentBytes) {
      response.cancel();
      throw new NetworkError(`document larger than ${maxDocumentBytes / 1024 / 1024} MB`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function documentFrom(response: StreamResponse): Promise<FetchOutcome> {
  const maxAgeMs = maxAgeOf(response);
  const body = await readBody(response);
  return {
    kind: 'document',
    document: { body, contentType: response.header('content-type') ?? undefined, url: response.url },
    validators: validatorsOf(response),
    ...(maxAgeMs === undefined ? {} : { maxAgeMs }),
  };
}

export async function fetchDocument(
  url: string,
  { headers, validators, signal, accept }: { headers: Readonly<Record<string, string>>; validators: Validators; signal: AbortSignal; accept: string },
): Promise<FetchOutcome> {
  const conditional: Record<string, string> = { Accept: accept, ...headers };
  if (validators.etag !== undefined) conditional['If-None-Match'] = validators.etag;
  if (validators.lastModified !== undefined) conditional['If-Modified-Since'] = validators.lastModified;
  const response = await openStream(url, { headers: conditional, signal });
  if (response.status === 304) {
    // Read to its empty end, not cancelled: the connection then stays open for the next poll.
    await readBody(response);
    const maxAgeMs = maxAgeOf(response);
    return { kind: 'unchanged', ...(maxAgeMs === undefined ? {} : { maxAgeMs }) };
  }
  if (response.status !== 200) {
    response.cancel();
    return { kind: 'status', status: response.status, retryAfter: response.header('retry-after') };
  }
  return documentFrom(response);
}
