import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { holdLock } from '../settings/lock.js';
import { configDirectory, openState, withFeedChanges } from '../settings/settings.js';
import type { Cursors } from './cursor-log.js';

/*
 * `--resume`: each feed's cursor after the last event a previous run printed, kept in the state
 * file (`resumeId` per feed URL). Only cursors are stored, never headers or entries. One run per
 * feed at a time (a lock per feed in locks/): two would each print every event.
 */

export interface ResumeState {
  /** Where previous runs stopped, by feed URL. */
  readonly cursors: Cursors;
  save(cursors: Cursors): void;
  /** Releases the feeds for the next run. */
  close(): void;
}

/** Holds every feed (by its resume key) for this run, or throws LockBusy naming the first one taken. */
function lockFeeds(directory: string, feeds: readonly string[]): () => void {
  const locks = join(directory, 'locks');
  mkdirSync(locks, { recursive: true });
  const releases: (() => void)[] = [];
  const releaseAll = (): void => releases.splice(0).forEach((release) => release());
  try {
    for (const feed of new Set(feeds)) {
      const name = `resume-${createHash('sha256').update(feed).digest('hex').slice(0, 16)}.lock`;
      releases.push(holdLock(join(locks, name), (pid) => `another livetail --resume (pid ${pid}) is following ${feed}; a second would print its events twice`));
    }
  } catch (error) {
    releaseAll();
    throw error;
  }
  return releaseAll;
}

/** `feeds`: the resume keys (labels) of the feeds this run follows. */
export function openResumeState(env: NodeJS.ProcessEnv, warn: (line: string) => void, feeds: readonly string[]): ResumeState {
  const directory = configDirectory(env);
  const release = lockFeeds(directory, feeds);
  let store: ReturnType<typeof openState>;
  try {
    store = openState(directory, warn);
  } catch (error) {
    release();
    throw error;
  }
  let warned = false;
  return {
    close: release,
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
