import { configDirectory, openState, withFeedChanges } from '../settings/settings.js';
import type { Cursors } from './cursor-log.js';

/*
 * `--resume`: each feed's cursor after the last event a previous run printed, kept in the state
 * file (`resumeId` per feed URL). Only cursors are stored, never headers or entries.
 */

export interface ResumeState {
  /** Where previous runs stopped, by feed URL. */
  readonly cursors: Cursors;
  save(cursors: Cursors): void;
}

export function openResumeState(env: NodeJS.ProcessEnv, warn: (line: string) => void): ResumeState {
  const store = openState(configDirectory(env), warn);
  let warned = false;
  return {
    cursors: new Map(Object.entries(store.value.feeds).flatMap(([feed, state]) => (state.resumeId === undefined ? [] : [[feed, state.resumeId]]))),
    save(cursors) {
      try {
        const changes = new Map([...cursors].map(([feed, resumeId]) => [feed, { resumeId }]));
        store.update((current) => withFeedChanges(current, changes, new Date()));
      } catch (error) {
        // Following goes on; only the next run's starting point is at stake.
        if (!warned) warn(`cannot save the resume position in ${store.path}: ${(error as Error).message}`);
        warned = true;
      }
    },
  };
}
