import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeedEventName } from '../../src/schema/feed.js';
import type { Source } from '../../src/schema/signal.js';
import type { ChannelHead, Hub, PublishOutcome } from '../../src/relay/hub.js';
import { openJournal } from '../../src/relay/journal.js';
import { runRelay, type RelayedSource } from '../../src/relay/relay.js';

/*
 * The relay against an in-memory hub whose every post can fail in each way a real one does, and
 * a feed that replays from a cursor like an SSE server with Last-Event-ID. "Killing" the relay is
 * aborting it while a post hangs, before or after the hub took the event.
 */

type Behaviour = 'ok' | 'unavailable' | 'lostAnswer' | 'killBeforeDelivery' | 'killAfterDelivery' | 'refused';

class ScriptedHub implements Hub {
  readonly messages: { id: string; event: FeedEventName; body: string }[] = [];
  /** Called when a post hangs: the test kills the relay. */
  onHang: () => void = () => undefined;
  constructor(private readonly script: Behaviour[]) {}

  private deliver(event: FeedEventName, body: string): string {
    const id = `1796:${this.messages.length}`;
    this.messages.push({ id, event, body });
    return id;
  }

  async publish(_url: string, event: FeedEventName, body: string): Promise<PublishOutcome> {
    const behaviour = this.script.shift() ?? 'ok';
    switch (behaviour) {
      case 'ok':
        return { ok: true, lastMessageId: this.deliver(event, body) };
      case 'unavailable':
        return { ok: false, retry: true, reason: 'hub answered HTTP 503', uncertain: false };
      case 'lostAnswer':
        this.deliver(event, body);
        return { ok: false, retry: true, reason: 'network error (ECONNRESET)', uncertain: true };
      case 'refused':
        return { ok: false, retry: false, reason: 'hub answered HTTP 403', uncertain: false };
      case 'killAfterDelivery':
      case 'killBeforeDelivery':
        // The relay dies before it hears the answer, with or without the hub having the event.
        if (behaviour === 'killAfterDelivery') this.deliver(event, body);
        this.onHang();
        return new Promise(() => undefined);
    }
  }

  async head(): Promise<ChannelHead> {
    const last = this.messages.at(-1);
    return last ? { kind: 'id', id: last.id } : { kind: 'absent' };
  }

  entryIds(): string[] {
    return this.messages.filter((message) => message.event === 'entry').map((message) => (JSON.parse(message.body) as { id: string }).id);
  }
}

const feed = 'http://127.0.0.1:1/live';
const entries = Array.from({ length: 12 }, (_, index) => ({
  id: `e${index + 1}`,
  time: `2026-12-01T10:${String(index).padStart(2, '0')}:00+09:00`,
  title: `第${index + 1}報`,
  body: '港湾サミット（架空）',
  tags: [],
}));

/** A feed that sends everything after `cursor` (its ids are 1…n), then ends. */
function replayingSource(cursor: string | undefined): Source {
  let stopped = false;
  return {
    feed,
    start(emit) {
      const from = cursor === undefined ? 0 : Number(cursor);
      void (async () => {
        emit({ type: 'event', feed, event: { event: 'blog', blog: { id: 'b', title: 'ほしぞら港湾サミット（架空）', status: 'live' } } });
        for (let index = from; index < entries.length; index += 1) {
          await new Promise((resolve) => setImmediate(resolve));
          if (stopped) return;
          emit({ type: 'event', feed, event: { event: 'entry', entry: entries[index]! }, cursor: String(index + 1) });
        }
        if (!stopped) emit({ type: 'state', feed, state: { status: 'ended' } });
      })();
    },
    stop() {
      stopped = true;
    },
  };
}

const relayed: RelayedSource = { label: feed, channel: 'http://hub/pub/summit', open: replayingSource, reopenable: true };

async function relayUntilDone(hub: ScriptedHub, journalPath: string, options: { maxHeld?: number } = {}): Promise<{ runs: number; codes: number[]; lines: string[] }> {
  const codes: number[] = [];
  const lines: string[] = [];
  for (let runs = 1; runs <= 50; runs += 1) {
    const journal = openJournal(journalPath);
    const stop = new AbortController();
    hub.onHang = () => setImmediate(() => stop.abort());
    const code = await runRelay({ sources: [relayed], hub, journal, warn: (line) => lines.push(line), stop: stop.signal, sleep: () => new Promise((resolve) => setTimeout(resolve, 0)), ...options });
    journal.close();
    codes.push(code);
    if (!stop.signal.aborted) return { runs, codes, lines };
  }
  throw new Error('the relay never finished');
}

const expectedIds = entries.map((entry) => entry.id);

describe('relay', () => {
  it('publishes every event once, in order, with the blog first', async () => {
    const hub = new ScriptedHub([]);
    const { codes } = await relayUntilDone(hub, join(mkdtempSync(join(tmpdir(), 'relay-')), 'journal.ndjson'));
    expect(codes).toEqual([0]);
    expect(hub.messages[0]!.event).toBe('blog');
    expect(hub.entryIds()).toEqual(expectedIds);
  });

  it('loses and doubles nothing through any mix of hub failures and kills', async () => {
    const behaviour = fc.constantFrom<Behaviour>('ok', 'ok', 'ok', 'unavailable', 'lostAnswer', 'killBeforeDelivery', 'killAfterDelivery');
    await fc.assert(
      fc.asyncProperty(fc.array(behaviour, { maxLength: 40 }), async (script) => {
        const hub = new ScriptedHub(script);
        await relayUntilDone(hub, join(mkdtempSync(join(tmpdir(), 'relay-')), 'journal.ndjson'));
        expect(hub.entryIds()).toEqual(expectedIds);
      }),
      { numRuns: 150 },
    );
  });

  it('retries a hub that is down, saying so, and holds what arrives meanwhile in order', async () => {
    const hub = new ScriptedHub(['ok', 'unavailable', 'unavailable', 'unavailable']);
    const { lines } = await relayUntilDone(hub, join(mkdtempSync(join(tmpdir(), 'relay-')), 'journal.ndjson'));
    expect(hub.entryIds()).toEqual(expectedIds);
    expect(lines.some((line) => line.startsWith('hub: hub answered HTTP 503; retrying'))).toBe(true);
    expect(lines.some((line) => line.startsWith('hub: publishing again'))).toBe(true);
  });

  it('pauses the sources at the bound and resumes them from the journal, losing nothing', async () => {
    const hub = new ScriptedHub(['ok', ...Array<Behaviour>(30).fill('unavailable')]);
    const { lines } = await relayUntilDone(hub, join(mkdtempSync(join(tmpdir(), 'relay-')), 'journal.ndjson'), { maxHeld: 3 });
    expect(lines.some((line) => line.startsWith('hub unreachable: 3 events held; pausing the sources'))).toBe(true);
    expect(hub.entryIds()).toEqual(expectedIds);
  });

  it('stops with exit 1 when the hub refuses an event for good, and the next run publishes it', async () => {
    const journalPath = join(mkdtempSync(join(tmpdir(), 'relay-')), 'journal.ndjson');
    const hub = new ScriptedHub(['ok', 'ok', 'ok', 'refused']);
    const first = await relayUntilDone(hub, journalPath);
    expect(first.codes).toEqual([1]);
    expect(first.lines).toContain('hub: stopped: hub answered HTTP 403 for http://hub/pub/summit');
    expect(hub.entryIds()).toEqual(['e1', 'e2']);
    await relayUntilDone(hub, journalPath);
    expect(hub.entryIds()).toEqual(expectedIds);
  });
});
