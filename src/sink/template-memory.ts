import type { Entry, FeedEvent } from '../schema/feed.js';
import type { TemplateContext } from '../format/template.js';
import { itemKey } from '../timeline/timeline.js';

/*
 * What `--format` needs to know beyond the event in hand: how often each entry was corrected
 * (`{edited}`), and what a deleted entry said (a delete carries only its id). Kept only when a
 * template is in use, for the most recent entries: the oldest are forgotten past `capacity`.
 */

const defaultCapacity = 100_000;

interface Known {
  readonly entry: Entry;
  readonly edited: number;
}

export class TemplateMemory {
  private readonly known = new Map<string, Known>();

  constructor(private readonly capacity = defaultCapacity) {}

  /** The template's view of an event, or undefined when there is no line to print for it. */
  context(feed: string, event: FeedEvent, timeZone: string | undefined): TemplateContext | undefined {
    if (event.event === 'blog') return undefined;
    if (event.event === 'delete') {
      const key = itemKey(feed, event.id);
      const known = this.known.get(key);
      this.known.delete(key);
      return known && { event: 'delete', feed, entry: known.entry, edited: known.edited, timeZone };
    }
    const key = itemKey(feed, event.entry.id);
    const previous = this.known.get(key);
    const edited = previous ? previous.edited + 1 : event.event === 'update' ? 1 : 0;
    this.known.delete(key);
    this.known.set(key, { entry: event.entry, edited });
    if (this.known.size > this.capacity) this.known.delete(this.known.keys().next().value!);
    return { event: event.event, feed, entry: event.entry, edited, timeZone };
  }
}
