import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from '../../src/sources/sse-parser.js';

/** `stream` cut at the given points (any order, repeats allowed). */
function chunked(stream: string, cuts: readonly number[]): string[] {
  const chunks: string[] = [];
  let last = 0;
  for (const point of [...new Set(cuts)].sort((a, b) => a - b)) {
    chunks.push(stream.slice(last, point));
    last = point;
  }
  chunks.push(stream.slice(last));
  return chunks;
}

const cutsOf = (stream: string) => fc.array(fc.nat(stream.length), { maxLength: 12 });

function collect(chunks: readonly string[], options?: Parameters<typeof createSseParser>[1]) {
  const messages: SseMessage[] = [];
  const ids: string[] = [];
  const retries: number[] = [];
  const oversized: number[] = [];
  const comments: string[] = [];
  const parser = createSseParser(
    {
      onMessage: (message) => messages.push(message),
      onIdChange: (id) => ids.push(id),
      onRetry: (ms) => retries.push(ms),
      onOversized: (length) => oversized.push(length),
      onComment: (text) => comments.push(text),
    },
    options,
  );
  for (const chunk of chunks) parser.feed(chunk);
  return { messages, ids, retries, oversized, comments, parser };
}

describe('SSE parser', () => {
  it('parses events, types, multi-line data and ids', () => {
    const { messages } = collect(['id: 1\nevent: entry\ndata: {"a":1}\n\ndata: x\ndata: y\n\n']);
    expect(messages).toEqual([
      { type: 'entry', data: '{"a":1}', lastEventId: '1' },
      { type: 'message', data: 'x\ny', lastEventId: '1' },
    ]);
  });

  it('keeps the previous id for events without id and resets on an empty id', () => {
    const { messages } = collect(['id: 7\ndata: a\n\ndata: b\n\nid\ndata: c\n\n']);
    expect(messages.map((m) => m.lastEventId)).toEqual(['7', '7', '']);
  });

  it('moves the cursor on an id-only block (unlike eventsource 4.1)', () => {
    const { messages, ids, parser } = collect(['id: 1\ndata: a\n\nid: 5\n\n']);
    expect(messages).toHaveLength(1);
    expect(ids).toEqual(['5']);
    expect(parser.lastEventId).toBe('5');
  });

  it('ignores comments, unknown fields, ids with NUL and bad retry values', () => {
    const { messages, retries, comments } = collect([': hi\nfoo: bar\nid: 1\0\nretry: x\nretry: 2500\ndata: d\n\n']);
    expect(messages).toEqual([{ type: 'message', data: 'd', lastEventId: '' }]);
    expect(retries).toEqual([2500]);
    expect(comments).toEqual(['hi']);
  });

  it('handles CR, CRLF and a BOM, including CRLF split across chunks', () => {
    const { messages } = collect(['\uFEFFdata: a\r', '\n\r\ndata: b\rdata: c\r\r']);
    expect(messages.map((m) => m.data)).toEqual(['a', 'b\nc']);
  });

  it('drops events above the size limit and reports them, then goes on', () => {
    const big = 'x'.repeat(100);
    const { messages, oversized } = collect([`data: ${big}\n\ndata: ${big.slice(0, 10)}`, `${big}\n\ndata: ok\n\n`], { maxEventLength: 50 });
    expect(messages.map((m) => m.data)).toEqual(['ok']);
    expect(oversized).toHaveLength(2);
  });

  it('gives the same messages however the stream is chunked', () => {
    const stream = 'id: 1\r\nevent: entry\ndata: 日本語\n\n: c\nid: 2\ndata: a\r\ndata: b\r\n\r\nid: 3\n\ndata: z\n\n';
    const whole = collect([stream]);
    fc.assert(
      fc.property(cutsOf(stream), (cuts) => {
        const split = collect(chunked(stream, cuts));
        expect(split.messages).toEqual(whole.messages);
        expect(split.ids).toEqual(whole.ids);
      }),
    );
  });

  it('forgets a partial event on reset, including its id: the cursor stays at the last complete event', () => {
    const { messages, parser } = collect(['id: 4\ndata: a\n\nid: 9\ndata: partial']);
    expect(parser.lastEventId).toBe('4');
    expect(parser.reset()).toBe(true);
    parser.feed('data: b\n\n');
    expect(messages.map((m) => [m.data, m.lastEventId])).toEqual([['a', '4'], ['b', '4']]);
  });

  it('reports no unfinished event when a connection ends between events or in a comment', () => {
    expect(collect(['id: 4\ndata: a\n\n']).parser.reset()).toBe(false);
    expect(collect(['data: a\n\n: keepal']).parser.reset()).toBe(false);
  });

  it('reports a block with undecodable bytes instead of dispatching it, and still moves the cursor', () => {
    const invalidAt: string[] = [];
    const messages: SseMessage[] = [];
    const parser = createSseParser({ onMessage: (message) => messages.push(message), onInvalidText: (id) => invalidAt.push(id) });
    parser.feed('id: 1\ndata: {"body":"');
    parser.markInvalidText();
    parser.feed('"}\n\nid: 2\ndata: ok\n\n');
    expect(invalidAt).toEqual(['1']);
    expect(messages).toEqual([{ type: 'message', data: 'ok', lastEventId: '2' }]);
  });

  describe('byte order mark', () => {
    it('strips one BOM at the start of the stream: a second one starts the first field name, as the spec says', () => {
      const stream = '\uFEFF\uFEFFdata: lost\n\ndata: kept\n\n';
      fc.assert(
        fc.property(cutsOf(stream), (cuts) => {
          expect(collect(chunked(stream, cuts)).messages.map((m) => m.data)).toEqual(['kept']);
        }),
      );
    });

    it('never strips a BOM mid-stream, however the stream is chunked', () => {
      const stream = 'data: a\n\n\uFEFFdata: b\n\ndata: c\n\n';
      fc.assert(
        fc.property(cutsOf(stream), (cuts) => {
          expect(collect(chunked(stream, cuts)).messages.map((m) => m.data)).toEqual(['a', 'c']);
        }),
      );
    });

    it('strips a BOM again at the start of each connection (after reset)', () => {
      const { messages, parser } = collect(['\uFEFFdata: a\n\n']);
      parser.reset();
      parser.feed('\uFEFFdata: b\n\n');
      expect(messages.map((m) => m.data)).toEqual(['a', 'b']);
    });

    it('does not strip a BOM that follows undecodable bytes at the start of a stream', () => {
      const messages: SseMessage[] = [];
      const invalidAt: string[] = [];
      const parser = createSseParser({ onMessage: (message) => messages.push(message), onInvalidText: (id) => invalidAt.push(id) });
      parser.markInvalidText();
      // Stripped, the BOM would make this an `id:` line and move the cursor.
      parser.feed('\uFEFFid: 7\n\ndata: next\n\n');
      expect(invalidAt).toEqual(['']);
      expect(messages).toEqual([{ type: 'message', data: 'next', lastEventId: '' }]);
    });
  });

  describe('size limit', () => {
    const limit = { maxEventLength: 50 };
    const long = '長'.repeat(80);

    it('skips only an over-long comment or unknown field line, not the event it is in or the next one', () => {
      const stream = `: ${long}\ndata: first\n\nid: 3\nx-note: ${long}\ndata: second\n\nretry: ${long}\ndata: third\n\n`;
      fc.assert(
        fc.property(cutsOf(stream), (cuts) => {
          const { messages, oversized } = collect(chunked(stream, cuts), limit);
          expect(messages).toEqual([
            { type: 'message', data: 'first', lastEventId: '' },
            { type: 'message', data: 'second', lastEventId: '3' },
            { type: 'message', data: 'third', lastEventId: '3' },
          ]);
          expect(oversized).toEqual([]);
        }),
      );
    });

    it('skips an over-long event as a whole, counted once, and goes on', () => {
      const stream = `event: entry\ndata: ${long}\ndata: more\n\nid: ${long}\ndata: x\n\ndata: ok\n\n`;
      fc.assert(
        fc.property(cutsOf(stream), (cuts) => {
          const { messages, oversized } = collect(chunked(stream, cuts), limit);
          expect(messages.map((m) => m.data)).toEqual(['ok']);
          expect(oversized).toHaveLength(2);
        }),
      );
    });

    it('counts the limit in characters of the data as dispatched: the lines and the line breaks between them', () => {
      fc.assert(
        fc.property(fc.array(fc.nat(30), { minLength: 1, maxLength: 4 }), fc.array(fc.nat(200), { maxLength: 6 }), (lengths, cuts) => {
          const lines = lengths.map((length) => 'あ'.repeat(length));
          const stream = `${lines.map((line) => `data: ${line}\n`).join('')}\n`;
          const { messages, oversized } = collect(chunked(stream, cuts.map((cut) => cut % (stream.length + 1))), limit);
          const length = lines.join('\n').length;
          expect(messages.map((m) => m.data)).toEqual(length <= limit.maxEventLength ? [lines.join('\n')] : []);
          expect(oversized).toHaveLength(length <= limit.maxEventLength ? 0 : 1);
        }),
      );
    });
  });

  describe('activity (what feed returns)', () => {
    it('is true for a chunk carrying data of an event that is not finished yet, and only then', () => {
      const parser = createSseParser({ onMessage: () => undefined });
      expect(parser.feed('id: 1\nevent: entry\n')).toBe(false);
      expect(parser.feed('data: {"id":')).toBe(true);
      expect(parser.feed('"1"')).toBe(true);
      expect(parser.feed('}\n')).toBe(true);
      expect(parser.feed('\n')).toBe(false);
      expect(parser.feed('data: {"whole":true}\n\n')).toBe(false);
      expect(parser.feed(': keepalive\n')).toBe(false);
      expect(parser.feed(': keep')).toBe(false);
      expect(parser.feed('alive\nevent: ping\n\n')).toBe(false);
      expect(parser.feed('da')).toBe(false);
      expect(parser.feed('ta: x')).toBe(true);
    });

    it('is true while an over-long event keeps arriving', () => {
      const parser = createSseParser({ onMessage: () => undefined }, { maxEventLength: 10 });
      expect(parser.feed(`data: ${'x'.repeat(20)}`)).toBe(true);
      expect(parser.feed('x'.repeat(20))).toBe(true);
      expect(parser.feed(`\ndata: ${'x'.repeat(5)}`)).toBe(true);
      expect(parser.feed('\n\n')).toBe(false);
      expect(parser.feed(`: ${'x'.repeat(20)}`)).toBe(false);
    });
  });
});
