import type { IncomingMessage } from 'node:http';
import type { FeedEventName } from '../schema/feed.js';
import { parseRetryAfter } from '../sources/backoff.js';

/*
 * The hub side of the relay: one POST per event to a publisher URL (nchan's `nchan_publisher`,
 * or any hub that takes the event's JSON as the body and its name in `X-EventSource-Event`).
 * nchan answers a publish, and a GET of the same URL, with the channel's `last_message_id`:
 * that is how a restarted relay tells whether its last event reached the hub.
 */

export type PublishOutcome =
  | { readonly ok: true; readonly lastMessageId: string | undefined }
  /**
   * `uncertain`: the request may have reached the hub (the connection failed after it was sent):
   * ask the channel before sending the event again.
   */
  | { readonly ok: false; readonly retry: boolean; readonly reason: string; readonly retryAfterMs?: number; readonly uncertain: boolean };

/** What the channel says its newest message is: `absent` for no channel yet, `unknown` when the hub does not say. */
export type ChannelHead = { readonly kind: 'id'; readonly id: string } | { readonly kind: 'absent' } | { readonly kind: 'unknown' };

export interface Hub {
  publish(url: string, event: FeedEventName, body: string): Promise<PublishOutcome>;
  head(url: string): Promise<ChannelHead>;
}

const requestTimeoutMs = 15_000;

interface Answer {
  readonly status: number;
  readonly text: string;
  readonly retryAfter: string | null;
}

class RequestFailed extends Error {
  constructor(
    message: string,
    readonly sent: boolean,
  ) {
    super(message);
  }
}

type Agents = Partial<Record<'http:' | 'https:', import('node:http').Agent>>;

/** Posts go one after another: one kept-alive connection per hub saves a handshake per event. */
async function agentFor(agents: Agents, protocol: 'http:' | 'https:'): Promise<import('node:http').Agent> {
  const module = protocol === 'https:' ? await import('node:https') : await import('node:http');
  return (agents[protocol] ??= new module.Agent({ keepAlive: true, maxSockets: 1 }));
}

async function request(agents: Agents, url: string, method: 'GET' | 'POST', headers: Record<string, string>, body?: string): Promise<Answer> {
  const target = new URL(url);
  const protocol = target.protocol === 'https:' ? 'https:' : 'http:';
  const { request: send } = protocol === 'https:' ? await import('node:https') : await import('node:http');
  const agent = await agentFor(agents, protocol);
  return new Promise((resolve, reject) => {
    let sent = false;
    const outgoing = send(target, { method, headers, agent, timeout: requestTimeoutMs }, (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const retryAfter = response.headers['retry-after'];
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), retryAfter: typeof retryAfter === 'string' ? retryAfter : null });
      });
      response.on('error', (error) => reject(new RequestFailed(error.message, true)));
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer for ${requestTimeoutMs / 1000}s`)));
    outgoing.on('error', (error: NodeJS.ErrnoException) => reject(new RequestFailed(error.code ?? error.message, sent)));
    outgoing.end(body, () => (sent = true));
  });
}

function lastMessageId(text: string): string | undefined {
  try {
    const info = JSON.parse(text) as { last_message_id?: unknown };
    return typeof info.last_message_id === 'string' && info.last_message_id !== '' ? info.last_message_id : undefined;
  } catch {
    return undefined;
  }
}

/** A hub over HTTP; `headers` (credentials) go with every request and never into messages. */
export function createHttpHub(headers: Readonly<Record<string, string>>): Hub & { close(): void } {
  const agents: Agents = {};
  return {
    close() {
      for (const agent of Object.values(agents)) agent.destroy();
    },
    async publish(url, event, body) {
      let answer: Answer;
      try {
        answer = await request(agents, url, 'POST', {
          ...headers,
          Accept: 'application/json',
          'Content-Type': 'application/json; charset=utf-8',
          'X-EventSource-Event': event,
        }, body);
      } catch (error) {
        const failure = error as RequestFailed;
        return { ok: false, retry: true, reason: `network error (${failure.message})`, uncertain: failure.sent };
      }
      if (answer.status >= 200 && answer.status < 300) return { ok: true, lastMessageId: lastMessageId(answer.text) };
      const retryAfterMs = parseRetryAfter(answer.retryAfter, Date.now());
      const retry = answer.status === 429 || answer.status === 408 || answer.status >= 500;
      return { ok: false, retry, reason: `hub answered HTTP ${answer.status}`, uncertain: false, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
    },
    async head(url) {
      try {
        const answer = await request(agents, url, 'GET', { ...headers, Accept: 'application/json' });
        if (answer.status === 404) return { kind: 'absent' };
        const id = answer.status === 200 ? lastMessageId(answer.text) : undefined;
        return id === undefined ? { kind: 'unknown' } : { kind: 'id', id };
      } catch {
        return { kind: 'unknown' };
      }
    },
  };
}
