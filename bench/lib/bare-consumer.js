// The least that pipe mode must do, as a baseline: the `eventsource` package, JSON.parse, and
// one NDJSON line per entry written to a file. Nothing else (no validation, no dedupe).
import { closeSync, openSync, writeSync } from 'node:fs';
import { EventSource } from 'eventsource';

const [url, outPath] = process.argv.slice(2);
const fd = openSync(outPath, 'w');
let lines = '';
const flush = () => {
  writeSync(fd, lines);
  lines = '';
};
const source = new EventSource(url);
source.addEventListener('entry', (event) => {
  lines += `${JSON.stringify({ event: 'entry', feed: url, ...JSON.parse(event.data) })}\n`;
  if (lines.length > 64 * 1024) flush();
});
source.addEventListener('ready', () => {
  flush();
  closeSync(fd);
  source.close();
  process.exit(0);
});
