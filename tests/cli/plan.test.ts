import { describe, expect, it } from 'vitest';
import { planFollow } from '../../src/cli/follow-plan.js';
import { parseSpeed } from '../../src/cli/numbers.js';
import { parseDuration, parseSince } from '../../src/cli/durations.js';
import { parseHeaders } from '../../src/cli/headers.js';
import { UsageError } from '../../src/cli/usage.js';

const tty = { env: {}, stdoutIsTTY: true, now: Date.parse('2026-11-25T12:00:00Z') };

describe('follower plan', () => {
  it('picks the face from the terminal and the flags', () => {
    expect(planFollow({}, ['http://127.0.0.1:1/'], tty).output).toBe('tui');
    expect(planFollow({}, ['http://127.0.0.1:1/'], { ...tty, stdoutIsTTY: false }).output).toBe('ndjson');
    expect(planFollow({ json: true }, ['http://127.0.0.1:1/'], tty).output).toBe('ndjson');
    expect(planFollow({ format: '{title}' }, ['-'], { ...tty, stdoutIsTTY: false }).output).toBe('text');
    expect(planFollow({ once: true }, ['-'], tty).output).toBe('text');
    expect(planFollow({}, ['-'], { ...tty, env: { TERM: 'dumb' } })).toMatchObject({ output: 'text', color: false });
  });

  it('takes --resume for piped output only: the full-screen view always shows the backlog', () => {
    expect(planFollow({ resume: true }, ['http://127.0.0.1:1/'], { ...tty, stdoutIsTTY: false }).resume).toBe(true);
    expect(planFollow({ resume: true, format: '{title}' }, ['http://127.0.0.1:1/'], tty).resume).toBe(true);
    expect(() => planFollow({ resume: true }, ['http://127.0.0.1:1/'], tty)).toThrow(UsageError);
  });

  it('writes NDJSON to the --output file whether or not stdout is a terminal; NDJSON only, and it resumes by itself', () => {
    const feed = ['http://127.0.0.1:1/'];
    expect(planFollow({ output: 'desk.ndjson' }, feed, tty)).toMatchObject({ output: 'ndjson', outputFile: 'desk.ndjson' });
    expect(planFollow({ output: 'desk.ndjson' }, feed, { ...tty, stdoutIsTTY: false })).toMatchObject({ output: 'ndjson', outputFile: 'desk.ndjson' });
    expect(planFollow({}, feed, tty).outputFile).toBeUndefined();
    expect(() => planFollow({ output: 'desk.ndjson', format: '{title}' }, feed, tty)).toThrow(/cannot take --format/);
    expect(() => planFollow({ output: 'desk.ndjson', resume: true }, feed, tty)).toThrow(/leave out --resume/);
    expect(() => planFollow({ output: '-' }, feed, tty)).toThrow(/needs a file/);
    expect(() => planFollow({ output: '/no/such/folder/desk.ndjson' }, feed, tty)).toThrow("--output: no folder '/no/such/folder' for '/no/such/folder/desk.ndjson'");
  });

  it('turns colour off for --no-color and NO_COLOR', () => {
    expect(planFollow({}, ['-'], tty).color).toBe(true);
    expect(planFollow({ 'no-color': true }, ['-'], tty).color).toBe(false);
    expect(planFollow({}, ['-'], { ...tty, env: { NO_COLOR: '1' } }).color).toBe(false);
  });

  it('collects tags, since, idle, headers from flags and the environment', () => {
    const plan = planFollow(
      { tag: ['会見', '交通'], since: '30m', idle: '500ms', header: ['X-Desk: tokyo'] },
      ['http://127.0.0.1:1/'],
      { ...tty, env: { LIVETAIL_HEADERS: 'Authorization: Bearer s3cret\n\n' } },
    );
    expect(plan.filter).toEqual({ tags: ['会見', '交通'], since: tty.now - 30 * 60_000 });
    expect(plan.idleMs).toBe(500);
    expect(plan.headers).toEqual({ Authorization: 'Bearer s3cret', 'X-Desk': 'tokyo' });
  });

  it('gives --once a timeout for unreachable feeds of its own: 60s, or --timeout', () => {
    expect(planFollow({ once: true }, ['-'], tty).timeoutMs).toBe(60_000);
    expect(planFollow({ once: true, timeout: '90s', idle: '1s' }, ['-'], tty)).toMatchObject({ timeoutMs: 90_000, idleMs: 1000 });
  });

  it.each([
    [{}, ['ftp://x/'], /only http and https/],
    [{}, ['nonsense'], /not a feed/],
    [{}, ['-', '-'], /only once/],
    [{ tz: 'Mars/Base' }, ['-'], /unknown time zone/],
    [{ format: '{oops}' }, ['-'], /unknown field/],
    [{ 'max-entries': '0' }, ['-'], /positive whole number/],
    [{ idle: 'soon' }, ['-'], /duration/],
    [{ timeout: 'later' }, ['-'], /--timeout expects a duration/],
    [{ timeout: '0s' }, ['-'], /--timeout must be longer than 0/],
    [{ since: 'last tuesday' }, ['-'], /--since/],
    [{ header: ['no colon here'] }, ['-'], /Name: value/],
  ])('usage error for %j %j', (values, feeds, message) => {
    expect(() => planFollow(values, feeds, tty)).toThrow(UsageError);
    expect(() => planFollow(values, feeds, tty)).toThrow(message);
  });

  it('refuses a header value HTTP cannot carry, without showing it', () => {
    expect(() => parseHeaders(['X-Token: 秘密のトークン'])).toThrow("header 'X-Token' has a character HTTP headers cannot carry");
    expect(parseHeaders(['X-Label: café\tok'])).toEqual({ 'X-Label': 'café\tok' });
  });

  it('never puts a header value in an error', () => {
    expect(() => parseHeaders(['Authorization: Bearer tok\u0000en'])).toThrow(/Authorization/);
    try {
      parseHeaders(['Authorization: Bearer tok\u0000en']);
    } catch (error) {
      expect((error as Error).message).not.toContain('tok');
    }
  });

  it('parses durations, times and speeds', () => {
    expect(parseDuration('2s', '--idle')).toBe(2000);
    expect(parseDuration('1.5', '--idle')).toBe(1500);
    expect(parseDuration('1h', '--idle')).toBe(3_600_000);
    expect(parseSince('2026-11-25T14:00:00+09:00', 0)).toBe(Date.parse('2026-11-25T05:00:00Z'));
    expect(parseSpeed('max')).toBe(Number.POSITIVE_INFINITY);
    expect(parseSpeed('60')).toBe(60);
    expect(() => parseSpeed('0')).toThrow(UsageError);
  });
});
