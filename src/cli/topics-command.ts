import { configDirectory, openSettings, type Settings } from '../settings/settings.js';
import type { Store } from '../settings/store.js';
import { sanitizeLine } from '../text/index.js';
import { findLabel, withAdded, withRemoved } from '../timeline/follow.js';
import { UsageError } from './usage.js';

function warnLine(line: string): void {
  process.stderr.write(`livetail: ${line}\n`);
}

/** A change this command could not write is lost as it exits: a failure (the store said why). */
function savedStatus(settings: Store<Settings>): number {
  return settings.unsavedReason === undefined ? 0 : 1;
}

/** `livetail topics [list | add <topic>... | rm <topic>...]`: followed topics, one per line. */
export function runTopicsCommand(positionals: readonly string[], env: NodeJS.ProcessEnv): number {
  const [action = 'list', ...names] = positionals;
  const topics = names.map((name) => name.trim());
  if (topics.some((topic) => topic === '')) throw new UsageError('a topic cannot be empty');
  const settings = openSettings(configDirectory(env), warnLine);
  switch (action) {
    case 'list':
      if (names.length > 0) throw new UsageError(`topics list takes no arguments (got '${names[0]}')`);
      // On stderr, so `livetail topics | wc -l` still counts topics.
      if (settings.value.topics.length === 0) warnLine('no topics followed yet: livetail topics add <topic>, or f on an entry');
      for (const topic of settings.value.topics) process.stdout.write(`${sanitizeLine(topic)}\n`);
      return 0;
    case 'add':
      if (topics.length === 0) throw new UsageError('topics add needs at least one topic');
      const twins: string[] = [];
      // update() re-reads under a lock: topics added by other livetail processes are kept.
      settings.update((current) => {
        twins.length = 0;
        for (const topic of topics) {
          const known = findLabel(current.topics, topic);
          if (known !== undefined) twins.push(known === topic ? `already followed: ${sanitizeLine(topic)}` : `already followed: ${sanitizeLine(topic)} (as ${sanitizeLine(known)})`);
        }
        return { ...current, topics: withAdded(current.topics, topics) };
      });
      for (const line of twins) warnLine(line);
      return savedStatus(settings);
    case 'rm': {
      if (topics.length === 0) throw new UsageError('topics rm needs at least one topic');
      const missing: string[] = [];
      settings.update((current) => {
        let next = current.topics;
        for (const topic of topics) {
          if (findLabel(next, topic) !== undefined) next = withRemoved(next, topic);
          else missing.push(topic);
        }
        return { ...current, topics: next };
      });
      for (const topic of missing) warnLine(`not a followed topic: ${sanitizeLine(topic)}`);
      return savedStatus(settings);
    }
    default:
      throw new UsageError(`unknown topics command '${action}' (list, add or rm)`);
  }
}
