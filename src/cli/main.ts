import { parseArgs, type ParseArgsConfig } from 'node:util';
import manifest from '../../package.json' with { type: 'json' };
import { planFollow, type Environment, type OptionValues } from './follow-plan.js';
import { parseSpeed } from './numbers.js';
import { helpText, UsageError } from './usage.js';
import { LockBusy } from '../settings/lock.js';

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
  timeout: { type: 'string' },
  resume: { type: 'boolean' },
  output: { type: 'string' },
  header: { type: 'string', multiple: true },
  tz: { type: 'string' },
  'max-entries': { type: 'string' },
  'no-color': { type: 'boolean' },
  every: { type: 'string' },
  source: { type: 'string' },
};

const publishOptions: Options = {
  speed: { type: 'string' },
  loop: { type: 'boolean' },
};

const relayOptions: Options = {
  ...common,
  to: { type: 'string' },
  header: { type: 'string', multiple: true },
  'source-header': { type: 'string', multiple: true },
  journal: { type: 'string' },
  'max-held': { type: 'string' },
  every: { type: 'string' },
  source: { type: 'string' },
  tag: { type: 'string', multiple: true },
  since: { type: 'string' },
};

const serveOptions: Options = { ...common, ...publishOptions, port: { type: 'string' }, host: { type: 'string' } };

type Values = OptionValues;

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
  if (command === 'relay') {
    const { values, positionals } = parse(rest, relayOptions);
    if (values.help) return printHelp();
    if (values.version) return printVersion();
    if (positionals.length === 0) throw new UsageError('relay needs at least one source (livetail relay <source...> --to <url>)');
    // --header is the hub's; the sources take --source-header (and LIVETAIL_HEADERS).
    const plan = planFollow({ ...values, header: values['source-header'], json: true }, positionals, environment);
    const { runRelayCommand } = await import('./relay-command.js');
    return runRelayCommand(plan, values, environment.env);
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
    // Refused because another livetail holds the same journal, --output file or --resume feed.
    if (error instanceof LockBusy) {
      process.stderr.write(`livetail: ${error.message}\n`);
      return 2;
    }
    const failure = error instanceof Error ? error : new Error(String(error));
    process.stderr.write(`livetail: ${debug ? failure.stack ?? failure.message : failure.message}\n`);
    return 1;
  }
}
