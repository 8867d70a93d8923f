import { useCallback, useState } from 'react';
import type { Settings } from '../../settings/settings.js';
import type { Store } from '../../settings/store.js';
import { toggled } from '../../timeline/follow.js';

export interface Preferences {
  readonly settings: Settings;
  /** Follows or unfollows; returns a line saying which (and, the first time, that it was not saved). */
  toggleTopic(topic: string): string;
  toggleMute(tag: string): string;
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
    (topic: string): string => report(() => change((current) => ({ ...current, topics: toggled(current.topics, topic) })).topics.includes(topic), topic, 'following', 'unfollowed'),
    [change, report],
  );
  const toggleMute = useCallback(
    (tag: string): string => report(() => change((current) => ({ ...current, mutedTags: toggled(current.mutedTags, tag) })).mutedTags.includes(tag), tag, 'muted', 'unmuted'),
    [change, report],
  );
  return { settings, toggleTopic, toggleMute };
}
