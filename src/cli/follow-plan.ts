import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isValidTimeZone } from '../format/clock.js';
import { sourceChoices, type SourceChoice } from '../sources/detect.js';
import { compileTemplate, TemplateError, type Template } from '../format/template.js';
import type { Filter } from '../timeline/select.js';
import { parseDuration, parseSince } from './durations.js';
import { parseHeaders } from './headers.js';
import { positiveInteger } from './numbers.js';
import { UsageError } from './usage.js';

/*
 * What `livetail <feed...>` (and `demo`) will do, worked out from the options before anything
 * starts: every usage error is found here. Its own module so that the commands that run a plan
 * (follow, demo) depend on it and not on the argument parser.
 */

function positiveDuration(text: string, option: string): number {
  const ms = parseDuration(text, option);
  if (ms <= 0) throw new UsageError(`${option} must be longer than 0`);
  return ms;
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** A human template for a terminal that gets text rather than the full-screen app. */
const plainTemplate = '{time}  {title}\\n       {body}\\n       {tags}';

/** A source as given: `-`, an http(s) URL, or a local file (a path or a file: URL), checked here. */
function checkSource(feed: string): string {
  if (feed === '-') return feed;
  let url: URL | undefined;
  try {
    url = new URL(feed);
  } catch {
    url = undefined;
  }
  if (url?.protocol === 'http:' || url?.protocol === 'https:') return feed;
  const path = url?.protocol === 'file:' ? fileURLToPath(url) : url === undefined || /^[a-z]:[\\/]/i.test(feed) ? feed : undefined;
  if (path === undefined) throw new UsageError(`not a feed: '${feed}' (only http and https URLs, files and - are supported)`);
  if (!existsSync(path)) throw new UsageError(`not a feed: '${feed}' (no such file; expected an http(s) URL, a file, or - for NDJSON on stdin)`);
  if (statSync(path).isDirectory()) throw new UsageError(`not a feed: '${feed}' is a folder`);
  return path;
}

function sourceChoice(value: string | undefined): SourceChoice | undefined {
  if (value === undefined) return undefined;
  if (!(sourceChoices as readonly string[]).includes(value)) throw new UsageError(`--source must be one of ${sourceChoices.join(', ')} (got '${value}')`);
  return value as SourceChoice;
}

/** --output takes NDJSON only (it reads the file back to resume) and resumes by itself. */
function checkOutputFile(path: string, template: Template | undefined, resume: boolean): void {
  if (path === '' || path === '-') throw new UsageError('--output needs a file (for stdout, leave it out)');
  if (template !== undefined) throw new UsageError('--output writes NDJSON, which it reads back to resume; it cannot take --format');
  if (resume) throw new UsageError('--output resumes from its file by itself; leave out --resume');
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`--output: '${path}' is a folder`);
  if (!existsSync(dirname(path))) throw new UsageError(`--output: no folder '${dirname(path)}' for '${path}'`);
}

export interface FollowPlan {
  readonly feeds: readonly string[];
  readonly headers: Record<string, string>;
  readonly filter: Filter;
  /** `--followed`: only entries matching followed topics (the full-screen view can switch it off with F). */
  readonly followedOnly: boolean;
  readonly output: 'tui' | 'ndjson' | 'text';
  readonly template: Template | undefined;
  readonly once: boolean;
  readonly idleMs: number;
  /** With `--once`: failures in a row (503s, refused connections) waited through before giving up. */
  readonly timeoutMs: number;
  /** How often polled sources (pages, feeds) are fetched, unless the server asks for longer. */
  readonly everyMs: number;
  /** `--source`: what every source is, instead of detecting it. */
  readonly source: SourceChoice | undefined;
  /** Continue each feed after the last event a previous piped run printed. */
  readonly resume: boolean;
  /** `--output FILE`: NDJSON appended to this file, which is also where each feed resumes. */
  readonly outputFile: string | undefined;
  readonly timeZone: string | undefined;
  readonly maxEntries: number | undefined;
  readonly color: boolean;
  readonly debug: boolean;
}

export interface Environment {
  readonly env: NodeJS.ProcessEnv;
  readonly stdoutIsTTY: boolean;
  readonly now: number;
}

/** Turns follower options into a plan; every usage error is found here, before anything starts. */
export function planFollow(values: OptionValues, feeds: readonly string[], { env, stdoutIsTTY, now }: Environment): FollowPlan {
  feeds = feeds.map(checkSource);
  if (feeds.filter((feed) => feed === '-').length > 1) throw new UsageError(`'-' (stdin) can be given only once`);
  const headerLines = [...((env.LIVETAIL_HEADERS ?? '').split('\n')), ...((values.header as string[] | undefined) ?? [])];
  const timeZone = values.tz as string | undefined;
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) throw new UsageError(`unknown time zone '${timeZone}' (use an IANA name like Asia/Tokyo)`);
  const dumb = env.TERM === 'dumb';
  const color = !values['no-color'] && !env.NO_COLOR && !dumb;
  const format = values.format as string | undefined;
  let template: Template | undefined;
  if (format !== undefined) {
    try {
      template = compileTemplate(format);
    } catch (error) {
      if (error instanceof TemplateError) throw new UsageError(error.message);
      throw error;
    }
  }
  const once = values.once === true;
  const outputFile = values.output as string | undefined;
  if (outputFile !== undefined) checkOutputFile(outputFile, template, values.resume === true);
  let output: FollowPlan['output'];
  if (outputFile !== undefined) output = 'ndjson';
  else if (template !== undefined) output = 'text';
  else if (values.json === true || !stdoutIsTTY) output = 'ndjson';
  else if (once || dumb) {
    output = 'text';
    template = compileTemplate(plainTemplate);
  } else output = 'tui';
  const resume = values.resume === true;
  if (resume && output === 'tui') {
    throw new UsageError('--resume is for piped output (--json or --format); the full-screen view always shows the backlog');
  }
  // The pipe's filter gate knows tags only so far: refuse rather than print unfiltered entries.
  const since = values.since === undefined ? undefined : parseSince(values.since as string, now);
  return {
    feeds,
    headers: parseHeaders(headerLines),
    filter: { tags: (values.tag as string[] | undefined) ?? [], since },
    followedOnly: values.followed === true,
    output,
    template,
    once,
    idleMs: values.idle === undefined ? 2000 : parseDuration(values.idle as string, '--idle'),
    timeoutMs: values.timeout === undefined ? 60_000 : positiveDuration(values.timeout as string, '--timeout'),
    everyMs: values.every === undefined ? 30_000 : positiveDuration(values.every as string, '--every'),
    source: sourceChoice(values.source as string | undefined),
    resume,
    outputFile,
    timeZone,
    maxEntries: positiveInteger(values['max-entries'] as string | undefined, '--max-entries'),
    color,
    debug: values.debug === true,
  };
}
