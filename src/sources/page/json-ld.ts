/*
 * The JSON-LD blocks of an HTML page and the schema.org objects of a type in them, wherever the
 * publisher put them: several blocks, a top-level array, `@graph`, or nested (a WebPage's
 * `mainEntity`). json-ld-blocks.ts finds the script elements.
 */

export type JsonObject = Record<string, unknown>;

/** Parses a block, forgiving what pages commonly get wrong around the JSON (comments, CDATA). */
export function parseBlock(text: string): unknown {
  // Checked at the ends only: a regex anchored at the end would scan the whole megabyte block.
  let cleaned = text.trim();
  if (cleaned.startsWith('<!--')) cleaned = cleaned.slice(4);
  if (cleaned.endsWith('-->')) cleaned = cleaned.slice(0, -3);
  cleaned = cleaned.replace(/^\/\/\s*<!\[CDATA\[/, '');
  const cdataEnd = /\/\/\s*\]\]>$/.exec(cleaned.slice(-80));
  if (cdataEnd) cleaned = cleaned.slice(0, cleaned.length - cdataEnd[0].length);
  cleaned = cleaned.trim();
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
