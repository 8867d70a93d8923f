import type { Media } from '../../schema/feed.js';
import { htmlToText } from '../html/html-text.js';
import { isObject, type JsonObject } from './json-ld.js';

/*
 * schema.org values as pages write them: a string or an object or an array of either, HTML and
 * entities inside strings, times with offsets like `+0900` or without seconds.
 */

export function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Text of a value that may hold HTML and entities; one line for headlines. */
export function text(value: unknown, { oneLine = false } = {}): string | undefined {
  if (typeof value !== 'string') return undefined;
  const plain = htmlToText(value);
  const result = oneLine ? plain.replace(/\s*\n+\s*/g, ' ') : plain;
  return result === '' ? undefined : result;
}

/** A name from a string, `{name}` or an array of them (authors, credits). */
export function names(value: unknown): string | undefined {
  const list = asList(value)
    .map((item) => (typeof item === 'string' ? item : isObject(item) ? item.name : undefined))
    .map((name) => text(name, { oneLine: true }))
    .filter((name): name is string => name !== undefined);
  return list.length === 0 ? undefined : [...new Set(list)].join(', ');
}

/**
 * An ISO 8601 time with an offset, as the schema wants, from what pages write: `+0900` becomes
 * `+09:00`, missing seconds are added, a time without a zone is taken as UTC.
 */
export function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(trimmed);
  if (match) {
    const zone = match[4] === undefined ? 'Z' : match[4].toUpperCase() === 'Z' ? 'Z' : match[4].includes(':') ? match[4] : `${match[4].slice(0, 3)}:${match[4].slice(3)}`;
    const candidate = `${match[1]}T${match[2]}${match[3] ?? ':00'}${zone}`;
    return Number.isNaN(Date.parse(candidate)) ? undefined : candidate;
  }
  const parsed = Date.parse(trimmed);
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
}

export function httpUrl(value: unknown, base: string): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Photos from `image`: a URL, an ImageObject, or an array of either. */
export function media(value: unknown, base: string): Media[] {
  const photos: Media[] = [];
  for (const item of asList(value)) {
    if (typeof item === 'string') {
      const url = httpUrl(item, base);
      if (url) photos.push({ caption: '', url });
      continue;
    }
    if (!isObject(item)) continue;
    const image = item as JsonObject;
    const caption = text(image.caption, { oneLine: true }) ?? text(image.description, { oneLine: true }) ?? text(image.name, { oneLine: true }) ?? '';
    const credit = text(image.creditText, { oneLine: true }) ?? names(image.copyrightHolder) ?? names(image.author) ?? names(image.creator);
    const url = httpUrl(image.contentUrl ?? image.url, base);
    if (caption === '' && credit === undefined && url === undefined) continue;
    photos.push({ caption, ...(credit === undefined ? {} : { credit }), ...(url === undefined ? {} : { url }) });
  }
  return photos;
}

/** Keywords as tags: an array, or one comma-separated string. */
export function keywords(value: unknown): string[] {
  const list = asList(value).flatMap((item) => (typeof item === 'string' ? item.split(/[,、，]/) : []));
  return [...new Set(list.map((item) => item.trim()).filter((item) => item !== ''))];
}
