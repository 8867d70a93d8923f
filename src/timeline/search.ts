import type { Entry } from '../schema/feed.js';

/*
 * Text search over entries. Both sides are folded with NFKC and lower case, so full-width and
 * half-width forms match (`ＭＤ` finds `MD`, `ｶﾒﾗ` finds `カメラ`) and case does not matter.
 */

export function foldForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

// Folding every entry on every keystroke would cost a full NFKC pass over the timeline; an
// entry object never changes (a correction is a new object), so its folded text is kept.
const foldedEntries = new WeakMap<Entry, string>();

/** Headline, body, tags and photo captions, folded, one field per line. */
export function searchableText(entry: Entry): string {
  let folded = foldedEntries.get(entry);
  if (folded === undefined) {
    const fields = [entry.title ?? '', entry.body, ...entry.tags, ...(entry.media ?? []).map((media) => media.caption)];
    folded = foldForSearch(fields.join('\n'));
    foldedEntries.set(entry, folded);
  }
  return folded;
}

/** True when the entry contains the query; an empty (or blank) query matches everything. */
export function matchesQuery(entry: Entry, query: string): boolean {
  const needle = foldForSearch(query).trim();
  return needle === '' || searchableText(entry).includes(needle);
}
