import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../src/text/redact.js';
import { runLivetail } from '../helpers/processes.js';
import { startDocumentServer } from '../helpers/document-server.js';

describe('credentials in URLs', () => {
  it('are replaced wherever a URL is shown or stored, the rest kept as written', () => {
    expect(redactUrl('https://news.example.test/live?access_token=abc123&page=2')).toBe('https://news.example.test/live?access_token=***&page=2');
    expect(redactUrl('https://user:pa55@news.example.test/live')).toBe('https://***@news.example.test/live');
    expect(redactUrl('http://127.0.0.1:8787/sub?X-Amz-Signature=f00&api_key=k&sig=s')).toBe('http://127.0.0.1:8787/sub?X-Amz-Signature=***&api_key=***&sig=***');
    expect(redactUrl('https://news.example.test/live/hoshizora')).toBe('https://news.example.test/live/hoshizora');
    expect(redactUrl('stdin')).toBe('stdin');
  });

  it('never reach stdout or stderr from the real binary', async () => {
    const server = await startDocumentServer('<html></html>');
    try {
      const secret = 'tok-3f9a1c';
      const run = await runLivetail([`${server.url}?access_token=${secret}`, '--once', '--json']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('access_token=***');
      expect(run.stdout + run.stderr).not.toContain(secret);
      expect(server.requests.length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
