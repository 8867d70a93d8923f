import { createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runLivetail } from '../helpers/processes.js';

/*
 * A server's own text reaching stderr: a Content-Type carrying C1 controls (the one-byte CSI,
 * NEL, OSC; written as raw bytes, node:http would not send them) must arrive inert.
 */

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

describe('stderr never carries raw server text', () => {
  it('sanitizes the content-type in the "not a feed" line', async () => {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.once('data', () => {
        socket.end(Buffer.concat([
          Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: image/png', 'latin1'),
          Buffer.from([0x9b, 0x33, 0x31, 0x6d, 0x85, 0x9d]),
          Buffer.from('\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi', 'latin1'),
        ]));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => {
      for (const socket of sockets) socket.destroy();
      server.close();
    });
    const { port } = server.address() as AddressInfo;
    const result = await runLivetail([`http://127.0.0.1:${port}/`, '--once', '--json']);
    expect(result.stderr).toContain('(content-type: image/png');
    expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
