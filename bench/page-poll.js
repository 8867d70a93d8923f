// Polling a live-blog page (issue 10): parse + diff of a changed 1.3 MB page with ~430 updates,
// against JSON.parse of the same page's JSON-LD text alone (the floor: the JSON has to be read
// anyway); and the CPU an unchanged poll (a 304) costs, through the real conditional GET.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { commonOptions } from '../scripts/bundle.mjs';
import { startPolledServer } from './lib/server.js';
import { median, repeat, spread } from './lib/stats.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const phrases = ['港湾局（架空）によると、', '第2埠頭では午後から荷役作業が再開され、', '会見でノヴァク港湾相は「航路の安全を最優先にする」と述べた。', '<p>臨港線は15分間隔で運転している。</p>'];

/** A fictional page like a big newsroom's: one LiveBlogPosting, `count` updates, newest first. */
function page(count, edited = -1) {
  const updates = [];
  for (let index = count - 1; index >= 0; index -= 1) {
    let body = '';
    for (let part = 0; body.length < 2400; part += 1) body += phrases[(index + part) % phrases.length];
    updates.push({
      '@type': 'BlogPosting',
      '@id': `https://news.example.test/live/hoshizora#u${index}`,
      headline: `第${index}報：ほしぞら港の運航状況（架空）&quot;速報&quot;`,
      datePublished: new Date(Date.parse('2026-11-25T09:00:00+09:00') + index * 60_000).toISOString(),
      articleBody: index === edited ? `${body}（訂正）` : body,
      author: { '@type': 'Person', name: '港 ミナト（架空）' },
      image: { '@type': 'ImageObject', url: `https://news.example.test/img/${index}.jpg`, caption: '埠頭の様子', creditText: '© 架空フォト' },
    });
  }
  const json = JSON.stringify({ '@context': 'https://schema.org', '@type': 'LiveBlogPosting', headline: 'ほしぞら港湾サミット（架空）', liveBlogUpdate: updates });
  return { html: `<!doctype html><html><head><script type="application/ld+json">${json}</script></head><body>${'<p>本文</p>'.repeat(200)}</body></html>`, json };
}

export async function runPagePollBench({ runs = 5 } = {}) {
  const outdir = fileURLToPath(new URL('../dist/bench/', import.meta.url));
  await build({ ...commonOptions, absWorkingDir: root, stdin: { contents: "export { createPageParser } from './src/sources/page/parse-page.ts'; export { diffSnapshot } from './src/sources/poll/snapshot-diff.ts'; export { fetchDocument } from './src/sources/poll/fetch-document.ts';", resolveDir: root, loader: 'ts' }, outdir, entryNames: 'page-poll' });
  const { createPageParser, diffSnapshot, fetchDocument } = await import(`${outdir}page-poll.js`);
  const before = page(430);
  const after = page(430, 200);
  const url = 'https://news.example.test/live/hoshizora';
  const contentType = 'text/html; charset=utf-8';
  const beforeBody = Buffer.from(before.html);
  const changedBody = Buffer.from(after.html);
  // A follower polls for hours: the figures are of warm code, after a few untimed rounds.
  const timed = async (work) => {
    for (let round = 0; round < 5; round += 1) work();
    return repeat(runs * 5, () => {
      const started = performance.now();
      work();
      return performance.now() - started;
    });
  };
  const floor = await timed(() => JSON.parse(after.json));
  // One source's parser and poll state, the page alternating between its two versions: every
  // poll is a changed one, with one update edited (or edited back) since the last.
  const parse = createPageParser();
  let state = diffSnapshot({ entries: new Map(), blog: undefined }, parse({ body: beforeBody, contentType, url }).snapshot).state;
  const bodies = [changedBody, beforeBody];
  let polls = 0;
  const changed = await timed(() => {
    const diffed = diffSnapshot(state, parse({ body: bodies[polls++ % 2], contentType, url }).snapshot);
    state = diffed.state;
    if (diffed.events.length !== 1) throw new Error(`a changed poll gave ${diffed.events.length} events, expected 1 update`);
  });

  // An unchanged poll: the server (in its own process) answers 304 to the ETag; the client's CPU
  // time per poll, over one kept-alive connection as a followed source polls.
  const server = await startPolledServer(1);
  const signal = new AbortController().signal;
  const fetchOnce = (validators) => fetchDocument(server.urls[0], { headers: {}, validators, signal, accept: 'text/html' });
  const first = await fetchOnce({});
  if (first.kind !== 'document') throw new Error(`expected a page, got ${first.kind}`);
  const poll = () => fetchOnce(first.validators);
  for (let index = 0; index < 20; index += 1) await poll();
  const systemShare = [];
  const cpu = await repeat(runs, async () => {
    const started = process.cpuUsage();
    for (let index = 0; index < 50; index += 1) if ((await poll()).kind !== 'unchanged') throw new Error('expected a 304');
    const used = process.cpuUsage(started);
    systemShare.push(used.system / (used.user + used.system));
    return (used.user + used.system) / 1000 / 50;
  });
  await server.close();
  const size = `${(before.html.length / 1e6).toFixed(1)} MB, 430 updates`;
  return [
    { group: 'page poll', name: `JSON.parse of the page's JSON-LD alone (${size}, floor)`, value: median(floor), unit: 'ms', spread: spread(floor) },
    { group: 'page poll', name: 'changed poll: parse + diff into 1 update', value: median(changed), unit: 'ms', spread: spread(changed), ratio: median(changed) / median(floor), baseline: 'of JSON.parse', target: '<= 5x JSON.parse', met: median(changed) <= 5 * median(floor), note: `fastest of ${changed.length}: ${Math.min(...changed).toFixed(1)} ms against ${Math.min(...floor).toFixed(1)} ms (${(Math.min(...changed) / Math.min(...floor)).toFixed(1)}x); every poll an edit of one update since the last, through one source's parser` },
    { group: 'page poll', name: 'unchanged poll (304): client CPU', value: median(cpu), unit: 'ms', spread: spread(cpu), target: '<= 1 ms', met: median(cpu) <= 1, note: `${(median(systemShare) * 100).toFixed(0)}% of it system time; the server runs in its own process` },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { renderTable } = await import('./lib/stats.js');
  console.log(renderTable(await runPagePollBench()));
}
