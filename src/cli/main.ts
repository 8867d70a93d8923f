import { parseArgs, type ParseArgsConfig } from 'node:util';
import manifest from '../../package.json' with { type: 'json' };
import { isValidTimeZone } from '../format/clock.js';
import { compileTemplate, TemplateError, type Template } from '../format/template.js';
import type { Filter } from '../timeline/select.js';
import { parseDuration, parseSince } from './durations.js';
import { parseHeaders } from './headers.js';
import { parseSpeed, positiveInteger } from './numbers.js';
import { helpText, UsageError } from './usage.js';

type Options = NonNullable<ParseArgsConfig['options']>;

const common: Options = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  debug: { type: 'boolean' },
};

const followerOptions: Options = {
  ...common,
  json: { type: 'boolean' },
  format: { type: 'string' },
  tag: { type: 'string', multiple: true },
  followed: { type: 'boolean' },
  since: { type: 'string' },
  once: { type: 'boolean' },
  idle: { type: 'string' },
  resume: { type: 'boolean' },
  header: { type: 'string', multiple: true },
  tz: { type: 'string' },
  'max-entries': { type: 'string' },
  'no-color': { type: 'boolean' },
};

const publishOptions: Options = {
  speed: { type: 'string' },
  loop: { type: 'boolean' },
};

const serveOptions: Options = { ...common, ...publishOptions, port: { type: 'string' }, host: { type: 'string' } };

/** A human template for a terminal that gets text rather than the full-screen app. */
const plainTemplate = '{time}  {title}\\n       {body}\\n       {tags}';

type Values = Record<string, string | boolean | string[] | undefined>;

function parse(args: readonly string[], options: Options): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: values as Values, positionals };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = (error as Error).message;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'([^']+)'/.exec(message)?.[1] ?? 'option';
      throw new UsageError(`unknown option '${option}'`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = /'(--?[\w-]+)/.exec(message)?.[1] ?? 'an option';
      throw new UsageError(`${option} needs a value`);
    }
    throw new UsageError(message.split('\n')[0]!);
  }
}


function checkFeed(feed: string): void {
  if (feed === '-') return;
  let url: URL;
  try {
    url = new URL(feed);
  } catch {
    throw new UsageError(`not a feed: '${feed}' (expected an http(s) URL, or - for NDJSON on stdin)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`not a feed: '${feed}' (only http and https are supported)`);
  }
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
  /** Continue each feed after the last event a previous piped run printed. */
  readonly resume: boolean;
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
export function planFollow(values: Values, feeds: readonly string[], { env, stdoutIsTTY, now }: Environment): FollowPlan {
  feeds.forEach(checkFeed);
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
  let output: FollowPlan['output'];
  if (template !== undefined) output = 'text';
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
    resume,
    timeZone,
    maxEntries: positiveInteger(values['max-entries'] as string | undefined, '--max-entries'),
    color,
    debug: values.debug === true,
  };
}

async function run(args: readonly string[], environment: Environment): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'serve') {
    const { values, positionals } = parse(rest, serveOptions);
    if (values.help) return printHelp();
    if (values.version) return printVersion();
    const { runServeCommand } = await import('./serve-command.js');
    return runServeCommand(values, positionals);
  }
  if (command === 'topics' || command === 'config') {
    const { values, positionals } = parse(rest, common);
    if (values.help) return printHelp();
    if (values.version) return printVersion();
    if (command === 'topics') return (await import('./topics-command.js')).runTopicsCommand(positionals, environment.env);
    return (await import('./config-command.js')).runConfigCommand(positionals, environment.env);
  }
  if (command === 'demo') {
    const { values, positionals } = parse(rest, { ...followerOptions, ...publishOptions });
    if (values.help) return printHelp();
    if (values.version) return printVersion();
    if (positionals.length > 0) throw new UsageError(`demo takes no feeds (got '${positionals[0]}')`);
    const plan = planFollow(values, ['http://127.0.0.1/'], environment);
    const { runDemo } = await import('./demo-command.js');
    return runDemo(plan, { speed: parseSpeed(values.speed as string | undefined), loop: values.loop === true });
  }
  const { values, positionals } = parse(args, followerOptions);
  if (values.help) return printHelp();
  if (values.version) return printVersion();
  if (positionals.length === 0) throw new UsageError('no feed given (livetail <url...>, or livetail demo)');
  const plan = planFollow(values, positionals, environment);
  // Sources and their schema load only for following, not for --help, --version or a usage error.
  const { follow } = await import('./follow.js');
  return follow(plan);
}

function printHelp(): number {
  process.stdout.write(helpText);
  return 0;
}

function printVersion(): number {
  process.stdout.write(`${manifest.version}\n`);
  return 0;
}

export async function main(args: readonly string[]): Promise<number> {
  const debug = args.includes('--debug');
  try {
    return await run(args, { env: process.env, stdoutIsTTY: process.stdout.isTTY === true, now: Date.now() });
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`livetail: ${error.message} (see livetail --help)\n`);
      return 2;
    }
    const failure = error instanceof Error ? error : new Error(String(error));
    process.stderr.write(`livetail: ${debug ? failure.stack ?? failure.message : failure.message}\n`);
    return 1;
  }
}
