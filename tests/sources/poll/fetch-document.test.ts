import { afterEach, describe, expect, it } from 'vitest';
import { fetchDocument } from '../../../src/sources/poll/fetch-document.js';
import { startDocumentServer, type DocumentServer } from '../../helpers/document-server.js';

let server: DocumentServer | undefined;
afterEach(async () => server?.close());

describe('fetchDocument', () => {
  it('polls an unchanged document over the one connection it opened', async () => {
    server = await startDocumentServer('<html><p>架空の速報</p></html>');
    const signal = new AbortController().signal;
    const fetchWith = (validators: { etag?: string }) => fetchDocument(server!.url, { headers: {}, validators, signal, accept: 'text/html' });
    const first = await fetchWith({});
    if (first.kind !== 'document') throw new Error(`expected the page, got ${first.kind}`);
    for (let poll = 0; poll < 3; poll += 1) expect((await fetchWith(first.validators)).kind).toBe('unchanged');
    expect(server.notModified()).toBe(3);
    expect(server.connections()).toBe(1);
  });
});
