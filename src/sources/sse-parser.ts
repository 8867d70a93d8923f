/*
 * A streaming parser for the text/event-stream format (WHATWG HTML, "server-sent events").
 *
 * Written by hand rather than taken from `eventsource-parser` because that parser forgets an
 * `id:` that arrives in a block without `data:` (the spec sets the last event id anyway), and
 * because a follower must survive hostile streams: an event larger than `maxEventLength` is
 * dropped and reported instead of being buffered without bound (an over-long comment or unknown
 * field is skipped alone: it is not part of any event), and line scanning stays linear however
 * the bytes are chunked.
 *
 * The parser alone strips a byte order mark, once per stream (each connection's body is one):
 * the decoder in front of it must keep them, or a second BOM, or one after undecodable bytes,
 * would be stripped too.
 */

export interface SseMessage {
  /** The `event:` field, or `message` when the block had none. */
  readonly type: string;
  readonly data: string;
  /** The last event id in force after this block (the spec's "last event ID" buffer). */
  readonly lastEventId: string;
}

export interface SseParserHandlers {
  onMessage(message: SseMessage): void;
  /** A block that set only `id:` (or an empty `id:`): the cursor moved without an event. */
  onIdChange?(lastEventId: string): void;
  /** A block carried bytes that were not UTF-8 (see `markInvalidText`): skipped, not dispatched. */
  onInvalidText?(lastEventId: string): void;
  onRetry?(milliseconds: number): void;
  onComment?(text: string): void;
  /** An event longer than the limit (its data, or one of its lines) was discarded. */
  onOversized?(length: number): void;
}

export interface SseParser {
  /**
   * Returns whether the chunk carried data of an event that is still unfinished: a stream that
   * sends an event slowly is busy before the event is whole, one that sends only comments or
   * `event: ping` is quiet.
   */
  feed(chunk: string): boolean;
  /** The input had undecodable bytes here: the block they fall in is reported, not dispatched. */
  markInvalidText(): void;
  /**
   * Forget a partial block (call when a connection ends). The last event id stays what the last
   * complete block made it: an `id:` in the unfinished block does not count, or resuming after it
   * would skip the event that never arrived. Returns whether an unfinished event was discarded.
   */
  reset(): boolean;
  readonly lastEventId: string;
}

const LF = 10;
const CR = 13;

/** The longest event (and line) a follower takes, in UTF-16 code units as JavaScript counts them. */
export const followerEventLimit = 4 * 1024 * 1024;

/**
 * What a line is, as far as the limit goes: `data` and `event`/`id` (`content`) lines are part of
 * an event, so an over-long one skips the event; a comment or another field skips only itself.
 */
type LineKind = 'comment' | 'data' | 'content' | 'other';

const eventFieldStarts = ['data:', 'event:', 'id:'] as const;

/** The kind of a line that starts with `start`, or undefined while `start` is too short to tell. */
function lineKindOf(start: string): LineKind | undefined {
  if (start.charCodeAt(0) === 58 /* : */) return 'comment';
  if (start.startsWith('data:')) return 'data';
  if (start.startsWith('event:') || start.startsWith('id:')) return 'content';
  return eventFieldStarts.some((field) => field.startsWith(start)) ? undefined : 'other';
}

export function createSseParser(
  handlers: SseParserHandlers,
  { maxEventLength = followerEventLimit, lastEventId: initialId = '' } = {},
): SseParser {
  // The spec's "last event ID string" (set when a block is dispatched) and its buffer (set by
  // `id:` lines as they are read).
  let lastEventId = initialId;
  let idBuffer = initialId;
  let idChangedInBlock = false;
  let invalidText = false;
  let eventType = '';
  let data: string[] = [];
  let dataLength = 0;
  let oversizedLength = 0;
  let lineFragments: string[] = [];
  let lineLength = 0;
  let lineOversized = false;
  let lineKind: LineKind | undefined;
  let afterCR = false;
  let atStreamStart = true;
  let dataArrived = false;
  // A line may be as long as the longest event it carries: `data: ` and the whole limit.
  const maxLineLength = maxEventLength + 'data: '.length;

  function clearBlock(): void {
    eventType = '';
    data = [];
    dataLength = 0;
    oversizedLength = 0;
    idChangedInBlock = false;
    invalidText = false;
  }

  function dispatch(): void {
    lastEventId = idBuffer;
    if (invalidText) {
      handlers.onInvalidText?.(lastEventId);
    } else if (oversizedLength > 0) {
      handlers.onOversized?.(oversizedLength);
    } else if (data.length > 0) {
      handlers.onMessage({ type: eventType || 'message', data: data.join('\n'), lastEventId });
    } else if (idChangedInBlock) {
      handlers.onIdChange?.(lastEventId);
    }
    clearBlock();
  }

  function processField(line: string): void {
    if (line.length === 0) {
      dispatch();
      return;
    }
    if (line.charCodeAt(0) === 58 /* : */) {
      handlers.onComment?.(line.slice(line.charCodeAt(1) === 32 ? 2 : 1));
      return;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    switch (field) {
      case 'data':
        dataArrived = true;
        // Counted as the event's data will be: the lines' characters and one line break between each two.
        dataLength += data.length > 0 || oversizedLength > 0 ? value.length + 1 : value.length;
        if (dataLength > maxEventLength) {
          oversizedLength = dataLength;
          data = [];
        } else if (oversizedLength === 0) {
          data.push(value);
        } else {
          oversizedLength = dataLength;
        }
        break;
      case 'event':
        eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) {
          idBuffer = value;
          idChangedInBlock = true;
        }
        break;
      case 'retry':
        if (/^\d+$/.test(value)) handlers.onRetry?.(Number(value));
        break;
      default:
        break;
    }
  }

  function endLine(tail: string): void {
    const length = lineLength + tail.length;
    // A line that arrived whole is held to the limit as one that arrived in pieces.
    if (lineOversized || length > maxLineLength) {
      const kind = lineKind ?? lineKindOf(lineFragments.join('') + tail.slice(0, 6));
      if (kind === 'data') dataArrived = true;
      if (kind === 'data' || kind === 'content') {
        oversizedLength = Math.max(oversizedLength, length);
        data = [];
      }
    } else {
      const line = lineFragments.length === 0 ? tail : lineFragments.join('') + tail;
      processField(line);
    }
    lineFragments = [];
    lineLength = 0;
    lineOversized = false;
    lineKind = undefined;
  }

  function keepPartial(fragment: string): void {
    if (fragment.length === 0) return;
    lineLength += fragment.length;
    // Undecided only while the line is a few characters of a field name, so this join is short.
    lineKind ??= lineKindOf(lineFragments.join('') + fragment.slice(0, 6));
    if (lineKind === 'data') dataArrived = true;
    if (lineOversized) return;
    if (lineLength > maxLineLength) {
      lineOversized = true;
      lineFragments = [];
      return;
    }
    lineFragments.push(fragment);
  }

  function scan(chunk: string): void {
    let start = 0;
    if (atStreamStart && chunk.length > 0) {
      atStreamStart = false;
      if (chunk.charCodeAt(0) === 0xfeff) start = 1;
    }
    if (afterCR && start < chunk.length) {
      afterCR = false;
      if (chunk.charCodeAt(start) === LF) start += 1;
    }
    if (chunk.indexOf('\r', start) === -1) {
      // The common case (LF only) gets a loop of its own: V8 optimizes the general loop
      // below about 30 times worse, even when it never finds a CR.
      let lineEnd = chunk.indexOf('\n', start);
      while (lineEnd !== -1) {
        endLine(chunk.slice(start, lineEnd));
        start = lineEnd + 1;
        lineEnd = chunk.indexOf('\n', start);
      }
      keepPartial(chunk.slice(start));
      return;
    }
    // Both indices are kept between lines so each character is scanned once per chunk.
    let nextLF = chunk.indexOf('\n', start);
    let nextCR = chunk.indexOf('\r', start);
    while (start < chunk.length) {
      if (nextLF !== -1 && nextLF < start) nextLF = chunk.indexOf('\n', start);
      if (nextCR !== -1 && nextCR < start) nextCR = chunk.indexOf('\r', start);
      let end: number;
      if (nextLF === -1) end = nextCR;
      else if (nextCR === -1) end = nextLF;
      else end = Math.min(nextLF, nextCR);
      if (end === -1) {
        keepPartial(chunk.slice(start));
        return;
      }
      endLine(chunk.slice(start, end));
      if (chunk.charCodeAt(end) === CR) {
        if (end + 1 === chunk.length) {
          afterCR = true;
          return;
        }
        start = chunk.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
      } else {
        start = end + 1;
      }
    }
  }

  return {
    get lastEventId() {
      return lastEventId;
    },
    feed(chunk: string): boolean {
      dataArrived = false;
      scan(chunk);
      return dataArrived && (data.length > 0 || oversizedLength > 0 || lineKind === 'data');
    },
    markInvalidText(): void {
      invalidText = true;
      // Undecodable bytes come first: a BOM after them is text, not a byte order mark.
      atStreamStart = false;
    },
    reset(): boolean {
      const pendingLine = (lineOversized || lineFragments.length > 0) && lineKind !== 'comment' && lineKind !== 'other';
      const discarded = data.length > 0 || oversizedLength > 0 || invalidText || pendingLine;
      clearBlock();
      idBuffer = lastEventId;
      lineFragments = [];
      lineLength = 0;
      lineOversized = false;
      lineKind = undefined;
      afterCR = false;
      atStreamStart = true;
      return discarded;
    },
  };
}
