import type { Entry } from '../schema/feed.js';
import { sanitizeLine } from '../text/sanitize.js';
import { clockParts } from './clock.js';

/*
 * `--format '<template>'`: one line of text per entry. Every field taken from the feed passes
 * through sanitizeLine, so nothing a feed sends can reach a terminal as an escape sequence.
 */

export interface TemplateContext {
  /** `delete` carries the retracted entry as it last stood. */
  readonly event: 'entry' | 'update' | 'delete';
  readonly feed: string;
  readonly entry: Entry;
  /** Corrections of the entry so far (0 when not told). */
  readonly edited?: number;
  readonly timeZone: string | undefined;
}

type Field = (context: TemplateContext) => string;

const fields: Readonly<Record<string, Field>> = {
  time: ({ entry, timeZone }) => clockParts(Date.parse(entry.time), timeZone).time,
  date: ({ entry, timeZone }) => clockParts(Date.parse(entry.time), timeZone).date,
  iso: ({ entry }) => entry.time,
  id: ({ entry }) => entry.id,
  event: ({ event }) => event,
  feed: ({ feed }) => feed,
  title: ({ entry }) => entry.title ?? '',
  body: ({ entry }) => entry.body,
  tags: ({ entry }) => entry.tags.join(', '),
  credits: ({ entry }) => (entry.media ?? []).map((media) => media.credit ?? '').filter(Boolean).join('; '),
  links: ({ entry }) => (entry.links ?? []).map((link) => link.url).join(' '),
  edited: ({ edited = 0 }) => String(edited),
  modified: ({ entry }) => entry.modified ?? '',
  url: ({ entry }) => entry.url ?? '',
  author: ({ entry }) => entry.author ?? '',
};

export const templateFields: readonly string[] = Object.keys(fields);

export interface Template {
  (context: TemplateContext): string;
  /** The fields the template names: a line per delete is printed only when it names `{event}`. */
  readonly fields: ReadonlySet<string>;
}

export class TemplateError extends Error {}

/** Compiles a template once. `{{`/`}}` are literal braces; `\n`, `\t`, `\\` are escapes. */
export function compileTemplate(source: string): Template {
  const parts: (string | Field)[] = [];
  const named = new Set<string>();
  let literal = '';
  for (let index = 0; index < source.length; index += 1) {
    const char = source[index]!;
    const next = source[index + 1];
    if (char === '\\' && (next === 'n' || next === 't' || next === '\\')) {
      literal += next === 'n' ? '\n' : next === 't' ? '\t' : '\\';
      index += 1;
    } else if ((char === '{' && next === '{') || (char === '}' && next === '}')) {
      literal += char;
      index += 1;
    } else if (char === '{') {
      const close = source.indexOf('}', index);
      if (close === -1) throw new TemplateError(`unclosed '{' in --format at column ${index + 1}`);
      const name = source.slice(index + 1, close);
      const field = fields[name];
      if (!field) throw new TemplateError(`unknown field {${name}} in --format (known: ${templateFields.map((f) => `{${f}}`).join(' ')})`);
      if (literal) parts.push(literal);
      literal = '';
      parts.push(field);
      named.add(name);
      index = close;
    } else {
      literal += char;
    }
  }
  if (literal) parts.push(literal);
  const template = (context: TemplateContext): string => {
    let out = '';
    for (const part of parts) out += typeof part === 'string' ? part : sanitizeLine(part(context));
    return out;
  };
  return Object.assign(template, { fields: named });
}
