import type { Entry } from '../schema/feed.js';

/*
 * Compact memory of what was already seen: a 53-bit hash per entry revision instead of the entry
 * itself. With 53 bits, a chance collision among 100,000 revisions is about one in a billion.
 */

/** cyrb53 (public domain): a fast 53-bit string hash, exact in a JavaScript number. */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** One revision of an entry: a replayed event (same content) gets the same fingerprint. */
export function entryFingerprint(entry: Entry): number {
  return hash53(JSON.stringify(entry));
}
