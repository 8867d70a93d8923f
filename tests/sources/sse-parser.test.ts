import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from '../../src/sources/sse-parser.js';

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
      fc.property(fc.array(fc.nat(stream.length), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const chunks: string[] = [];
        let last = 0;
        for (const point of points) {
          chunks.push(stream.slice(last, point));
          last = point;
        }
        chunks.push(stream.slice(last));
        const split = collect(chunks);
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
});
