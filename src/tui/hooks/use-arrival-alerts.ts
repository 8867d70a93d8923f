import { useEffect, useRef } from 'react';
import type { Settings } from '../../settings/settings.js';
import { followedTopicOf } from '../../timeline/follow.js';
import { arrivalsSince, type Timeline, type TimelineItem } from '../../timeline/timeline.js';
import { entryAsNdjson } from '../actions/entry-text.js';
import { runWithInput } from '../actions/run-command.js';
import { bell, detectNotificationStyle, notificationSequence, type NotificationStyle } from '../actions/terminal-sequences.js';

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

/**
 * Alerts when an entry matching a followed topic arrives: the bell, a desktop notification where
 * the terminal has one, and the optional notifyCommand with the entry as NDJSON on stdin. One
 * alert per update, however many entries it brought.
 */
export function useArrivalAlerts(timeline: Timeline, settings: Settings, { writeTerminal, env, report }: AlertOptions): void {
  const previous = useRef(timeline);
  useEffect(() => {
    const arrivals = followedArrivals(previous.current, timeline, settings.topics);
    previous.current = timeline;
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
  }, [timeline, settings, writeTerminal, env, report]);
}
