import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

/*
 * One streaming GET over node:http(s), redirects followed. Not fetch(): Node 20 compiles fetch's
 * implementation (undici) on first use, about 30 ms on the way to the first frame, while node:http
 * comes with Node's own startup code. What fetch did that a feed needs is kept: redirects (with
 * credentials never following to another origin), abort, and decoding a compressed body.
 */

export interface StreamResponse {
  readonly status: number;
  /** Where the answer came from, after redirects: relative links resolve against it. */
  readonly url: string;
  /** A response header (case-insensitive), or null. */
  header(name: string): string | null;
  /** The (decoded) body, chunk by chunk. Ends with an error when aborted. */
  readonly body: AsyncIterable<Uint8Array>;
  /** Drops the connection without reading the body. */
  cancel(): void;
}

export interface StreamRequest {
  readonly headers: Readonly<Record<string, string>>;
  readonly signal: AbortSignal;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 20;
/** Headers that carry credentials: dropped when a redirect leads to another origin. */
const credentialHeaders = new Set(['authorization', 'cookie', 'proxy-authorization']);

/** A network failure, with the code of the system error behind it (ECONNREFUSED, …) when known. */
export class NetworkError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

const ignore = (): void => undefined;

const aborted = (): Error => new DOMException('This operation was aborted', 'AbortError');

/*
 * Aborting is done here rather than with http.request's `signal`: that destroys the socket with
 * an error, which the socket emits where nothing listens once a response is under way, and an
 * unheard 'error' event ends the process.
 */
async function requestOnce(url: URL, request: StreamRequest, headers: Record<string, string>): Promise<IncomingMessage> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new NetworkError(`unsupported protocol ${url.protocol}`);
  const { request: send } = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const { signal } = request;
  if (signal.aborted) throw aborted();
  return new Promise((resolve, reject) => {
    let outgoing: ClientRequest;
    const onAbort = (): void => {
      outgoing.destroy();
      reject(aborted());
    };
    try {
      outgoing = send(url, { method: 'GET', headers }, (response) => {
        signal.removeEventListener('abort', onAbort);
        resolve(response);
      });
    } catch (error) {
      reject(new NetworkError((error as Error).message, (error as NodeJS.ErrnoException).code));
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      signal.removeEventListener('abort', onAbort);
      reject(new NetworkError(error.message, error.code));
    });
    outgoing.end();
  });
}

async function decoded(response: IncomingMessage): Promise<Readable> {
  // Errors reach the reader through the body's iterator. One that comes after the reader has
  // stopped reading (a reset once the source was stopped) must not crash the process.
  response.on('error', ignore);
  const encoding = (response.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity') return response;
  const zlib = await import('node:zlib');
  // Sync flushes hand over each event as soon as its bytes are in, not when a block fills.
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH })
      : encoding === 'deflate'
        ? zlib.createInflate({ flush: zlib.constants.Z_SYNC_FLUSH })
        : encoding === 'br'
          ? zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH })
          : undefined;
  if (!decoder) {
    response.destroy();
    throw new NetworkError(`unsupported content-encoding ${encoding}`);
  }
  response.on('error', (error) => decoder.destroy(error));
  decoder.on('error', ignore);
  return response.pipe(decoder);
}

/** GETs `location`, following redirects. Rejects with a NetworkError, or an AbortError when aborted. */
export async function openStream(location: string, request: StreamRequest): Promise<StreamResponse> {
  let url = new URL(location);
  let headers: Record<string, string> = { ...request.headers };
  for (let redirects = 0; ; redirects += 1) {
    const response = await requestOnce(url, request, headers);
    const status = response.statusCode ?? 0;
    const next = response.headers.location;
    if (!redirectStatuses.has(status) || next === undefined) {
      const body = await decoded(response);
      // Destroyed without an error: the reader's loop ends, and no 'error' event is left unheard.
      const stop = (): void => {
        body.destroy();
        response.destroy();
      };
      if (request.signal.aborted) stop();
      else {
        request.signal.addEventListener('abort', stop, { once: true });
        body.once('close', () => request.signal.removeEventListener('abort', stop));
      }
      return {
        status,
        url: url.href,
        header: (name) => {
          const value = response.headers[name.toLowerCase()];
          return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
        },
        body,
        cancel: () => body.destroy(),
      };
    }
    response.destroy();
    if (redirects === maxRedirects) throw new NetworkError('too many redirects');
    const target = new URL(next, url);
    if (target.origin !== url.origin) {
      headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !credentialHeaders.has(name.toLowerCase())));
    }
    url = target;
  }
}
