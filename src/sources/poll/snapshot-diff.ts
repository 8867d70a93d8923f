import type { Blog, Entry, FeedEvent } from '../../schema/feed.js';
import { sameJson } from './same-json.js';
import type { Snapshot } from './snapshot.js';

/*
 * Consecutive snapshots of a polled document become feed events: an id not seen before is an
 * `entry`, a known id whose content changed is an `update` (a correction), a known id that is
 * gone is a `delete`. Pages list only their newest updates, so an entry older than everything the
 * new snapshot holds has scrolled out of the window rather than been retracted: it is forgotten,
 * not deleted. An empty snapshot deletes nothing (a broken answer must not retract the blog).
 */

interface Known {
  /** The entry as last seen: compared field by field, a JSON fingerprint would copy every body on every poll. */
  readonly entry: Entry;
  /** When the entry was published, epoch ms: decides whether it left the window. */
  readonly time: number;
}

export interface PollState {
  readonly entries: ReadonlyMap<string, Known>;
  readonly blog: string | undefined;
}

export interface DiffedEvent {
  readonly event: FeedEvent;
  /** Where a later run resumes after this event: the newest revision time so far (ISO). */
  readonly cursor: string | undefined;
}

/** When this revision of the entry was made: its correction time, else its publication. */
export function revisionTime(entry: Entry): number {
  const modified = entry.modified === undefined ? Number.NaN : Date.parse(entry.modified);
  return Number.isNaN(modified) ? Date.parse(entry.time) : modified;
}

export const emptyPollState: PollState = { entries: new Map(), blog: undefined };

/**
 * `knownUpTo` (epoch ms, for --resume): on the first snapshot, revisions up to then were printed
 * by an earlier run and only become the baseline.
 */
export function diffSnapshot(previous: PollState, snapshot: Snapshot, { knownUpTo, cursor }: { knownUpTo?: number; cursor?: string } = {}): { events: DiffedEvent[]; state: PollState } {
  const next = new Map<string, Known>();
  const changed: { entry: Entry; kind: 'entry' | 'update'; revision: number }[] = [];
  let oldest = Number.POSITIVE_INFINITY;
  for (const entry of snapshot.entries) {
    const time = Date.parse(entry.time);
    oldest = Math.min(oldest, time);
    next.set(entry.id, { entry, time });
    const known = previous.entries.get(entry.id);
    if (known !== undefined && sameJson(known.entry, entry)) continue;
    const revision = revisionTime(entry);
    if (known === undefined && knownUpTo !== undefined && revision <= knownUpTo) continue;
    changed.push({ entry, kind: known === undefined ? 'entry' : 'update', revision });
  }
  changed.sort((a, b) => a.revision - b.revision);

  const events: DiffedEvent[] = [];
  let newest = cursor === undefined ? Number.NEGATIVE_INFINITY : Date.parse(cursor);
  const blog = snapshot.blog && JSON.stringify(snapshot.blog);
  if (snapshot.blog && blog !== previous.blog) events.push({ event: { event: 'blog', blog: snapshot.blog as Blog }, cursor });
  for (const { entry, kind, revision } of changed) {
    newest = Math.max(newest, revision);
    events.push({ event: { event: kind, entry }, cursor: Number.isFinite(newest) ? new Date(newest).toISOString() : cursor });
  }
  const last = events.at(-1)?.cursor ?? cursor;
  for (const [id, known] of previous.entries) {
    if (next.has(id)) continue;
    if (known.time >= oldest) events.push({ event: { event: 'delete', id }, cursor: last });
  }
  return { events, state: { entries: next, blog: blog ?? previous.blog } };
}
