import { afterEach, describe, expect, it } from 'vitest';
import { ndjsonEntryIds } from '../helpers/ndjson.js';
import { runLivetail } from '../helpers/processes.js';
import { closeScriptedServers, entryEvent, entryJson, eventStream, scriptedServer } from '../helpers/scripted-server.js';

/*
 * Byte order marks through the real bin/livetail.js, in a fresh process as a user runs it: the
 * SSE parser strips one at the start of each connection's body and no other.
 */

afterEach(closeScriptedServers);

const bom = Buffer.from([0xef, 0xbb, 0xbf]);
const ready = 'event: ready\ndata: {}\n\n';

describe('byte order marks end to end', () => {
  it('strips the first of two leading BOMs only: the second starts the first field name, which is then unknown', async () => {
    const server = await scriptedServer((_request, response) => {
      response.writeHead(200, eventStream);
      response.end(Buffer.concat([bom, bom, Buffer.from(`data: ${entryJson('b-0', '読まれない')}\n\n${entryEvent('b-1', '架空の市長選、開票始まる。')}${ready}`)]));
    });
    const result = await runLivetail([server.url, '--once', '--json']);
    expect(result.code).toBe(0);
    expect(ndjsonEntryIds(result.stdout)).toEqual(['b-1']);
  });

  it('strips a single leading BOM, on every connection', async () => {
    const server = await scriptedServer((_request, response, index) => {
      response.writeHead(200, eventStream);
      response.end(Buffer.concat([bom, Buffer.from(index === 0 ? entryEvent('s-1', '第一報。') : `${entryEvent('s-2', '第二報。')}${ready}`)]));
    });
    const result = await runLivetail([server.url, '--once', '--json'], { env: { LIVETAIL_BACKOFF_BASE_MS: '5', LIVETAIL_BACKOFF_MAX_MS: '10' } });
    expect(result.code).toBe(0);
    expect(ndjsonEntryIds(result.stdout)).toEqual(['s-1', 's-2']);
  });

  it('keeps a BOM that starts a chunk after a chunk with undecodable bytes', async () => {
    const server = await scriptedServer((_request, response, _index, later) => {
      response.writeHead(200, eventStream);
      response.write(Buffer.concat([Buffer.from(entryEvent('m-1', '速報。')), Buffer.from('data: \xff\n\n', 'latin1')]));
      later(150, () => response.end(Buffer.concat([bom, Buffer.from(`data: ${entryJson('m-2', '読まれない')}\n\n${entryEvent('m-3', '続報。')}${ready}`)])));
    });
    const result = await runLivetail([server.url, '--once', '--json']);
    expect(result.code).toBe(0);
    expect(ndjsonEntryIds(result.stdout)).toEqual(['m-1', 'm-3']);
    expect(result.stderr).toContain('not valid UTF-8');
  });
});
