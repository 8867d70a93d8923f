import { z } from 'zod';
import envPaths from 'env-paths';
import { openStore, type Store } from './store.js';

/** What the reader chose: kept across sessions. */
export const settingsSchema = z.object({
  topics: z.array(z.string()).default([]),
  mutedTags: z.array(z.string()).default([]),
  notifyCommand: z.string().optional(),
  timeZone: z.string().optional(),
  ambiguousWidth: z.enum(['narrow', 'wide']).default('narrow'),
  /**
   * How a followed entry's arrival is announced: `auto` rings the bell and sends the desktop
   * notification the terminal is known to understand; `bell`, `osc9`, `osc777` pick one; `off`
   * is silent (notifyCommand still runs).
   */
  alert: z.enum(['auto', 'bell', 'osc9', 'osc777', 'off']).default('auto'),
});

export type Settings = z.infer<typeof settingsSchema>;

export const feedStateSchema = z.object({
  /** The SSE cursor of the last event printed in pipe mode (`--resume`). */
  resumeId: z.string().optional(),
  /** The newest entry the reader has seen, for unread marks. */
  readTime: z.string().optional(),
  readId: z.string().optional(),
});

/** Where the reader was: kept per feed URL. */
export const stateSchema = z.object({
  feeds: z.record(z.string(), feedStateSchema).default({}),
});

export type FeedState = z.infer<typeof feedStateSchema>;
export type State = z.infer<typeof stateSchema>;

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
