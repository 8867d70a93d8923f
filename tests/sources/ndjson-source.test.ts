import { describe, expect, it } from 'vitest';
import { createNdjsonSource } from '../../src/sources/ndjson-source.js';
import type { SourceSignal } from '../../src/schema/signal.js';
import { makeEntry } from '../helpers/entries.js';

/** Runs the source over `chunks` and resolves with every signal once it has ended. */
function signalsOf(chunks: readonly string[]): Promise<SourceSignal[]> {
  const signals: SourceSignal[] = [];
  async function* input(): AsyncGenerator<Uint8Array> {
    for (const chunk of chunks) yield Buffer.from(chunk);
  }
  return new Promise((resolve) => {
    createNdjsonSource(input()).start((signal) => {
      signals.push(signal);
      if (signal.type === 'state' && signal.state.status === 'ended') resolve(signals);
    });
  });
}

describe('NDJSON source', () => {
  it('reports activity for a line that arrives in pieces, and not for whole lines', async () => {
    const line = JSON.stringify({ event: 'entry', ...makeEntry('n-1', 0, { body: '架空の選挙速報：開票率は三割を超えた。' }) });
    const kinds = (await signalsOf([`${line}\n${line.slice(0, 20)}`, line.slice(20, 40), `${line.slice(40)}\n`])).map((signal) => signal.type);
    expect(kinds).toEqual(['state', 'event', 'activity', 'activity', 'event', 'ready', 'state']);
  });
});
