// Layout benchmark (issue 3): wrap a 10,000-character mixed Japanese/English text at width 40,
// cold (prepareText + wrapPrepared) and warm (wrapPrepared of a prepared text: what a re-render
// or resize costs; plus the cached lookup), against wrap-ansi (hard: true) — what Ink's
// <Text wrap> uses — in the same run; count kinsoku violations in both outputs; and lay out a
// 100,000-character text cold to show linear time (ratio to the 10k figure).
//
// Plain ESM JavaScript on the build output: `npm run build && node bench/layout.js`.
// Each figure: several runs after warm-up; median and spread (interquartile range, ms).
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import wrapAnsi from 'wrap-ansi';
import { prepareText, wrapPrepared, wrapPreparedCached } from '../dist/text/index.js';

const WIDTH = 40;

// Kinsoku lists from issue 3 (plus ASCII counterparts).
const NO_START = new Set([
  ...'）」』】〕〉》”’', ...'、。，．・：；！？‼', 'ー', ...'々ゝゞヽヾ',
  ...'ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ', '〜', ...'),.!?]}:;',
]);
const NO_END = new Set([...'（「『【〔〈《“‘', '(', '[']);

/** Deterministic mixed Japanese/English news-like text of exactly `n` UTF-16 units. */
export function makeText(n, seed = 42) {
  let s = seed >>> 0;
  const rnd = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const ja = [
    '東京都は今日、新しい発表を行いました。', '「現場からお伝えします」と記者が述べた。',
    '気温は28℃まで上がり、降水確率は10%です。', 'ちょっと待ってください……まだ続きがあります——本当に。',
    '（速報）首相が会見を開き、経済対策について説明した。', 'チームは3kmのコースを走り切った！', '本当ですか？',
    'ニュースの詳細は後ほどお知らせします。', 'ユーザーからの質問：「いつ発売されますか？」',
    '『週刊ニュース』によると、状況は改善しつつある。', '一人ひとりが々と努力を続けている。',
  ];
  const en = [
    'The Prime Minister said the economy is recovering.', 'Live updates:', 'According to Reuters,',
    'a spokesperson confirmed the report.', 'Breaking news from Tokyo.', 'Apple and Sony announced',
    'see https://example.com/news/2024/live for details.', 'It is "very likely" to continue.',
  ];
  let out = '';
  while (out.length < n) {
    const r = rnd();
    if (r < 0.6) out += ja[Math.floor(rnd() * ja.length)];
    else out += (out.endsWith(' ') ? '' : ' ') + en[Math.floor(rnd() * en.length)] + ' ';
    if (rnd() < 0.05) out += '\n';
  }
  return out.slice(0, n);
}

/** Bad line starts/ends between lines of the same paragraph. */
export function countKinsokuViolations(lines) {
  let bad = 0;
  for (let k = 1; k < lines.length; k++) {
    const prev = lines[k - 1].replace(/ +$/, '');
    const cur = lines[k].replace(/^ +/, '');
    if (!prev || !cur) continue;
    const first = String.fromCodePoint(cur.codePointAt(0));
    const lastCp = [...prev].pop();
    if (NO_START.has(first)) bad++;
    if (NO_END.has(lastCp)) bad++;
  }
  return bad;
}

function stats(samples) {
  const a = [...samples].sort((x, y) => x - y);
  const q = (p) => {
    const i = (a.length - 1) * p;
    const lo = Math.floor(i);
    const hi = Math.ceil(i);
    return a[lo] + (a[hi] - a[lo]) * (i - lo);
  };
  return { median: q(0.5), iqr: q(0.75) - q(0.25) };
}

function measure(fn, runs, warmup = 3) {
  for (let i = 0; i < warmup; i++) fn();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return stats(samples);
}

const round = (x, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

/** Run the benchmark; returns rows {name, median_ms, spread, ratio?, note?} (spread = IQR ms). */
export function runLayoutBench({ runs = 21 } = {}) {
  const text10k = makeText(10_000);
  const text100k = makeText(100_000, 7);
  const rows = [];

  // First-ever layout in this process (per-grapheme width/class caches empty).
  const t0 = performance.now();
  const first = wrapPrepared(prepareText(text10k), WIDTH);
  const firstMs = performance.now() - t0;

  // Fresh string each run so nothing is cached on the text itself.
  let salt = 0;
  const cold = measure(() => wrapPrepared(prepareText(text10k + String(salt++ % 10)), WIDTH), runs * 3);
  const prepared = prepareText(text10k);
  const warm = measure(() => wrapPrepared(prepared, WIDTH), runs * 3);
  const cached = measure(() => wrapPreparedCached(prepared, WIDTH), runs * 3);
  const ansi = measure(() => wrapAnsi(text10k, WIDTH, { hard: true }), runs);
  const big = measure(() => wrapPrepared(prepareText(text100k), WIDTH), Math.max(7, Math.floor(runs / 2)), 1);

  const ours = wrapPrepared(prepared, WIDTH);
  const theirs = wrapAnsi(text10k, WIDTH, { hard: true }).split('\n');
  const oursBad = countKinsokuViolations(ours);
  const theirsBad = countKinsokuViolations(theirs);
  if (JSON.stringify(first) !== JSON.stringify(ours)) throw new Error('layout not deterministic');

  rows.push({ name: 'wrap-ansi hard, 10k @40', median_ms: round(ansi.median), spread: round(ansi.iqr),
    note: `${theirs.length} lines, ${theirsBad} kinsoku violations` });
  rows.push({ name: 'livetail cold 10k @40 (prepare+wrap)', median_ms: round(cold.median), spread: round(cold.iqr),
    ratio: round(ansi.median / cold.median, 1),
    note: `${ours.length} lines, ${oursBad} kinsoku violations; first call in process ${round(firstMs, 1)} ms (JIT, string-width init, empty caches); ratio = wrap-ansi / this` });
  rows.push({ name: 'livetail warm 10k @40 (wrapPrepared)', median_ms: round(warm.median, 4), spread: round(warm.iqr, 4),
    ratio: round(ansi.median / warm.median, 1), note: 'ratio = wrap-ansi / this (target >= 20)' });
  rows.push({ name: 'livetail cached 10k @40 (wrapPreparedCached)', median_ms: round(cached.median, 5), spread: round(cached.iqr, 5),
    ratio: round(ansi.median / cached.median, 0), note: 'layout cache hit' });
  rows.push({ name: 'livetail cold 100k @40 (prepare+wrap)', median_ms: round(big.median), spread: round(big.iqr),
    ratio: round(big.median / cold.median, 2), note: 'ratio = 100k / 10k cold (target < 10)' });
  return rows;
}

function printTable(rows) {
  const cols = ['name', 'median_ms', 'spread', 'ratio', 'note'];
  const cells = rows.map((r) => cols.map((c) => (r[c] === undefined ? '' : String(r[c]))));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const fmt = (row) => row.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
  console.log(fmt(cols));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells) console.log(fmt(row));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  printTable(runLayoutBench());
}
