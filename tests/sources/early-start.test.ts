import { describe, expect, it } from 'vitest';
import { startEarly } from '../../src/sources/early-start.js';
import type { SourceSignal } from '../../src/schema/signal.js';
import { makeEntry, signal } from '../helpers/entries.js';
import { FakeSource } from '../helpers/fake-source.js';

describe('startEarly', () => {
  it('connects before the consumer starts, then hands over what arrived, in order', () => {
    const inner = new FakeSource('f');
    const early = startEarly(inner);
    expect(inner.emit).toBeDefined();
    inner.send({ type: 'state', feed: 'f', state: { status: 'connected' } }, signal('f', { event: 'entry', entry: makeEntry('1', 0) }));
    const received: SourceSignal[] = [];
    early.start((each) => received.push(each));
    inner.send(signal('f', { event: 'entry', entry: makeEntry('2', 1) }));
    expect(received.map((each) => (each.type === 'event' && each.event.event === 'entry' ? each.event.entry.id : each.type))).toEqual(['state', '1', '2']);
    early.stop();
    expect(inner.stopped).toBe(true);
  });

  it('hands what arrived to the first frame once; start then delivers only what comes after', () => {
    const inner = new FakeSource('f');
    const early = startEarly(inner);
    inner.send(signal('f', { event: 'entry', entry: makeEntry('1', 0) }));
    expect(early.takeArrived().map((each) => each.type)).toEqual(['event']);
    expect(early.takeArrived()).toEqual([]);
    inner.send(signal('f', { event: 'entry', entry: makeEntry('2', 1) }));
    const received: SourceSignal[] = [];
    early.start((each) => received.push(each));
    expect(received.map((each) => (each.type === 'event' && each.event.event === 'entry' ? each.event.entry.id : each.type))).toEqual(['2']);
  });
});
