// Loaded with `node --import` in front of bin/livetail.js: writes the process's peak RSS (bytes)
// to $BENCH_RSS_FILE when it exits, so the benchmark can read it without touching the app.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS * 1024));
});
