import { clockParts } from '../../format/clock.js';
import { formatNdjsonLine, ndjsonLine } from '../../schema/ndjson.js';
import { escapeUnsafeJson } from '../../schema/safe-json.js';
import { sanitize, sanitizeLine } from '../../text/index.js';
import type { TimelineItem } from '../../timeline/timeline.js';

/** The entry as plain text for the clipboard (`y`): every field a reader would quote, sanitized. */
export function entryAsText(item: TimelineItem, timeZone: string | undefined): string {
  const { entry } = item;
  const { date, time } = clockParts(item.timeMs, timeZone);
  const lines = [`${date} ${time}${entry.title ? `  ${sanitizeLine(entry.title)}` : ''}`];
  if (entry.body.trim()) lines.push('', sanitize(entry.body.trim()));
  if (entry.tags.length > 0) lines.push('', entry.tags.map((tag) => `#${sanitizeLine(tag)}`).join(' '));
  for (const media of entry.media ?? []) {
    lines.push(`[photo] ${sanitizeLine(media.caption)}${media.credit ? ` (${sanitizeLine(media.credit)})` : ''}`);
  }
  for (const link of entry.links ?? []) lines.push(`${sanitizeLine(link.title)}: ${sanitizeLine(link.url)}`);
  // Quoting an entry in a story needs its source: the permalink and who wrote it.
  const byline = [entry.author ? `— ${sanitizeLine(entry.author)}` : '', entry.url ? sanitizeLine(entry.url) : ''].filter(Boolean).join('  ');
  if (byline) lines.push('', byline);
  return `${lines.join('\n')}\n`;
}

/**
 * The entry as one NDJSON line, the same schema pipe mode prints (`|` and notifyCommand). A
 * correction is an `update`; a retraction a `delete` that still carries what the entry said.
 */
export function entryAsNdjson(item: TimelineItem, event: 'entry' | 'update' | 'delete' = 'entry'): string {
  if (event === 'delete') return `${ndjsonLine(item.feed, 'delete', escapeUnsafeJson(JSON.stringify(item.entry)))}\n`;
  return `${formatNdjsonLine(item.feed, { event, entry: item.entry })}\n`;
}
