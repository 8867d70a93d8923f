import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { channelUrls } from '../relay/channels.js';
import { createHttpHub } from '../relay/hub.js';
import { openJournal } from '../relay/journal.js';
import { runRelay, type RelayedSource } from '../relay/relay.js';
import { configDirectory } from '../settings/settings.js';
import { sourceTuning } from '../sources/tuning.js';
import { redactUrl } from '../text/redact.js';
import { sanitizeLine } from '../text/sanitize.js';
import { createSources } from '../sources/create-sources.js';
import type { FollowPlan } from './follow-plan.js';
import { parseHeaders } from './headers.js';
import { positiveInteger } from './numbers.js';
import { UsageError } from './usage.js';

/** Where a relay of these sources to this hub keeps its journal unless --journal says. */
function defaultJournal(env: NodeJS.ProcessEnv, to: string, feeds: readonly string[]): string {
  const key = createHash('sha256').update(JSON.stringify([to, ...feeds])).digest('hex').slice(0, 16);
  return join(configDirectory(env), 'relay', `${key}.ndjson`);
}

function checkHub(to: string): void {
  let url: URL;
  try {
    url = new URL(to.replaceAll('{channel}', 'channel'));
  } catch {
    throw new UsageError(`--to: not a URL: '${to}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--to: only http and https hubs are supported`);
}

/** `livetail relay <source...> --to <publisher-url>`. `plan`: how to follow the sources. */
export async function runRelayCommand(plan: FollowPlan, values: Record<string, unknown>, env: NodeJS.ProcessEnv): Promise<number> {
  const to = values.to as string | undefined;
  if (to === undefined) throw new UsageError('relay needs --to <publisher URL> (e.g. http://hub/pub/{channel})');
  checkHub(to);
  const channels = channelUrls(to, plan.feeds);
  if ('error' in channels) throw new UsageError(channels.error);
  const hubHeaders = parseHeaders((values.header as string[] | undefined) ?? []);
  const maxHeld = positiveInteger(values['max-held'] as string | undefined, '--max-held');
  const journalPath = (values.journal as string | undefined) ?? defaultJournal(env, to, plan.feeds);
  const warn = (line: string): void => {
    process.stderr.write(`livetail: ${line}\n`);
  };
  mkdirSync(join(journalPath, '..'), { recursive: true });
  // A second relay on this journal is refused (LockBusy: exit 2).
  const journal = openJournal(journalPath);
  const sources: RelayedSource[] = plan.feeds.map((feed, index) => ({
    label: feed === '-' ? 'stdin' : redactUrl(feed),
    channel: channels[index]!,
    reopenable: feed !== '-',
    open: (cursor) =>
      createSources({ ...plan, feeds: [feed] }, { payloadText: true, ...(cursor === undefined ? {} : { resumeIds: new Map([[feed, cursor]]) }) })[0]!,
  }));
  for (const source of sources) warn(`relay: ${sanitizeLine(source.label)} -> ${sanitizeLine(redactUrl(source.channel))}`);
  const stop = new AbortController();
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const onSignal = (): void => stop.abort();
  for (const signal of signals) process.once(signal, onSignal);
  const hub = createHttpHub(hubHeaders);
  try {
    return await runRelay({ sources, hub, journal, warn, stop: stop.signal, policy: sourceTuning(env).policy, ...(maxHeld === undefined ? {} : { maxHeld }) });
  } finally {
    hub.close();
    journal.close();
    for (const signal of signals) process.off(signal, onSignal);
  }
}
