import { request, type IncomingMessage } from 'node:http';

/*
 * A deliberately small raw SSE reader for tests: one HTTP GET, the body parsed per the SSE
 * spec's line rules (CR, LF, CRLF; `field: value`; blank line dispatches; `:` comments).
 * Waiting is event-driven (`until`), never timed.
 */

export interface RawEvent {
  id: string | undefined;
  event: string;
  data: string;
}

export interface RawStream {
  readonly response: IncomingMessage;
  readonly events: RawEvent[];
  readonly comments: string[];
  readonly retries: number[];
  /** Everything received, in order. */
  text(): string;
  /** Resolves once `predicate` holds (checked after every chunk); rejects if the stream ends first. */
  until(predicate: (stream: RawStream) => boolean): Promise<void>;
  /** Resolves when the server ends the response. */
  ended(): Promise<void>;
  close(): void;
}

export function openRaw(url: string, headers: Record<string, string> = {}): Promise<RawStream> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Accept: 'text/event-stream', ...headers } }, (response) => {
      response.setEncoding('utf8');
      const events: RawEvent[] = [];
      const comments: string[] = [];
      const retries: number[] = [];
      let all = '';
      let buffer = '';
      let id: string | undefined;
      let event = '';
      let data: string[] = [];
      let hasData = false;
      let ended = false;
      const waiters = new Set<() => void>();
      const endWaiters: Array<() => void> = [];

      const line = (text: string): void => {
        if (text === '') {
          if (hasData) events.push({ id, event: event || 'message', data: data.join('\n') });
          event = '';
          data = [];
          hasData = false;
          return;
        }
        if (text.startsWith(':')) {
          comments.push(text.slice(1).trimStart());
          return;
        }
        const colon = text.indexOf(':');
        const field = colon === -1 ? text : text.slice(0, colon);
        let value = colon === -1 ? '' : text.slice(colon + 1);
        if (value.startsWith(' ')) value = value.slice(1);
        if (field === 'id') id = value;
        else if (field === 'event') event = value;
        else if (field === 'data') {
          data.push(value);
          hasData = true;
        } else if (field === 'retry' && /^\d+$/.test(value)) retries.push(Number(value));
      };

      response.on('data', (chunk: string) => {
        all += chunk;
        buffer += chunk;
        for (;;) {
          const match = /\r\n|\r|\n/.exec(buffer);
          if (!match) break;
          // A lone CR at the very end might be the first half of CRLF: wait for more.
          if (match[0] === '\r' && match.index === buffer.length - 1) break;
          line(buffer.slice(0, match.index));
          buffer = buffer.slice(match.index + match[0].length);
        }
        for (const wake of [...waiters]) wake();
      });
      const finish = (): void => {
        if (ended) return;
        ended = true;
        for (const wake of [...waiters]) wake();
        for (const wake of endWaiters) wake();
      };
      response.on('end', finish);
      response.on('close', finish);
      response.on('error', finish);

      const stream: RawStream = {
        response,
        events,
        comments,
        retries,
        text: () => all,
        until(predicate) {
          return new Promise<void>((ok, fail) => {
            const check = (): void => {
              if (predicate(stream)) {
                waiters.delete(check);
                ok();
              } else if (ended) {
                waiters.delete(check);
                fail(new Error(`stream ended before the condition held; received:\n${all}`));
              }
            };
            waiters.add(check);
            check();
          });
        },
        ended() {
          return ended ? Promise.resolve() : new Promise<void>((ok) => endWaiters.push(ok));
        },
        close() {
          req.destroy();
          response.destroy();
        },
      };
      resolve(stream);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Status, headers and body of a plain request. */
export function fetchPlain(
  url: string,
  method = 'GET',
): Promise<{ status: number; headers: IncomingMessage['headers']; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

export const hasReady = (s: RawStream): boolean => s.events.some((e) => e.event === 'ready');
