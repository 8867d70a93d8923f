import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import {
  SSE_KEEPALIVE,
  SSE_READY,
  formatComment,
  formatRetry,
  formatSseEvent,
  followersAccept,
  safeJsonStringify,
} from '../../src/serve/sse-wire.js';
import { createSseParser, followerEventLimit } from '../../src/sources/sse-parser.js';

function parseAll(text: string): { events: EventSourceMessage[]; comments: string[] } {
  const events: EventSourceMessage[] = [];
  const comments: string[] = [];
  const parser = createParser({ onEvent: (e) => events.push(e), onComment: (c) => comments.push(c) });
  parser.feed(text);
  return { events, comments };
}

describe('formatSseEvent', () => {
  it('writes id, event and one data line, then a blank line', () => {
    expect(formatSseEvent(42, 'entry', '{"id":"a"}')).toBe('id: 42\nevent: entry\ndata: {"id":"a"}\n\n');
  });

  it('splits data on LF, CRLF and CR into several data: lines', () => {
    expect(formatSseEvent(1, 'entry', 'a\nb\r\nc\rd')).toBe(
      'id: 1\nevent: entry\ndata: a\ndata: b\ndata: c\ndata: d\n\n',
    );
    expect(formatSseEvent(1, 'entry', '')).toBe('id: 1\nevent: entry\ndata: \n\n');
    expect(formatSseEvent(1, 'entry', 'x\n')).toBe('id: 1\nevent: entry\ndata: x\ndata: \n\n');
  });

  it('rejects names that would break the framing and bad cursors', () => {
    expect(() => formatSseEvent(1, 'entry\nid: 9', '{}')).toThrow(TypeError);
    expect(() => formatSseEvent(1, '', '{}')).toThrow(TypeError);
    expect(() => formatSseEvent(-1, 'entry', '{}')).toThrow(RangeError);
    expect(() => formatSseEvent(1.5, 'entry', '{}')).toThrow(RangeError);
  });

  it('round-trips through an independent SSE parser for any data', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1e9 }),
        fc.constantFrom('entry', 'update', 'delete', 'blog'),
        fc.string({ unit: 'grapheme-composite' }),
        fc.array(fc.constantFrom('\n', '\r\n', '\r', 'x', ' ', ':', 'data: y')),
        (cursor, name, text, breaks) => {
          const data = text + breaks.join('');
          const { events } = parseAll(formatSseEvent(cursor, name, data));
          expect(events).toHaveLength(1);
          expect(events[0]!.id).toBe(String(cursor));
          expect(events[0]!.event).toBe(name);
          expect(events[0]!.data).toBe(data.replace(/\r\n|\r/g, '\n'));
        },
      ),
    );
  });
});

describe('markers', () => {
  it('ready is an event without id and with data {}', () => {
    expect(SSE_READY).toBe('event: ready\ndata: {}\n\n');
    const { events } = parseAll(SSE_READY);
    expect(events).toEqual([{ id: undefined, event: 'ready', data: '{}' }]);
  });

  it('keepalive and comments are comments only', () => {
    expect(SSE_KEEPALIVE.startsWith(':')).toBe(true);
    expect(parseAll(SSE_KEEPALIVE)).toEqual({ events: [], comments: ['keepalive'] });
    expect(parseAll(formatComment('a\nb')).events).toEqual([]);
    expect(parseAll(formatComment('a\nb')).comments).toEqual(['a', 'b']);
  });

  it('retry block', () => {
    expect(formatRetry()).toBe('retry: 2000\n\n');
    expect(formatRetry(500)).toBe('retry: 500\n\n');
  });
});

describe('safeJsonStringify', () => {
  it('escapes ESC, C1, bidi controls and line separators; the value is unchanged', () => {
    const value = { t: 'a\u001b[2Jb\u009b31m\u202eevil\u2066x\u2028y\u0000z\u007f' };
    const json = safeJsonStringify(value);
    expect(json).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
    expect(json).toContain('\\u009b');
    expect(json).toContain('\\u202e');
    expect(JSON.parse(json)).toEqual(value);
  });

  it('never emits raw control characters, for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const json = safeJsonStringify({ s });
        expect(json).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
        expect(JSON.parse(json)).toEqual({ s });
      }),
    );
  });
});

describe('followersAccept', () => {
  /** What livetail's own follower does with the event as serve writes it, fed as a network would. */
  function followerTakes(data: string, chunks: (wire: string) => string[]): boolean {
    let taken = false;
    const parser = createSseParser({ onMessage: () => (taken = true) });
    for (const chunk of chunks(formatSseEvent(1, 'entry', data))) parser.feed(chunk);
    return taken;
  }
  const whole = (wire: string): string[] => [wire];
  const networkReads = (wire: string): string[] => Array.from({ length: Math.ceil(wire.length / 65536) }, (_, index) => wire.slice(index * 65536, (index + 1) * 65536));
  /** The longest line arrives whole but for its line end, the read that measures all of it. */
  const cutBeforeLastLineEnd = (wire: string): string[] => [wire.slice(0, -2), wire.slice(-2)];

  it.each([
    ['one line just fitting', 'x'.repeat(followerEventLimit)],
    ['one line a character too long', 'x'.repeat(followerEventLimit + 1)],
    ['CRLF lines that fit once joined with LF', `${'x'.repeat(1000)}\r\n`.repeat(Math.floor(followerEventLimit / 1001))],
    ['well over the limit', '速'.repeat(followerEventLimit + 10)],
    ['several lines within it', `${'x'.repeat(1000)}\n`.repeat(Math.floor(followerEventLimit / 1001))],
    ['several lines over it', `${'x'.repeat(1000)}\n`.repeat(Math.floor(followerEventLimit / 1001) + 1)],
  ])('agrees with the follower: %s', (_name, data) => {
    // Accepted means taken however the bytes arrive.
    const takenAnyway = [whole, networkReads, cutBeforeLastLineEnd].every((chunks) => followerTakes(data, chunks));
    expect(followersAccept(data)).toBe(takenAnyway);
  });

  it('accepts the ordinary and refuses the oversized', () => {
    expect(followersAccept('{"id":"a"}')).toBe(true);
    expect(followersAccept('x'.repeat(followerEventLimit + 1))).toBe(false);
  });
});
