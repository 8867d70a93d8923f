import { Parser } from 'htmlparser2';

/*
 * The JSON-LD blocks of an HTML page and the schema.org objects of a type in them, wherever the
 * publisher put them: several blocks, a top-level array, `@graph`, or nested (a WebPage's
 * `mainEntity`). htmlparser2 finds the script elements; the walk is ours.
 */

export type JsonObject = Record<string, unknown>;

/** The text of each `<script type="application/ld+json">`, in page order. */
export function jsonLdBlocks(html: string): string[] {
  const blocks: string[] = [];
  let current: string[] | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'script' && /^\s*application\/ld\+json\b/i.test(attributes.type ?? '')) current = [];
      },
      ontext(text) {
        current?.push(text);
      },
      onclosetag(name) {
        if (name === 'script' && current) {
          blocks.push(current.join(''));
          current = undefined;
        }
      },
    },
    { decodeEntities: false },
  );
  parser.write(html);
  parser.end();
  return blocks;
}

/** Parses a block, forgiving what pages commonly get wrong around the JSON (comments, CDATA). */
export function parseBlock(text: string): unknown {
  const cleaned = text.trim().replace(/^<!--|-->$/g, '').replace(/^\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>$/g, '').trim();
  try {
    return JSON.parse(cleaned);
  } catch {
    return undefined;
  }
}

function hasType(value: JsonObject, type: string): boolean {
  const types = value['@type'];
  const list = Array.isArray(types) ? types : [types];
  return list.some((each) => typeof each === 'string' && (each === type || each.endsWith(`/${type}`) || each.endsWith(`:${type}`)));
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every object of `type` in the parsed blocks, outermost first. */
export function objectsOfType(values: readonly unknown[], type: string): JsonObject[] {
  const found: JsonObject[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 12) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    if (!isObject(value)) return;
    if (hasType(value, type)) {
      found.push(value);
      return;
    }
    for (const key of Object.keys(value)) visit(value[key], depth + 1);
  };
  for (const value of values) visit(value, 0);
  return found;
}
