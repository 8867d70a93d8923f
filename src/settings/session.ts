import { configDirectory, openSettings, openState, type Settings, type State } from './settings.js';
import type { Store } from './store.js';

export interface SessionStores {
  readonly settings: Store<Settings>;
  readonly state: Store<State>;
}

/**
 * Settings and state for a session. A folder that cannot be read or written must not keep the
 * reader from the news: the stores then keep changes in memory for this session, and `warn`
 * says so in one line (see store.ts).
 */
export function openSessionStores(env: NodeJS.ProcessEnv, warn: (line: string) => void): SessionStores {
  const directory = configDirectory(env);
  return { settings: openSettings(directory, warn), state: openState(directory, warn) };
}
