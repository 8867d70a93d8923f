import { useEffect, useRef } from 'react';
import type { Settings } from '../../settings/settings.js';
import { followedTopicOf } from '../../timeline/follow.js';
import { arrivalsSince, changesSince } from '../../timeline/changes.js';
import { isRetracted, type Timeline, type TimelineItem } from '../../timeline/timeline.js';
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

/** Followed entries that arrived in this update, from feeds that were already live before it. */
export function followedArrivals(previous: Timeline, next: Timeline, topics: readonly string[]): TimelineItem[] {
  if (topics.length === 0) return [];
  // The backlog of a feed is history, not news: only entries after its ready marker alert.
  return arrivalsSince(previous, next).filter((item) => previous.feeds.get(item.feed)?.ready === true && followedTopicOf(item.entry, topics) !== undefined);
}

/** Followed entries and key events corrected or retracted in this update, from feeds already live before it. */
export function followedChanges(previous: Timeline, next: Timeline, topics: readonly string[]): TimelineItem[] {
  return changesSince(previous, next).filter(
    (item) => previous.feeds.get(item.feed)?.ready === true && (item.entry.key === true || followedTopicOf(item.entry, topics) !== undefined),
  );
}

interface Alert {
  readonly item: TimelineItem;
  readonly event: 'entry' | 'update' | 'delete';
}

function alertsBetween(previous: Timeline, next: Timeline, topics: readonly string[]): Alert[] {
  return [
    ...followedArrivals(previous, next, topics).map((item) => ({ item, event: 'entry' as const })),
    ...followedChanges(previous, next, topics).map((item) => ({ item, event: isRetracted(item) ? ('delete' as const) : ('update' as const) })),
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
    const alerts = alertsBetween(update.before, update.timeline, settings.topics);
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
