// Live-blog pages and RSS feeds to poll, served from their own process so a benchmark measures
// only the client: `node polled-server.js <documents> <changeEveryMs>` prints `{"port":N}`, then
// serves /0 ... /<documents-1> (even ones pages, odd ones feeds) with ETags, answering 304 to a
// matching If-None-Match; it prints `{"requests":N,"notModified":M}` for each line on its stdin. Every changeEveryMs one document, in turn, gains an update, and every
// third change also corrects the update before the new one. Each keeps its newest 40 updates, as pages do.
import { createServer } from 'node:http';

const [documents = 10, changeEveryMs = 0] = process.argv.slice(2).map(Number);
const keep = 40;
const lines = ['北浜の臨時バスは10分おきに出ている（架空）。', '<p>会見は<b>15時</b>から、市役所3階で。</p>', 'The ferry to Hoshizora resumed at noon (fictional).', '항구 주변 도로는 오후에 다시 열렸다(가상).'];

const docs = Array.from({ length: documents }, (_, index) => ({ index, version: 0, next: 0, updates: [] }));
function addUpdate(doc) {
  const n = doc.next++;
  doc.updates.unshift({ n, corrected: false, time: new Date(Date.parse('2026-11-25T09:00:00Z') + n * 60_000).toISOString() });
  if (doc.updates.length > keep) doc.updates.pop();
}
for (const doc of docs) for (let count = 0; count < 20; count += 1) addUpdate(doc);

const body = (doc, update) => `${lines[(doc.index + update.n) % lines.length]}${update.corrected ? '（訂正）' : ''} ${'港の様子。'.repeat(20)}`;

function page(doc) {
  const base = `https://news.example.test/live/${doc.index}`;
  const posting = {
    '@context': 'https://schema.org',
    '@type': 'LiveBlogPosting',
    headline: `架空の速報 ${doc.index}`,
    url: base,
    liveBlogUpdate: doc.updates.map((update) => ({
      '@type': 'BlogPosting',
      '@id': `${base}#u${update.n}`,
      headline: `第${update.n}報`,
      datePublished: update.time,
      ...(update.corrected ? { dateModified: new Date(Date.parse(update.time) + 30_000).toISOString() } : {}),
      articleBody: body(doc, update),
    })),
  };
  return { type: 'text/html; charset=utf-8', text: `<!doctype html><html><head><script type="application/ld+json">${JSON.stringify(posting)}</script></head><body><p>架空</p></body></html>` };
}

const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
function feed(doc) {
  const items = doc.updates.map((update) => `<item><guid>https://feed.example.test/${doc.index}/${update.n}</guid><title>第${update.n}報</title><pubDate>${new Date(update.time).toUTCString()}</pubDate><description>${escapeXml(body(doc, update))}</description></item>`);
  return { type: 'application/rss+xml; charset=utf-8', text: `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>架空フィード ${doc.index}</title><link>https://feed.example.test/${doc.index}</link>${items.join('')}</channel></rss>` };
}

let changes = 0;
if (changeEveryMs > 0) {
  setInterval(() => {
    const doc = docs[changes % docs.length];
    changes += 1;
    addUpdate(doc);
    if (changes % 3 === 0) doc.updates[1].corrected = true;
    doc.version += 1;
  }, changeEveryMs);
}

let requests = 0;
let notModified = 0;
const server = createServer((request, response) => {
  requests += 1;
  const doc = docs[Number(request.url.slice(1))];
  if (!doc) return void response.writeHead(404).end();
  const etag = `"v${doc.version}"`;
  if (request.headers['if-none-match'] === etag) {
    notModified += 1;
    return void response.writeHead(304, { ETag: etag }).end();
  }
  const { type, text } = doc.index % 2 === 0 ? page(doc) : feed(doc);
  response.writeHead(200, { ETag: etag, 'Content-Type': type }).end(text);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
// A line on stdin asks how many requests were answered so far; stdin's end (the parent closing it
// or dying) ends the server.
const counts = () => `${JSON.stringify({ requests, notModified })}\n`;
process.stdin.on('data', () => process.stdout.write(counts()));
process.stdin.on('end', () => process.stdout.write(counts(), () => process.exit(0)));
