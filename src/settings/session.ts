import { configDirectory, openSettings, openState, settingsSchema, stateSchema, type Settings, type State } from './settings.js';
import { memoryStore, type Store } from './store.js';

export interface SessionStores {
  readonly settings: Store<Settings>;
  readonly state: Store<State>;
}

/**
 * Settings and state for a session of the full-screen app. A folder that cannot be read or
 * written must not keep the reader from the news: they then live in memory for this session,
 * and `warn` says so in one line.
 */
export function openSessionStores(env: NodeJS.ProcessEnv, warn: (line: string) => void): SessionStores {
  const directory = configDirectory(env);
  const open = <T>(name: string, opener: () => Store<T>, defaults: T): Store<T> => {
    try {
      return opener();
    } catch (error) {
      warn(`${name} cannot be kept in ${directory} (${(error as Error).message}); changes last for this session only`);
      return memoryStore(defaults);
    }
  };
  return {
    settings: open('settings', () => openSettings(directory, warn), settingsSchema.parse({})),
    state: open('read positions', () => openState(directory, warn), stateSchema.parse({})),
  };
}
