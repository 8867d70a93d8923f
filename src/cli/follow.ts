import { openSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { createSources } from '../sources/create-sources.js';
import { startEarly } from '../sources/early-start.js';
import type { Filter } from '../timeline/select.js';
import type { FollowPlan } from './follow-plan.js';
import { sanitizeLine } from '../text/sanitize.js';
import { UsageError } from './usage.js';
import { redactUrl } from '../text/redact.js';
import type { Cursors } from '../sink/cursor-log.js';
import type { PrintedLine, WriterFactory } from '../sink/pipe.js';

/**
 * What a pipe takes from the settings: followed topics for `--followed`, and the time zone for
 * `{time}` when `--tz` is not given. Read only when needed, so plain NDJSON starts fastest.
 */
async function pipeSettings(plan: FollowPlan, warn: (line: string) => void): Promise<{ filter: Filter; timeZone: string | undefined }> {
  const needsZone = plan.template !== undefined && plan.timeZone === undefined;
  if (!plan.followedOnly && !needsZone) return { filter: plan.filter, timeZone: plan.timeZone };
  const { openSessionStores } = await import('../settings/session.js');
  const settings = openSessionStores(process.env, warn).settings.value;
  if (plan.followedOnly && settings.topics.length === 0) {
    throw new UsageError('--followed: no topics are followed yet (livetail topics add <topic>)');
  }
  return {
    filter: plan.followedOnly ? { ...plan.filter, followed: settings.topics } : plan.filter,
    timeZone: plan.timeZone ?? settings.timeZone,
  };
}

interface PipePosition {
  readonly cursors: Cursors;
  save(cursors: Cursors): void;
  /** With --output: the file's writer and what it held at start. */
  readonly writer?: WriterFactory;
  readonly earlier?: Iterable<PrintedLine>;
  close(): void;
}

/** Where a piped run starts and keeps its place: the --output file, the --resume state, or nowhere. */
async function openPosition(plan: FollowPlan, warn: (line: string) => void): Promise<PipePosition | undefined> {
  if (plan.outputFile !== undefined) {
    const { NotOutputFile, openOutputFile } = await import('../sink/output-file.js');
    try {
      return openOutputFile(plan.outputFile, { warn });
    } catch (error) {
      if (error instanceof NotOutputFile) throw new UsageError(error.message);
      throw error;
    }
  }
  if (!plan.resume) return undefined;
  const { openResumeState } = await import('../sink/resume-state.js');
  return openResumeState(process.env, warn, plan.feeds.map((feed) => redactUrl(feed)));
}

export async function follow(plan: FollowPlan): Promise<number> {
  if (plan.output !== 'tui') {
    // Diagnostics carry feed and server text (a content-type, an id, a reason): never raw.
    const warn = (line: string): void => {
      process.stderr.write(`livetail: ${sanitizeLine(line)}\n`);
    };
    const { runPipe } = await import('../sink/pipe.js');
    const { watchPipeReader } = await import('../sink/reader-watch.js');
    const { filter, timeZone } = await pipeSettings(plan, warn);
    const position = await openPosition(plan, warn);
    // Ctrl-C, `timeout`, a service manager: stop cleanly so the resume position is saved.
    const stop = new AbortController();
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    const onSignal = (): void => stop.abort();
    for (const signal of signals) process.once(signal, onSignal);
    const readerGone = new AbortController();
    const stopWatchingReader = watchPipeReader(process.stdout.fd, () => readerGone.abort());
    try {
      return await runPipe({
        sources: createSources(plan, { payloadText: true, ...(position ? { resumeIds: position.cursors } : {}) }),
        stop: stop.signal,
        readerGone: readerGone.signal,
        saveCursors: position && ((cursors) => position.save(cursors)),
        output: position?.writer ?? process.stdout,
        printedBefore: position?.earlier,
        warn,
        template: plan.template,
        filter,
        once: plan.once,
        idleMs: plan.idleMs,
        timeoutMs: plan.timeoutMs,
        timeZone,
      });
    } finally {
      position?.close();
      stopWatchingReader();
      for (const signal of signals) process.off(signal, onSignal);
    }
  }
  // `cat feed.ndjson | livetail -`: stdin carries the feed, so keys come from the terminal itself,
  // as less does; the view stays open after the input ends.
  const keyboard = process.stdin.isTTY ? process.stdin : openTerminalInput();
  // Keys typed while the screen code loads would otherwise sit in the terminal's line buffer
  // and be lost when Ink switches to raw mode: switch now, Ink reads them once it is up.
  keyboard?.setRawMode(true);
  const sources = createSources(plan).map(startEarly);
  // Ink (through chalk) decides on colour when it is first imported.
  if (!plan.color) process.env.FORCE_COLOR = '0';
  const { runTui } = await import('../tui/run.js');
  const notices: string[] = [];
  const { openSessionStores } = await import('../settings/session.js');
  const stores = openSessionStores(process.env, (line) => notices.push(line));
  // Told before the alternate screen, so the line is still there after quitting.
  for (const line of notices) process.stderr.write(`livetail: ${sanitizeLine(line)}\n`);
  return runTui(
    {
      sources,
      timeZone: plan.timeZone ?? stores.settings.value.timeZone,
      color: plan.color,
      filter: plan.filter,
      followedOnly: plan.followedOnly,
      maxEntries: plan.maxEntries,
      ...stores,
      notices,
    },
    { debug: plan.debug, ambiguousWidth: stores.settings.value.ambiguousWidth, mouse: stores.settings.value.mouse, keyboard },
  );
}

/** The controlling terminal for keys, or undefined when there is none (e.g. under cron). */
function openTerminalInput(): ReadStream | undefined {
  try {
    return new ReadStream(openSync('/dev/tty', 'r'));
  } catch {
    return undefined;
  }
}
