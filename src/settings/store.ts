import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import type * as z from 'zod';
import { withFileLock } from './lock.js';

/*
 * One JSON file, read and validated once at start, then changed only through `update`, which
 * locks, re-reads what is on disk, applies the change and writes it back with conf (atomically),
 * so concurrent livetail processes merge instead of overwriting each other.
 * Reading takes no lock and writes nothing: a folder we may not write to (read-only, another
 * user's, a full disk) still gives its settings. A change that cannot be written is kept in
 * memory for the rest of the session, said once, and the file is never touched again, so what
 * is on disk is never dropped or cut short.
 */

export interface Store<T> {
  readonly path: string;
  /** The value as read at start, or as last changed by this process. */
  readonly value: T;
  /** Why changes are no longer written (set at the first write that failed), else undefined. */
  readonly unsavedReason: string | undefined;
  update(change: (current: T) => T): T;
}

export interface StoreOptions<T> {
  readonly directory: string;
  readonly name: string;
  readonly schema: z.ZodType<T>;
  readonly defaults: T;
  /** Told once, in one line: a broken file was set aside, or changes cannot be saved. */
  readonly warn: (line: string) => void;
  readonly now?: () => Date;
  /** The lock around each write; tests put a failing one here to stand for a read-only folder. */
  readonly lock?: <R>(lockPath: string, action: () => R) => R;
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

/** A failure of the file system (it has an errno code), as opposed to a lock held by a live process. */
function fileSystemCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

type FirstRead<T> = { readonly value: T; readonly unsavedReason?: string };

/** What is on disk, without locking or writing, except to set a broken file aside. */
function readAtStart<T>(options: StoreOptions<T>, path: string, lock: NonNullable<StoreOptions<T>['lock']>): FirstRead<T> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = fileSystemCode(error);
    if (code === 'ENOENT') return { value: options.defaults };
    // Writing a file we could not read would replace what it holds.
    const reason = `cannot read ${path} (${code ?? (error as Error).message})`;
    options.warn(`${reason}; using defaults, and changes last only until this livetail exits`);
    return { value: options.defaults, unsavedReason: reason };
  }
  let why: string;
  try {
    return { value: options.schema.parse(JSON.parse(text)) };
  } catch (error) {
    why = error instanceof SyntaxError ? 'not valid JSON' : 'not in the expected shape';
  }
  const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const backup = `${path}.bak-${stamp}`;
  try {
    lock(`${path}.lock`, () => renameSync(path, backup));
  } catch (error) {
    const reason = `cannot set aside ${path}, which is ${why} (${fileSystemCode(error) ?? (error as Error).message})`;
    options.warn(`${reason}; left it as it is, using defaults, and changes last only until this livetail exits`);
    return { value: options.defaults, unsavedReason: reason };
  }
  options.warn(`${path} was ${why}; kept it as ${backup} and started from defaults`);
  return { value: options.defaults };
}

export function openStore<T>(options: StoreOptions<T>): Store<T> {
  const path = join(options.directory, `${options.name}.json`);
  const lockPath = `${path}.lock`;
  const lock = options.lock ?? withFileLock;
  const first = readAtStart(options, path, lock);
  let value = first.value;
  let unsavedReason = first.unsavedReason;
  let conf: Conf<Record<string, unknown>> | undefined;

  /** Under the lock: the change applied to what is on disk now, written back. */
  const write = (change: (current: T) => T): T => {
    mkdirSync(options.directory, { recursive: true });
    return lock(lockPath, () => {
      // conf fills in missing defaults when it opens (a write): that too only under the lock.
      conf ??= open(options);
      let current: T;
      try {
        current = options.schema.parse(conf.store);
      } catch {
        current = value;
      }
      const next = change(current);
      conf.store = next as Record<string, unknown>;
      return next;
    });
  };

  return {
    path,
    get value() {
      return value;
    },
    get unsavedReason() {
      return unsavedReason;
    },
    update(change) {
      if (unsavedReason === undefined) {
        try {
          value = write(change);
          return value;
        } catch (error) {
          const code = fileSystemCode(error);
          // A lock another livetail keeps is not a folder we cannot write to: the caller is told.
          if (code === undefined) throw error;
          unsavedReason = `cannot write to ${options.directory} (${code})`;
          options.warn(`${unsavedReason}; changes last only until this livetail exits`);
        }
      }
      value = change(value);
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
    unsavedReason: undefined,
    update(change) {
      value = change(value);
      return value;
    },
  };
}
