import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNdjsonLine } from '../../src/schema/ndjson.js';
import { runLivetail } from '../helpers/processes.js';

// DEL, C1 (U+009B is a one-byte CSI), bidi controls, line/paragraph separators.
const unsafe = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const hostile = fc.string({ unit: fc.oneof(fc.constantFrom('\u009b', '\u007f', '\u202e', '\u2066', '\u2028', '\u2029', '\u0085'), fc.string({ minLength: 1, maxLength: 1 })) });

describe('NDJSON lines are inert in a terminal', () => {
  it('escape every character JSON.stringify leaves raw, in the payload and the feed label, keeping the value', () => {
    fc.assert(
      fc.property(hostile, hostile, (text, feed) => {
        const payload = { id: 'e1', body: text };
        const line = formatNdjsonLine(feed, { event: 'entry', entry: payload as never });
        expect(unsafe.test(line)).toBe(false);
        expect(JSON.parse(line)).toEqual({ event: 'entry', feed, ...payload });
      }),
    );
  });

  it('holds for what the real binary prints from stdin, blog events included', async () => {
    const input = [
      JSON.stringify({ event: 'blog', id: 'b', title: 'ほしぞら\u009b31m\u202e（架空）', status: 'live' }),
      JSON.stringify({ event: 'entry', id: 'e1', time: '2026-11-25T14:00:00+09:00', title: '速報\u2028', body: '本文\u007f\u2066', tags: [] }),
    ].join('\n');
    const run = await runLivetail(['-', '--json'], { input: `${input}\n` });
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    expect(unsafe.test(run.stdout)).toBe(false);
    expect(JSON.parse(run.stdout.split('\n')[0]!).title).toBe('ほしぞら\u009b31m\u202e（架空）');
  });
});
