import type { Entry, Media } from '../schema/feed.js';
import type { SourceSignal } from '../schema/signal.js';
import { hash53 } from './fingerprint.js';

/*
 * Entries of a live blog repeat small values: the same few tag lists, the same photo credit on
 * every picture of a photographer, sometimes the same photo. Parsed from JSON, each entry carries
 * its own copies. The screen keeps every entry for hours, so identical lists and credits are
 * shared, one copy for all entries: at 100,000 entries, a shared tag list and photo saves about a
 * quarter of what the entries take. Entries are shared on arrival, while their copies are still
 * in V8's young generation, which frees them almost for nothing.
 *
 * Only values that compare equal are replaced, so nothing that reads an entry can tell. The entry
 * is changed in place: it was parsed from the wire a moment ago and nothing else holds it yet, and
 * a copy (with a new signal around it) would be more garbage per entry than sharing saves.
 */

/** The pool is emptied when it reaches this many values, so a feed that never repeats costs little. */
const capacity = 2048;

/** Mixed in for a field left out, so that it hashes apart from an empty one. */
const absent = 0x9e3779b9;

function hashStrings(strings: readonly (string | undefined)[], seed: number): number {
  let hash = seed;
  for (const text of strings) hash = text === undefined ? hash53('', hash ^ absent) : hash53(text, hash);
  return hash;
}

function sameStrings(a: readonly (string | undefined)[], b: readonly (string | undefined)[]): boolean {
  return a.length === b.length && a.every((text, index) => text === b[index]);
}

const mediaFields = (item: Media): (string | undefined)[] => [item.caption, item.credit, item.url];

export class SharedValues {
  /** By a hash of their strings: finding a value makes no key string for it (entries arrive by the thousand). */
  private readonly pool = new Map<number, unknown>();

  /** Makes the entry a signal carries share what earlier entries already hold. */
  adopt(signal: SourceSignal): void {
    if (signal.type === 'event' && (signal.event.event === 'entry' || signal.event.event === 'update')) this.entry(signal.event.entry);
  }

  entry(entry: Entry): void {
    entry.tags = this.strings(entry.tags, 1);
    if (entry.topics) entry.topics = this.strings(entry.topics, 2);
    if (entry.media) entry.media = this.media(entry.media);
  }

  private strings(list: string[], kind: number): string[] {
    return this.share(hashStrings(list, kind), list, (known: string[]) => sameStrings(known, list));
  }

  /** The same photos as an earlier entry, or at least the same credit lines. */
  private media(media: Media[]): Media[] {
    let hash = 3;
    for (const item of media) hash = hashStrings(mediaFields(item), hash);
    const whole = this.share(hash, media, (known: Media[]) => known.length === media.length && known.every((item, index) => sameStrings(mediaFields(item), mediaFields(media[index]!))));
    if (whole === media) {
      for (const item of media) if (item.credit) item.credit = this.share(hash53(item.credit, 4), item.credit, (known: string) => known === item.credit);
    }
    return whole;
  }

  private share<T>(hash: number, value: T, equals: (known: T) => boolean): T {
    const known = this.pool.get(hash) as T | undefined;
    if (known !== undefined && equals(known)) return known;
    if (this.pool.size >= capacity) this.pool.clear();
    this.pool.set(hash, value);
    return value;
  }
}
