import { useEffect, useRef } from 'react';
import type { Settings } from '../../settings/settings.js';
import { followedTopicOf } from '../../timeline/follow.js';
import { getItem, itemKey, type TimelineItem } from '../../timeline/timeline.js';
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

/** Followed entries that the batch brought, from feeds that were already live before it, newest first. */
export function followedArrivals({ timeline, before, batch }: TimelineUpdate, topics: readonly string[]): TimelineItem[] {
  if (topics.length === 0) return [];
  const arrivals = new Map<string, TimelineItem>();
  for (const signal of batch) {
    // The backlog of a feed is history, not news: only entries after its ready marker alert.
    if (signal.type !== 'event' || before.feeds.get(signal.feed)?.ready !== true) continue;
    const { event } = signal;
    if (event.event !== 'entry' && event.event !== 'update') continue;
    const item = getItem(timeline, signal.feed, event.entry.id);
    // A correction keeps the seq of the entry it corrects: only a new seq is an arrival.
    if (item !== undefined && item.seq > before.seq && followedTopicOf(item.entry, topics) !== undefined) arrivals.set(itemKey(item.feed, item.entry.id), item);
  }
  return [...arrivals.values()].sort((a, b) => b.timeMs - a.timeMs || b.seq - a.seq);
}

/**
 * Alerts when an entry matching a followed topic arrives: the bell, a desktop notification where
 * the terminal has one, and the optional notifyCommand with the entry as NDJSON on stdin. One
 * alert per update, however many entries it brought.
 */
export function useArrivalAlerts(update: TimelineUpdate, settings: Settings, { writeTerminal, env, report }: AlertOptions): void {
  // Settings also re-run the effect: a batch alerts once, under the topics in force when it came.
  const alerted = useRef<TimelineUpdate | undefined>(undefined);
  useEffect(() => {
    if (alerted.current === update) return;
    alerted.current = update;
    const arrivals = followedArrivals(update, settings.topics);
    const first = arrivals[0];
    if (first === undefined) return;
    if (settings.alert !== 'off') {
      const topic = followedTopicOf(first.entry, settings.topics)!;
      const more = arrivals.length > 1 ? ` (+${arrivals.length - 1} more)` : '';
      const text = `${first.entry.title ?? first.entry.body}${more}`;
      writeTerminal(bell + notificationSequence(notificationStyleFor(settings.alert, env), `livetail: ${topic}`, text));
    }
    if (settings.notifyCommand) {
      const command = settings.notifyCommand;
      for (const item of arrivals) {
        void runWithInput(command, entryAsNdjson(item)).then((result) => {
          if (result.code !== 0) report(`notify command: ${result.summary}`);
        });
      }
    }
  }, [update, settings, writeTerminal, env, report]);
}
