import type * as z from 'zod';
import { blogSchema, deleteSchema, entrySchema, type Blog, type Entry } from './entities.js';
import { isExactEntry } from './exact-entry.js';

/*
 * Feed events over the one data schema (entities.ts). Everything that crosses a source boundary
 * is validated here; the rest of the program works with these types only.
 */

export { blogSchema, entrySchema, linkSchema, mediaSchema } from './entities.js';
export type { Blog, Entry, Link, Media } from './entities.js';

export type FeedEvent =
  | { readonly event: 'entry'; readonly entry: Entry }
  | { readonly event: 'update'; readonly entry: Entry }
  | { readonly event: 'delete'; readonly id: string }
  | { readonly event: 'blog'; readonly blog: Blog };

export type FeedEventName = FeedEvent['event'];

export const feedEventNames: readonly FeedEventName[] = ['entry', 'update', 'delete', 'blog'];

export function isFeedEventName(name: string): name is FeedEventName {
  return (feedEventNames as readonly string[]).includes(name);
}

export type Validated<T> = { ok: true; value: T } | { ok: false; error: string };

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'event';
  return `${where}: ${issue.message}`;
}

/** Validates the payload of one named event (the JSON object an SSE `data:` line carries). */
export function validateEvent(name: FeedEventName, payload: unknown): Validated<FeedEvent> {
  switch (name) {
    case 'entry':
    case 'update': {
      if (isExactEntry(payload)) return { ok: true, value: { event: name, entry: payload } };
      const parsed = entrySchema.safeParse(payload);
      return parsed.success
        ? { ok: true, value: { event: name, entry: parsed.data } }
        : { ok: false, error: describe(parsed.error) };
    }
    case 'delete': {
      const parsed = deleteSchema.safeParse(payload);
      return parsed.success
        ? { ok: true, value: { event: 'delete', id: parsed.data.id } }
        : { ok: false, error: describe(parsed.error) };
    }
    case 'blog': {
      const parsed = blogSchema.safeParse(payload);
      return parsed.success
        ? { ok: true, value: { event: 'blog', blog: parsed.data } }
        : { ok: false, error: describe(parsed.error) };
    }
  }
}

export type ParsedEvent = Validated<FeedEvent> & {
  /**
   * The payload's JSON text as received, when it is one line and exactly the validated payload:
   * the pipe prints it instead of serializing the event again.
   */
  readonly json?: string;
};

/** Parses JSON text and validates it as the named event. Never throws. */
export function parseEventData(name: FeedEventName, data: string): ParsedEvent {
  let payload: unknown;
  try {
    payload = JSON.parse(data);
  } catch {
    return { ok: false, error: 'not valid JSON' };
  }
  const validated = validateEvent(name, payload);
  // The entry is the parsed payload itself only when it needed no change (the exact-entry path).
  const asReceived = validated.ok && 'entry' in validated.value && validated.value.entry === payload;
  const oneObjectLine = data.charCodeAt(0) === 0x7b && data.indexOf('\n') === -1 && data.indexOf('\r') === -1;
  return asReceived && oneObjectLine ? { ...validated, json: data } : validated;
}

/** The JSON object an event carries on the wire (SSE `data:`), without the event name. */
export function eventPayload(event: FeedEvent): object {
  switch (event.event) {
    case 'entry':
    case 'update':
      return event.entry;
    case 'delete':
      return { id: event.id };
    case 'blog':
      return event.blog;
  }
}
