import { createHash } from 'node:crypto';
import { entrySchema, type Entry, type Media } from '../../schema/entities.js';
import type { Snapshot } from '../poll/snapshot.js';
import { isLater, normaliseFeedDate } from './feed-dates.js';
import type { FirstSeenClock } from './first-seen.js';

/*
 * What RSS, RDF, Atom and JSON Feed have in common, and the one place that turns it into
 * entries: ids with their fallbacks, dates, text, and the items that cannot be entries (skipped
 * with a notice, never failing the document).
 */

export interface FeedItem {
  /** guid, Atom id, rdf:about, JSON Feed id. */
  readonly id?: string;
  /** The item's permalink, resolved. */
  readonly link?: string;
  /** Plain text. */
  readonly title?: string;
  /** Plain text, paragraphs separated by a blank line. */
  readonly body?: string;
  /** Dates as the feed wrote them. */
  readonly published?: string;
  readonly updated?: string;
  readonly tags: readonly string[];
  readonly media: readonly Media[];
  readonly author?: string;
}

export interface FeedContent {
  readonly title?: string;
  readonly link?: string;
  readonly lang?: string;
  readonly ttlSeconds?: number;
  /** Each item, or why it cannot be one. */
  readonly items: readonly (FeedItem | string)[];
}

/** An id for an item the feed gave none: survives edits of the body, not of the headline. */
function fingerprint(time: string | undefined, text: string | undefined): string {
  const when = time === undefined ? '' : String(Date.parse(time));
  return `feed-item-${createHash('sha256').update(`${when}\n${text ?? ''}`).digest('hex').slice(0, 20)}`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.map((value) => value.trim()).filter((value) => value !== ''))];
}

/** Problems with items, one notice per kind listing the items by position; it reads after "skipped". */
class ItemProblems {
  private readonly byKind = new Map<string, { positions: number[]; example: string | undefined }>();

  /** `kind` names the items `{items}`; `example` (the first is kept) fills `{example}`, e.g. the date as written. */
  add(kind: string, position: number, example?: string): void {
    const problem = this.byKind.get(kind) ?? { positions: [], example };
    problem.positions.push(position);
    this.byKind.set(kind, problem);
  }

  notices(): string[] {
    return [...this.byKind].map(([kind, { positions, example }]) => {
      const listed = positions.slice(0, 5).map((position) => `#${position}`).join(', ');
      const more = positions.length > 5 ? ` and ${positions.length - 5} more` : '';
      const shown = example === undefined ? '' : ` "${example}"`;
      return kind.replace('{items}', `${positions.length} feed item${positions.length === 1 ? '' : 's'}`).replace('{example}', shown) + `: ${listed}${more}`;
    });
  }
}

interface EntryContext {
  readonly feedUrl: string;
  readonly firstSeen: FirstSeenClock;
  readonly problems: ItemProblems;
  readonly position: number;
}

function toEntry(item: FeedItem, context: EntryContext): Entry | undefined {
  const { problems, position } = context;
  if (item.title === undefined && item.body === undefined && item.link === undefined && item.media.length === 0) {
    problems.add('{items} (empty: no title, text, link or media)', position);
    return undefined;
  }
  const published = normaliseFeedDate(item.published);
  const updated = normaliseFeedDate(item.updated);
  const dated = published ?? updated;
  const id = item.id ?? item.link ?? fingerprint(dated, item.title ?? item.body);
  if (dated === undefined) {
    // Not the feed's lastBuildDate: it changes on every rebuild, and with it the entry's time.
    const written = item.published ?? item.updated;
    if (written === undefined) problems.add('the missing date of {items} (timed when first read)', position);
    else problems.add('the unreadable date{example} of {items} (timed when first read)', position, written);
  }
  const candidate = {
    id,
    time: dated ?? context.firstSeen(context.feedUrl, id),
    ...(item.title === undefined ? {} : { title: item.title }),
    body: item.body ?? '',
    tags: unique(item.tags),
    ...(item.media.length === 0 ? {} : { media: item.media }),
    ...(item.link === undefined ? {} : { url: item.link }),
    ...(item.author === undefined ? {} : { author: item.author }),
    ...(updated !== undefined && published !== undefined && isLater(updated, published) ? { modified: updated } : {}),
  };
  const checked = entrySchema.safeParse(candidate);
  if (checked.success) return checked.data;
  problems.add(`{items} (not valid entries: ${checked.error.issues[0]?.message ?? 'invalid'})`, position);
  return undefined;
}

/** The snapshot a feed describes; `documentUrl` names the blog when the feed does not. */
export function feedSnapshot(feed: FeedContent, documentUrl: string, notices: readonly string[], firstSeen: FirstSeenClock): Snapshot {
  const problems = new ItemProblems();
  const entries: Entry[] = [];
  const seen = new Set<string>();
  feed.items.forEach((item, index) => {
    const position = index + 1;
    if (typeof item === 'string') return problems.add(`{items} (${item})`, position);
    const entry = toEntry(item, { feedUrl: documentUrl, firstSeen, problems, position });
    if (entry === undefined) return;
    if (seen.has(entry.id)) return problems.add('{items} (an id already used by an earlier item)', position);
    seen.add(entry.id);
    entries.push(entry);
  });
  const allNotices = [...notices, ...problems.notices()];
  return {
    blog: {
      id: documentUrl,
      title: feed.title ?? documentUrl,
      ...(feed.link === undefined ? {} : { url: feed.link }),
      ...(feed.lang === undefined ? {} : { lang: feed.lang }),
      status: 'live',
    },
    entries,
    ...(feed.ttlSeconds === undefined ? {} : { ttlSeconds: feed.ttlSeconds }),
    ...(allNotices.length === 0 ? {} : { notices: allNotices }),
  };
}
