import { useEffect, useRef } from 'react';
import type { Settings } from '../../settings/settings.js';
import { followedTopicOf } from '../../timeline/follow.js';
import { batchChanges } from '../../timeline/changes.js';
import { isRetracted, type TimelineItem } from '../../timeline/timeline.js';
import { entryAsNdjson } from '../actions/entry-text.js';
import { runWithInput } from '../actions/run-command.js';
import { bell, detectNotificationStyle, notificationSequence, type NotificationStyle } from '../actions/terminal-sequences.js';
import type { TimelineUpdate } from './use-timeline.js';

export interface AlertOptions {
  /** Writes a sequence straight to the terminal (outside Ink's frame; BEL and OSC take no room). */
  readonly writeTerminal: (sequence: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Where a failing notify command is reported. */
  readonly report: (line: string) => void;
}

function notificationStyleFor(alert: Settings['alert'], env: NodeJS.ProcessEnv): NotificationStyle {
  if (alert === 'osc9' || alert === 'osc777') return alert;
  return alert === 'auto' ? detectNotificationStyle(env) : 'none';
}

interface Alert {
  readonly item: TimelineItem;
  readonly event: 'entry' | 'update' | 'delete';
}

/**
 * What an update alerts about: followed entries that arrived, and followed entries or key events
 * corrected or retracted, from feeds already live before it (a feed's backlog is history, not
 * news: only what comes after its ready marker alerts).
 */
export function alertsOf({ before, timeline, batch }: TimelineUpdate, topics: readonly string[]): Alert[] {
  const { arrivals, changes } = batchChanges(before, timeline, batch);
  const live = (item: TimelineItem): boolean => before.feeds.get(item.feed)?.ready === true;
  const followed = (item: TimelineItem): boolean => followedTopicOf(item.entry, topics) !== undefined;
  return [
    ...arrivals.filter((item) => live(item) && followed(item)).map((item) => ({ item, event: 'entry' as const })),
    ...changes
      .filter((item) => live(item) && (item.entry.key === true || followed(item)))
      .map((item) => ({ item, event: isRetracted(item) ? ('delete' as const) : ('update' as const) })),
  ];
}

const alertTitles: Readonly<Record<Alert['event'], string>> = { entry: '', update: 'corrected: ', delete: 'retracted: ' };

/**
 * Alerts when an entry matching a followed topic arrives, or one (or a key event) is corrected
 * or retracted: the bell, a desktop notification where
 * the terminal has one, and the optional notifyCommand with the entry as NDJSON on stdin. One
 * alert per update, however many entries it brought.
 */
export function useArrivalAlerts(update: TimelineUpdate, settings: Settings, { writeTerminal, env, report }: AlertOptions): void {
  // Settings also re-run the effect: a batch alerts once, under the topics in force when it came.
  const alerted = useRef<TimelineUpdate | undefined>(undefined);
  useEffect(() => {
    if (alerted.current === update) return;
    alerted.current = update;
    const alerts = alertsOf(update, settings.topics);
    const first = alerts[0];
    if (first === undefined) return;
    if (settings.alert !== 'off') {
      const topic = followedTopicOf(first.item.entry, settings.topics) ?? 'key event';
      const more = alerts.length > 1 ? ` (+${alerts.length - 1} more)` : '';
      const text = `${alertTitles[first.event]}${first.item.entry.title ?? first.item.entry.body}${more}`;
      writeTerminal(bell + notificationSequence(notificationStyleFor(settings.alert, env), `livetail: ${topic}`, text));
    }
    if (settings.notifyCommand) {
      const command = settings.notifyCommand;
      for (const { item, event } of alerts) {
        void runWithInput(command, entryAsNdjson(item, event)).then((result) => {
          if (result.code !== 0) report(`notify command: ${result.summary}`);
        });
      }
    }
  }, [update, settings, writeTerminal, env, report]);
}
