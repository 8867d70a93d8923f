import type { Source } from '../schema/signal.js';
import { createAutoSource, polledSource } from './auto-source.js';
import type { SourceChoice } from './detect.js';
import { createFileSource } from './file-source.js';
import { createNdjsonSource } from './ndjson-source.js';
import { createSseSource } from './sse-source.js';
import { sourceTuning } from './tuning.js';

/*
 * The sources a plan names: stdin, files, and URLs (detected from the answer unless --source
 * says what they are). Polled kinds load their code only when asked for.
 */

/** What the sources of a follow plan are made from. */
export interface SourcePlan {
  /** `-`, http(s) URLs and file paths. */
  readonly feeds: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
  readonly everyMs: number;
  readonly source: SourceChoice | undefined;
}

export interface SourceRequest {
  /** Where to start each source (by its label), for --resume, --output and the relay. */
  readonly resumeIds?: ReadonlyMap<string, string>;
  /** Events carry their payload text as received, for a face that prints it. */
  readonly payloadText?: boolean;
}

/** A source whose adapter is still loading: it starts as soon as the code is there. */
function loading(feed: string, load: Promise<Source>): Source {
  let source: Source | undefined;
  let stopped = false;
  return {
    feed,
    start(emit) {
      void load.then(
        (loaded) => {
          source = loaded;
          if (!stopped) loaded.start(emit);
        },
        (error: Error) => emit({ type: 'state', feed, state: { status: 'stopped', reason: error.message } }),
      );
    },
    stop() {
      stopped = true;
      source?.stop();
    },
  };
}

function isUrl(feed: string): boolean {
  return /^https?:\/\//i.test(feed);
}

export function createSources(plan: SourcePlan, { resumeIds = new Map(), payloadText = false }: SourceRequest = {}): Source[] {
  const tuning = sourceTuning(process.env);
  return plan.feeds.map((feed) => {
    if (feed === '-') return createNdjsonSource(process.stdin);
    if (!isUrl(feed)) return createFileSource(feed);
    const lastEventId = resumeIds.get(feed);
    const options = { url: feed, headers: plan.headers, payloadText, everyMs: plan.everyMs, ...tuning, ...(lastEventId === undefined ? {} : { lastEventId }) };
    switch (plan.source) {
      case 'sse':
        return createSseSource(options);
      case 'page':
      case 'feed':
        return loading(feed, polledSource(plan.source, options));
      case 'mastodon':
        return loading(feed, Promise.reject(new Error('Mastodon hashtags are not supported yet')));
      case undefined:
        return createAutoSource(options);
    }
  });
}
