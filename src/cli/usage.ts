/** The whole command-line contract on one screen (design.md section 2). */
export const helpText = `livetail: follow live blogs in a terminal, or stream them to other programs

Usage:
  livetail [options] <source...>     follow sources: any http(s) URL (an SSE feed, a live-blog
                                     page, an RSS/Atom/RDF/JSON feed), a local file, or - (NDJSON)
  livetail demo [options]            serve the built-in sample live blog and follow it
  livetail serve <file|-> [--port N] [--host H] [--speed X] [--loop]
                                     publish NDJSON events as a livetail SSE feed
  livetail topics [list | add <topic>... | rm <topic>...]
                                     the topics you follow (highlighted, alerted, --followed)
  livetail config path               print the folder where settings and state are kept
                                     (LIVETAIL_CONFIG_DIR overrides it)
  livetail relay <feed...> --to <publisher-url>
                                     follow feeds once and publish every event to a hub
                                     (nginx nchan: http://hub/pub/CHANNEL; {channel} per feed)

Follower options (also for demo):
  --json                  print NDJSON, one event per line (the default when stdout is not a terminal)
  --format <template>     print one line per entry instead; fields: {time} {date} {iso} {title}
                          {body} {tags} {credits} {links} {feed} {id} {event} {edited} {modified}
                          {url} {author}; \\n \\t escapes; with {event}, deletes print a line too
  --tag <tag>             keep only entries carrying this tag (repeatable: any of them)
  --followed              only entries matching a followed topic (tag, topic, or word in the text)
  --since <time|dur>      skip entries older than an ISO time or a duration ago (90s, 30m, 2h, 1d)
  --once                  print what the feeds have now, then exit
  --idle <duration>       with --once: silence that means "now" for servers with no ready marker (default 2s)
  --timeout <duration>    with --once: how long to retry a feed that cannot be reached before
                          giving up with exit 1 (default 60s)
  --every <duration>      poll pages and feeds this often (default 30s; servers may ask for longer)
  --source <kind>         sse, page, feed or mastodon: skip detecting what each URL is
  --resume                piped output only: continue each feed after the last entry a previous run
                          printed (the position is kept with the settings, per feed URL)
  --output <file>         append NDJSON to the file instead of stdout; the file is the resume
                          position (each entry exactly once, even after a kill)
  --header 'Name: value'  send a header on every (re)connect (repeatable; also LIVETAIL_HEADERS,
                          newline-separated, which keeps tokens out of shell history)
  --tz <zone>             show times in this IANA zone (default: the system zone; z on screen
                          switches to the blog's own zone)
  --max-entries <n>       keep at most n entries on screen (oldest are dropped)
  --no-color              no colours (also NO_COLOR=1 or TERM=dumb)
  --debug                 show stack traces on errors

Serve options:
  --port <n>              port to listen on (default 8787; 0 picks a free one)
  --host <h>              address to listen on (default 127.0.0.1)
  --speed <x>             replay with the gaps between entry times divided by x; max = no gaps
                          (default: one event per second; events from - are published as they come)
  --loop                  start over at the end, with fresh entry ids

Relay options:
  --to <url>              the hub's publisher URL; {channel} is replaced per feed (needed for several)
  --header 'Name: value'  sent to the hub (its credentials); feeds take --source-header and LIVETAIL_HEADERS
  --journal <file>        where the relay keeps its position (default: relay/ in the settings folder)
  --max-held <n>          events held while the hub is down before the feeds are paused (default 10000)

Demo options: the follower options, plus --speed and --loop as for serve.

Keys (terminal): j/k or arrows move, PgUp/PgDn/Space page, g newest, G oldest, Enter expand,
  t tags, T clear tags, / search, n/N next/previous match, f follow, F followed only, m mute, U unmute,
  y copy, o open link, | pipe to a command, ? help (lists every key), Esc back, q quit.

  -h, --help              show this help
  -V, --version           show the version

Exit status: 0 done, 1 runtime failure (also: a feed stopped for good, e.g. HTTP 204/401/404),
  2 usage error. Network errors, 5xx and 429 are retried with backoff, forever while following.
`;

export class UsageError extends Error {}
