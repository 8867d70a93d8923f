import * as z from 'zod';
import envPaths from 'env-paths';
import { openStore, type Store } from './store.js';

/** What the reader chose: kept across sessions. */
export const settingsSchema = z.object({
  topics: z.array(z.string()).default([]),
  mutedTags: z.array(z.string()).default([]),
  notifyCommand: z.string().optional(),
  timeZone: z.string().optional(),
  /** East Asian Ambiguous characters: `auto` takes what the terminal answers when asked at start. */
  ambiguousWidth: z.enum(['auto', 'narrow', 'wide']).default('auto'),
  /**
   * How a followed entry's arrival is announced: `auto` rings the bell and sends the desktop
   * notification the terminal is known to understand; `bell`, `osc9`, `osc777` pick one; `off`
   * is silent (notifyCommand still runs).
   */
  alert: z.enum(['auto', 'bell', 'osc9', 'osc777', 'off']).default('auto'),
  /** Mouse wheel scrolls the timeline; off by default because mouse reporting blocks selecting text. */
  mouse: z.boolean().default(false),
  /** Leave out the lines deleted entries leave behind (`R` switches for the session). */
  hideRetracted: z.boolean().default(false),
  /** Show times in the blog's own zone (its `tz`) rather than the reader's; `z` switches and remembers. */
  newsroomTime: z.boolean().default(false),
});

export type Settings = z.infer<typeof settingsSchema>;

export const feedStateSchema = z.object({
  /** The SSE cursor of the last event printed in pipe mode (`--resume`). */
  resumeId: z.string().optional(),
  /** The newest entry the reader has seen, for unread marks. */
  readTime: z.string().optional(),
  readId: z.string().optional(),
  /** When this feed's state last changed: the least recently used are forgotten first. */
  usedAt: z.string().optional(),
});

/** Where the reader was: kept per feed URL. */
export const stateSchema = z.object({
  feeds: z.record(z.string(), feedStateSchema).default({}),
});

export type FeedState = z.infer<typeof feedStateSchema>;
export type State = z.infer<typeof stateSchema>;

/** Feeds whose state is kept: a reader who follows a new URL every day keeps a bounded file. */
export const keptFeeds = 500;

/**
 * Merges changes to some feeds' state (keeping their other fields: read marks and resume
 * cursors are written by different faces) and forgets the least recently used feeds past
 * `keptFeeds`.
 */
export function withFeedChanges(state: State, changes: ReadonlyMap<string, Partial<FeedState>>, now: Date): State {
  const feeds: Record<string, FeedState> = { ...state.feeds };
  const usedAt = now.toISOString();
  for (const [feed, change] of changes) feeds[feed] = { ...feeds[feed], ...change, usedAt };
  const byUse = Object.entries(feeds).sort(([, a], [, b]) => (b.usedAt ?? '').localeCompare(a.usedAt ?? ''));
  return { ...state, feeds: Object.fromEntries(byUse.slice(0, keptFeeds)) };
}

/** `LIVETAIL_CONFIG_DIR`, or the platform's config folder (`~/.config/livetail` on Linux). */
export function configDirectory(env: NodeJS.ProcessEnv): string {
  return env.LIVETAIL_CONFIG_DIR || envPaths('livetail', { suffix: '' }).config;
}

export function openSettings(directory: string, warn: (line: string) => void): Store<Settings> {
  return openStore({ directory, name: 'settings', schema: settingsSchema, defaults: settingsSchema.parse({}), warn });
}

export function openState(directory: string, warn: (line: string) => void): Store<State> {
  return openStore({ directory, name: 'state', schema: stateSchema, defaults: stateSchema.parse({}), warn });
}
