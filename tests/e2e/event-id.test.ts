import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { makeEntry } from '../helpers/entries.js';
import { runLivetail } from '../helpers/processes.js';

describe('event ids beyond Latin-1', () => {
  it('are sent back as UTF-8 bytes in Last-Event-ID, so the feed resumes instead of failing for good', async () => {
    const received: (string | undefined)[] = [];
    const server = createServer((request, response) => {
      const header = request.headers['last-event-id'];
      received.push(typeof header === 'string' ? Buffer.from(header, 'latin1').toString('utf8') : undefined);
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      if (received.length === 1) {
        response.end(`id: 記事-1\nevent: entry\ndata: ${JSON.stringify(makeEntry('k1', 1))}\n\nid: café-2\nevent: entry\ndata: ${JSON.stringify(makeEntry('k2', 2))}\n\n`);
      } else {
        response.end(`id: 記事-3\nevent: entry\ndata: ${JSON.stringify(makeEntry('k3', 3))}\n\nevent: ready\ndata: {}\n\n`);
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const run = await runLivetail([`http://127.0.0.1:${port}/`, '--once', '--json'], { env: { LIVETAIL_BACKOFF_BASE_MS: '20' } });
      expect(run.stderr).not.toContain('ERR_INVALID_CHAR');
      expect(run.code).toBe(0);
      expect(received).toEqual([undefined, 'café-2']);
      expect(run.stdout.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(['k1', 'k2', 'k3']);
    } finally {
      server.close();
    }
  });
});
