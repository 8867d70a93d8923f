import * as z from 'zod';

/*
 * The one data schema (design.md section 3): what an entry and a blog are. Validation of events
 * built from them lives in feed.ts.
 */

const text = z.string();
const nonEmpty = z.string().min(1);

export const mediaSchema = z.object({
  caption: text,
  credit: text.optional(),
  url: text.optional(),
});

export const linkSchema = z.object({
  title: text,
  url: text,
  summary: text.optional(),
});

export const entrySchema = z.object({
  id: nonEmpty,
  time: z.iso.datetime({ offset: true, local: false }),
  title: text.optional(),
  body: text.default(''),
  tags: z.array(text).default([]),
  topics: z.array(text).optional(),
  media: z.array(mediaSchema).optional(),
  links: z.array(linkSchema).optional(),
  key: z.boolean().optional(),
  pinned: z.boolean().optional(),
  /** The entry's own permalink. */
  url: text.optional(),
  /** A display name. */
  author: text.optional(),
  /** When the source last corrected the entry, as it says. */
  modified: z.iso.datetime({ offset: true, local: false }).optional(),
});

export const blogSchema = z.object({
  id: nonEmpty,
  title: text,
  url: text.optional(),
  section: text.optional(),
  topic: z
    .object({ id: nonEmpty, name: text, count: z.number().int().nonnegative().optional() })
    .optional(),
  tags: z.array(text).optional(),
  lang: text.optional(),
  tz: text.optional(),
  status: z.enum(['live', 'ended']),
});

export const deleteSchema = z.object({ id: nonEmpty });

export type Media = z.infer<typeof mediaSchema>;
export type Link = z.infer<typeof linkSchema>;
export type Entry = z.infer<typeof entrySchema>;
export type Blog = z.infer<typeof blogSchema>;
