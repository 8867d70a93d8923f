import type { Entry } from '../schema/feed.js';
import { foldForSearch } from './search.js';

/*
 * Followed topics and muted tags as pure functions. A followed topic matches an entry that
 * carries it as a tag or topic, or mentions it in the headline or body. Every comparison of
 * tags and topics goes through `labelKey` (folded like search: NFKC, lower case), so `ｍｄ`
 * followed matches an entry tagged `MD`, `--tag Flood` keeps `flood`, and `MD` is never kept
 * twice as `ＭＤ`.
 */

/** What a tag or topic is compared by. */
export function labelKey(label: string): string {
  return foldForSearch(label).trim();
}

/** The label in the list that is the same as `label` once folded, if any. */
export function findLabel(list: readonly string[], label: string): string | undefined {
  const key = labelKey(label);
  return list.find((item) => labelKey(item) === key);
}

// Entries share equal tag lists (see shared-values), so one folded copy serves many entries.
const labelKeyLists = new WeakMap<readonly string[], readonly string[]>();

/** The keys of a tag list, remembered per list. */
export function labelKeys(labels: readonly string[]): readonly string[] {
  let keys = labelKeyLists.get(labels);
  if (keys === undefined) {
    keys = labels.map(labelKey);
    labelKeyLists.set(labels, keys);
  }
  return keys;
}

const latinWordChar = /[\p{Script=Latin}0-9]/u;

/** Latin words need boundaries (`MD` must not match `AMD`); CJK text has no spaces to find them by. */
function mentions(text: string, topic: string): boolean {
  for (let at = text.indexOf(topic); at !== -1; at = text.indexOf(topic, at + 1)) {
    const before = text[at - 1] ?? ' ';
    const after = text[at + topic.length] ?? ' ';
    const startsWord = !latinWordChar.test(topic[0]!) || !latinWordChar.test(before);
    const endsWord = !latinWordChar.test(topic.at(-1)!) || !latinWordChar.test(after);
    if (startsWord && endsWord) return true;
  }
  return false;
}

/** The first followed topic the entry matches, or undefined. */
export function followedTopicOf(entry: Entry, topics: readonly string[]): string | undefined {
  if (topics.length === 0) return undefined;
  const labels = new Set([...entry.tags, ...(entry.topics ?? [])].map(labelKey));
  const text = foldForSearch(`${entry.title ?? ''}\n${entry.body}`);
  return topics.find((topic) => {
    const folded = labelKey(topic);
    return folded !== '' && (labels.has(folded) || mentions(text, folded));
  });
}

/** What `f` can follow on an entry: its tags, then its topics, each once. */
export function followCandidates(entry: Entry): string[] {
  return withAdded([], [...entry.tags, ...(entry.topics ?? [])]);
}

/** True when the entry carries any of the tags. */
export function carriesAnyTag(entry: Entry, tags: readonly string[]): boolean {
  if (tags.length === 0) return false;
  // The exact comparison first: it is the common case, and needs no folding.
  if (entry.tags.some((tag) => tags.includes(tag))) return true;
  const wanted = labelKeys(tags);
  return labelKeys(entry.tags).some((key) => wanted.includes(key));
}

/** True when the entry carries a muted tag. */
export function isMuted(entry: Entry, mutedTags: readonly string[]): boolean {
  return carriesAnyTag(entry, mutedTags);
}

/** The list without `value` in any width or case; the rest keep their order. */
export function withRemoved(list: readonly string[], value: string): string[] {
  const key = labelKey(value);
  return list.filter((item) => labelKey(item) !== key);
}

/** Adds `value` when absent, removes it (in any width or case) when present. */
export function toggled(list: readonly string[], value: string): string[] {
  return findLabel(list, value) === undefined ? [...list, value] : withRemoved(list, value);
}

/** Adds values not yet in the list (in any width or case), in order, each once. */
export function withAdded(list: readonly string[], values: readonly string[]): string[] {
  const added = [...list];
  for (const value of values) if (findLabel(added, value) === undefined) added.push(value);
  return added;
}
