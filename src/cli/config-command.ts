import { configDirectory } from '../settings/settings.js';
import { UsageError } from './usage.js';

/** `livetail config path`: the folder holding settings.json and state.json. */
export function runConfigCommand(positionals: readonly string[], env: NodeJS.ProcessEnv): number {
  const [action, ...extra] = positionals;
  if (action !== 'path') throw new UsageError(action === undefined ? 'config needs a command: path' : `unknown config command '${action}' (path)`);
  if (extra.length > 0) throw new UsageError(`config path takes no arguments (got '${extra[0]}')`);
  process.stdout.write(`${configDirectory(env)}\n`);
  return 0;
}
