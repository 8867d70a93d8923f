import { Parser } from 'htmlparser2';
import type { JsonObject } from './json-ld.js';

/*
 * schema.org items written as HTML microdata (itemscope, itemtype, itemprop, itemid), read into
 * the shape JSON-LD gives, so a page that has only microdata goes through the same reading of a
 * LiveBlogPosting. Values follow the microdata spec: `content` of a meta, `datetime` of a time,
 * the absolute URL of a link, image or anchor, and for any other element its inner HTML, which the schema
 * values turn into text with paragraphs as they do for JSON-LD's HTML strings. Not read:
 * `itemref` (properties pulled in from elsewhere on the page), which live blogs do not use.
 */

/** Elements whose value is an attribute, and which one (the microdata spec's table). */
const attributeValues: Readonly<Record<string, string>> = {
  meta: 'content',
  audio: 'src', embed: 'src', iframe: 'src', img: 'src', source: 'src', track: 'src', video: 'src',
  a: 'href', area: 'href', link: 'href',
  object: 'data',
  data: 'value', meter: 'value',
};

interface Open {
  /** The item this element starts, if it has itemscope. */
  readonly item?: JsonObject;
  /** For a property whose value is the element's content: its names, owner and where it starts. */
  readonly content?: { readonly names: readonly string[]; readonly owner: JsonObject; readonly start: number };
}

function addValue(item: JsonObject, name: string, value: unknown): void {
  const existing = item[name];
  if (existing === undefined) item[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else item[name] = [existing, value];
}

/** Microdata's URL values (href, src, data, itemid) are absolute: resolved against the page. */
function absolute(value: string, base: string): string {
  try {
    return new URL(value, base).href;
  } catch {
    return value;
  }
}
const urlAttributes = new Set(['href', 'src', 'data']);

const tokens = (value: string | undefined): string[] => (value ?? '').split(/\s+/).filter((token) => token !== '');

/** The page's top-level microdata items, in page order, nested items as property values. */
export function microdataItems(html: string, base: string): JsonObject[] {
  const items: JsonObject[] = [];
  const stack: Open[] = [];
  const owner = (): JsonObject | undefined => stack.findLast((open) => open.item !== undefined)?.item;
  const parser = new Parser({
    onopentag(name, attributes) {
      const names = tokens(attributes.itemprop);
      const parent = owner();
      const property = names.length > 0 && parent !== undefined;
      if ('itemscope' in attributes) {
        const types = tokens(attributes.itemtype);
        const item: JsonObject = {
          ...(types.length > 0 ? { '@type': types.length === 1 ? types[0] : types } : {}),
          ...(attributes.itemid ? { '@id': absolute(attributes.itemid, base) } : {}),
        };
        if (property) for (const each of names) addValue(parent, each, item);
        else items.push(item);
        stack.push({ item });
        return;
      }
      const valueAttribute = attributeValues[name];
      if (property && valueAttribute !== undefined) {
        const value = attributes[valueAttribute] ?? '';
        for (const each of names) addValue(parent, each, urlAttributes.has(valueAttribute) ? absolute(value, base) : value);
      } else if (property && name === 'time' && attributes.datetime !== undefined) {
        for (const each of names) addValue(parent, each, attributes.datetime);
      } else if (property) {
        stack.push({ content: { names, owner: parent, start: parser.endIndex + 1 } });
        return;
      }
      stack.push({});
    },
    onclosetag() {
      const open = stack.pop();
      if (open?.content === undefined) return;
      const value = html.slice(open.content.start, parser.startIndex).trim();
      for (const each of open.content.names) addValue(open.content.owner, each, value);
    },
  });
  parser.write(html);
  parser.end();
  return items;
}
