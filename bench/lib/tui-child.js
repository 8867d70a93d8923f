// One TUI measurement in a fresh process (so RSS is the app's own): the real App on a fake
// terminal receives `count` backlog entries; then keypress-to-frame latency is measured.
// Modes: `load <count> <keys> [correctEvery]` (every n-th entry then corrected 3 times),
// `bare <count> <keys>` (the floor app, same keys) and `soak <seconds> <perSecond> <maxEntries>`.
process.env.NODE_ENV = 'production';
process.env.CI = 'false';
const { benchEntry } = await import('./entries.js');
const { median, percentile } = await import('./stats.js');
const { benchSource, mountApp, mountBareApp } = await import('./mount-app.js');

const [mode, ...args] = process.argv.slice(2);
let frameWaiter;
let framesWithText = () => {};
const app = { onFrame: (text) => {
  framesWithText(text);
  if (frameWaiter) {
    const resolve = frameWaiter;
    frameWaiter = undefined;
    resolve(performance.now());
  }
} };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function pressAndWait(stdin, key) {
  // Keys come slower than Ink's frame throttle, as a person types.
  await sleep(40);
  const frame = new Promise((resolve) => (frameWaiter = resolve));
  const pressed = performance.now();
  stdin.press(key);
  return (await frame) - pressed;
}

async function keyLatencies(stdin, count) {
  const latencies = [];
  for (let index = 0; index < count; index += 1) latencies.push(await pressAndWait(stdin, index % 10 < 7 ? 'j' : 'k'));
  return latencies;
}

if (mode === 'load') {
  const count = Number(args[0]);
  const keys = Number(args[1]);
  const correctEvery = Number(args[2] ?? 0);
  const newestTitle = benchEntry(count - 1).title;
  let sawNewest = false;
  framesWithText = (text) => {
    if (text.includes(newestTitle)) sawNewest = true;
  };
  const started = performance.now();
  const { stdin, unmount } = await mountApp({ ...app, source: benchSource(benchEntry, { backlog: count, correctEvery }) });
  // Keypresses while the backlog is still arriving.
  const during = await keyLatencies(stdin, 3);
  // Moving the selection stops the view following arrivals (as it should for a reader): back
  // to the newest, as a reader would, so the catch-up frame can come.
  stdin.press('g');
  while (!sawNewest) await sleep(1);
  const catchUpMs = performance.now() - started;
  const after = await keyLatencies(stdin, keys);
  unmount();
  process.stdout.write(`${JSON.stringify({ catchUpMs, duringMedianMs: median(during), keyMedianMs: median(after), keyP95Ms: percentile(after, 95), maxRss: process.resourceUsage().maxRSS * 1024 })}\n`);
} else if (mode === 'bare') {
  const [count, keys] = args.map(Number);
  const { stdin, unmount } = await mountBareApp({ ...app, count });
  const after = await keyLatencies(stdin, keys);
  unmount();
  process.stdout.write(`${JSON.stringify({ keyMedianMs: median(after), keyP95Ms: percentile(after, 95), maxRss: process.resourceUsage().maxRSS * 1024 })}\n`);
} else if (mode === 'soak') {
  const [seconds, perSecond, maxEntries] = args.map(Number);
  const { unmount } = await mountApp({ ...app, source: benchSource(benchEntry, { perSecond }), maxEntries });
  const samples = [];
  const step = Math.max(1, Math.floor(seconds / 20));
  for (let elapsed = 0; elapsed < seconds; elapsed += step) {
    await sleep(step * 1000);
    global.gc?.();
    const usage = process.memoryUsage();
    samples.push({ seconds: elapsed + step, rss: usage.rss, heap: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external, arrayBuffers: usage.arrayBuffers });
  }
  unmount();
  process.stdout.write(`${JSON.stringify({ samples })}\n`);
}
process.exit(0);
