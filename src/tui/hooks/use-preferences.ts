import { useCallback, useState } from 'react';
import type { Settings } from '../../settings/settings.js';
import type { Store } from '../../settings/store.js';
import { findLabel, toggled, withAdded, withRemoved } from '../../timeline/follow.js';

export interface Preferences {
  readonly settings: Settings;
  /** Follows or unfollows; returns a line saying which (and, the first time, that it was not saved). */
  toggleTopic(topic: string): string;
  /** Mutes or unmutes; returns a line saying which. */
  setMuted(tag: string, muted: boolean): string;
  /** Remembers whose zone times are shown in; returns a line only when that could not be saved. */
  rememberZone(newsroomTime: boolean): string | undefined;
}

/**
 * Settings as the app sees them: read once at start (the store did that), written on change.
 * The store merges each change into what is on disk, so a topic another livetail added
 * meanwhile survives, and this process sees it from then on.
 */
export function usePreferences(store: Store<Settings>): Preferences {
  const [settings, setSettings] = useState(store.value);
  const change = useCallback(
    (edit: (current: Settings) => Settings): Settings => {
      try {
        const next = store.update(edit);
        setSettings(next);
        return next;
      } catch (error) {
        // A lock another livetail never lets go of must not take the timeline down either.
        setSettings((current) => edit(current));
        throw error;
      }
    },
    [store],
  );
  const report = useCallback(
    (apply: () => boolean, value: string, on: string, off: string): string => {
      const wasSaving = store.unsavedReason === undefined;
      try {
        const line = `${apply() ? on : off} ${value}`;
        // The store keeps what it cannot write in memory; the status line says so once.
        return wasSaving && store.unsavedReason !== undefined ? `${line} · not saved: ${store.unsavedReason}; kept until you quit` : line;
      } catch (error) {
        return `${value}: not saved (${(error as Error).message})`;
      }
    },
    [store],
  );
  const toggleTopic = useCallback(
    (topic: string): string =>
      report(() => findLabel(change((current) => ({ ...current, topics: toggled(current.topics, topic) })).topics, topic) !== undefined, topic, 'following', 'unfollowed'),
    [change, report],
  );
  const setMuted = useCallback(
    (tag: string, muted: boolean): string => {
      const edit = (list: readonly string[]): string[] => (muted ? withAdded(list, [tag]) : withRemoved(list, tag));
      return report(() => findLabel(change((current) => ({ ...current, mutedTags: edit(current.mutedTags) })).mutedTags, tag) !== undefined, tag, 'muted', 'unmuted');
    },
    [change, report],
  );
  const rememberZone = useCallback(
    (newsroomTime: boolean): string | undefined => {
      try {
        change((current) => ({ ...current, newsroomTime }));
        return undefined;
      } catch (error) {
        return `zone choice not saved (${(error as Error).message})`;
      }
    },
    [change],
  );
  return { settings, toggleTopic, setMuted, rememberZone };
}
