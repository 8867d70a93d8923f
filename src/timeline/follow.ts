import type { Entry } from '../schema/feed.js';
import { foldForSearch } from './search.js';

/*
 * Followed topics and muted tags as pure functions. A followed topic matches an entry that
 * carries it as a tag or topic, or mentions it in the headline or body. Comparison is folded
 * like search (NFKC, lower case), so `ｍｄ` followed matches an entry tagged `MD`.
 */

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
  const labels = new Set([...entry.tags, ...(entry.topics ?? [])].map(foldForSearch));
  const text = foldForSearch(`${entry.title ?? ''}\n${entry.body}`);
  return topics.find((topic) => {
    const folded = foldForSearch(topic).trim();
    return folded !== '' && (labels.has(folded) || mentions(text, folded));
  });
}

/** What `f` can follow on an entry: its tags, then its topics, each once. */
export function followCandidates(entry: Entry): string[] {
  return [...new Set([...entry.tags, ...(entry.topics ?? [])])];
}

/** True when the entry carries a muted tag. */
export function isMuted(entry: Entry, mutedTags: readonly string[]): boolean {
  return mutedTags.length > 0 && entry.tags.some((tag) => mutedTags.includes(tag));
}

/** Adds `value` when absent, removes it when present (order of the rest kept). */
export function toggled(list: readonly string[], value: string): string[] {
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
}

/** Adds values not yet in the list, in order, each once. */
export function withAdded(list: readonly string[], values: readonly string[]): string[] {
  return [...new Set([...list, ...values])];
}
