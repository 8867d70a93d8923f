/*
 * The pipe's place in each feed, for `--resume`: the SSE cursor of the last event whose line (if
 * it printed one) the output stream has taken. Lines still in our buffer when the output fails
 * do not count, so the next run prints them. Saved at most once per interval while following (a
 * state-file write per batch would cost more than the batch during a backlog of thousands), and
 * always at the end of the run.
 */

export type Cursors = ReadonlyMap<string, string>;

export interface CursorLog {
  /** An event was handled (printed or skipped); its line, if any, is in the writer's buffer. */
  handled(feed: string, cursor: string): void;
  /** A batch goes to the stream now: returns what to call once the stream has taken it. */
  batch(): () => void;
  /** The run ends: saves what was written, which is everything handled when the output is fine. */
  close(outputOk: boolean): void;
}

export function createCursorLog(save: (cursors: Cursors) => void, { intervalMs = 1000, now = Date.now } = {}): CursorLog {
  const handled = new Map<string, string>();
  const written = new Map<string, string>();
  let dirty = false;
  let lastSave = -Infinity;
  let timer: NodeJS.Timeout | undefined;

  const saveNow = (): void => {
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    lastSave = now();
    save(new Map(written));
  };

  const recordWritten = (cursors: Cursors): void => {
    for (const [feed, cursor] of cursors) {
      if (written.get(feed) === cursor) continue;
      written.set(feed, cursor);
      dirty = true;
    }
  };

  return {
    handled(feed, cursor) {
      handled.set(feed, cursor);
    },
    batch() {
      const snapshot = new Map(handled);
      return () => {
        recordWritten(snapshot);
        if (!dirty || timer !== undefined) return;
        const wait = lastSave + intervalMs - now();
        if (wait <= 0) saveNow();
        else timer = setTimeout(saveNow, wait).unref();
      };
    },
    close(outputOk) {
      clearTimeout(timer);
      if (outputOk) recordWritten(handled);
      saveNow();
    },
  };
}
