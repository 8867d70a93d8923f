/*
 * Some feeds give an item no date at all (RSS 0.92, feeds written by hand) or one nobody can read
 * (`Seg, 24 Set 2018`). Such an item is still an entry, timed when livetail first read it; that
 * time has to stay the same on every later poll, or each poll would look like a correction, so
 * it is remembered here, per feed and item, for as long as the process runs.
 */

export type FirstSeenClock = (feedUrl: string, itemId: string) => string;

/** At most `limit` items are remembered; the oldest are forgotten first. */
export function createFirstSeenClock(limit = 20_000, now: () => Date = () => new Date()): FirstSeenClock {
  const seen = new Map<string, string>();
  return (feedUrl, itemId) => {
    const key = `${feedUrl}\n${itemId}`;
    let time = seen.get(key);
    if (time === undefined) {
      time = now().toISOString().replace(/\.\d+Z$/, 'Z');
      if (seen.size >= limit) seen.delete(seen.keys().next().value as string);
      seen.set(key, time);
    }
    return time;
  };
}
