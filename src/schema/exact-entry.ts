import * as z from 'zod';
import type { Entry } from './entities.js';

/*
 * The hot path of validation. Feeds send hundreds of thousands of entries, and at those rates
 * zod's safeParse costs more than JSON.parse itself. This check accepts only entries that zod
 * would accept and return unchanged: every field known, `body` and `tags` present (zod would fill
 * them in), nothing to strip. Anything else goes through zod, which stays the schema of record
 * and says what is wrong. A property test holds the two together.
 */

const isoDateTime = z.regexes.datetime({ offset: true, local: false });

function isStringArray(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
}

/** Objects of an array whose fields are `required` and `optional` strings, and nothing else. */
function isRecordArray(value: unknown, required: readonly string[], optional: readonly string[]): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
    let found = 0;
    for (const key in item) {
      const known = required.includes(key) || optional.includes(key);
      if (!known || typeof (item as Record<string, unknown>)[key] !== 'string') return false;
      if (required.includes(key)) found += 1;
    }
    if (found !== required.length) return false;
  }
  return true;
}

const mediaRequired = ['caption'];
const mediaOptional = ['credit', 'url'];
const linkRequired = ['title', 'url'];
const linkOptional = ['summary'];

export function isExactEntry(value: unknown): value is Entry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entry = value as Record<string, unknown>;
  let required = 0;
  for (const key in entry) {
    const field = entry[key];
    switch (key) {
      case 'id':
        if (typeof field !== 'string' || field.length === 0) return false;
        required += 1;
        break;
      case 'time':
        if (typeof field !== 'string' || !isoDateTime.test(field)) return false;
        required += 1;
        break;
      case 'body':
        if (typeof field !== 'string') return false;
        required += 1;
        break;
      case 'tags':
        if (!isStringArray(field)) return false;
        required += 1;
        break;
      case 'title':
      case 'url':
      case 'author':
        if (typeof field !== 'string') return false;
        break;
      case 'modified':
        if (typeof field !== 'string' || !isoDateTime.test(field)) return false;
        break;
      case 'topics':
        if (!isStringArray(field)) return false;
        break;
      case 'media':
        if (!isRecordArray(field, mediaRequired, mediaOptional)) return false;
        break;
      case 'links':
        if (!isRecordArray(field, linkRequired, linkOptional)) return false;
        break;
      case 'key':
      case 'pinned':
        if (typeof field !== 'boolean') return false;
        break;
      default:
        return false;
    }
  }
  return required === 4;
}
