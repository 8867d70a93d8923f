import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

/**
 * Serves a prepared SSE stream as fast as the client reads it, then closes the connection, so
 * every consumer (livetail, a bare eventsource client, curl) sees the same bytes and an end.
 */
export async function startStreamServer(stream) {
  const body = Buffer.from(stream, 'utf8');
  const server = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    const chunk = 256 * 1024;
    let offset = 0;
    const pump = () => {
      while (offset < body.length) {
        const end = Math.min(offset + chunk, body.length);
        const more = response.write(body.subarray(offset, end));
        offset = end;
        if (!more) return void response.once('drain', pump);
      }
      response.end();
    };
    pump();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, bytes: body.length, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** Pages and feeds to poll, in their own process (see polled-server.js); `close` resolves with its last request counts. */
export async function startPolledServer(documents, changeEveryMs = 0) {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./polled-server.js', import.meta.url)), String(documents), String(changeEveryMs)], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (out += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const port = await new Promise((resolve, reject) => {
    const ready = () => {
      if (!out.includes('\n')) return;
      child.stdout.off('data', ready);
      resolve(JSON.parse(out.split('\n')[0]).port);
    };
    child.stdout.on('data', ready);
    void exited.then((code) => reject(new Error(`polled server exited ${code}`)));
  });
  const lastCounts = () => JSON.parse(out.trim().split('\n').at(-1));
  let closed;
  return {
    urls: Array.from({ length: documents }, (_, index) => `http://127.0.0.1:${port}/${index}`),
    /** How many requests were answered so far, and how many of them with a 304. */
    counts: () =>
      new Promise((resolve) => {
        child.stdout.once('data', () => resolve(lastCounts()));
        child.stdin.write('\n');
      }),
    close: () => {
      closed ??= (child.stdin.end(), exited.then(lastCounts));
      return closed;
    },
  };
}
