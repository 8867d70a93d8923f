import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import type * as z from 'zod';
import { withFileLock } from './lock.js';

/*
 * One JSON file kept with conf: read and validated once at start, then changed only through
 * `update`, which locks, re-reads what is on disk, applies the change and writes it back, so
 * concurrent livetail processes merge instead of overwriting each other.
 */

export interface Store<T> {
  readonly path: string;
  /** The value as read at start, or as last written by this process. */
  readonly value: T;
  update(change: (current: T) => T): T;
}

export interface StoreOptions<T> {
  readonly directory: string;
  readonly name: string;
  readonly schema: z.ZodType<T>;
  readonly defaults: T;
  /** Told once, in one line, when a broken file was set aside. */
  readonly warn: (line: string) => void;
  readonly now?: () => Date;
}

function open<T>({ directory, name, schema, defaults }: StoreOptions<T>): Conf<Record<string, unknown>> {
  return new Conf<Record<string, unknown>>({
    projectName: 'livetail',
    projectSuffix: '',
    cwd: directory,
    configName: name,
    defaults: defaults as Record<string, unknown>,
    // Validation happens on every read conf makes: a file edited into the wrong shape is
    // caught like a file that is not JSON at all.
    deserialize: (text) => schema.parse(JSON.parse(text)) as Record<string, unknown>,
  });
}

function openOrReset<T>(options: StoreOptions<T>, path: string): Conf<Record<string, unknown>> {
  try {
    return open(options);
  } catch (error) {
    const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
    const backup = `${path}.bak-${stamp}`;
    renameSync(path, backup);
    const why = error instanceof SyntaxError ? 'not valid JSON' : 'not in the expected shape';
    options.warn(`${path} was ${why}; kept it as ${backup} and started from defaults`);
    return open(options);
  }
}

export function openStore<T>(options: StoreOptions<T>): Store<T> {
  const path = join(options.directory, `${options.name}.json`);
  const lockPath = `${path}.lock`;
  mkdirSync(options.directory, { recursive: true });
  // Opening writes too (conf fills in missing defaults, and a broken file is replaced): under
  // the lock, or a process starting up could overwrite a change another just made.
  const conf = withFileLock(lockPath, () => openOrReset(options, path));
  let value = options.schema.parse(conf.store);
  return {
    path: conf.path,
    get value() {
      return value;
    },
    update(change) {
      withFileLock(lockPath, () => {
        let current: T;
        try {
          current = options.schema.parse(conf.store);
        } catch {
          current = value;
        }
        value = change(current);
        conf.store = value as Record<string, unknown>;
      });
      return value;
    },
  };
}

/** A store that is never written to disk: for tests, and when no settings were given. */
export function memoryStore<T>(initial: T): Store<T> {
  let value = initial;
  return {
    path: '(memory)',
    get value() {
      return value;
    },
    update(change) {
      value = change(value);
      return value;
    },
  };
}
