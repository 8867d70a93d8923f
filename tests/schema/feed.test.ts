import { describe, expect, it } from 'vitest';
import { parseEventData, validateEvent } from '../../src/schema/feed.js';
import { formatNdjsonLine, parseNdjsonLine } from '../../src/schema/ndjson.js';

const entry = {
  id: 'e1',
  time: '2026-11-25T14:35:00+09:00',
  title: '共同声明「航路の安全を最優先」',
  body: '両首脳は共同声明を発表した。\n\n質疑は20分長引いた。',
  tags: ['会見', '港湾'],
  media: [{ caption: '会場', credit: '© 架空フォト / ホシノ・ミナト' }],
  links: [{ title: '【図解】声明のポイント', url: 'https://news.example/a', summary: '要点' }],
  key: true,
};

describe('event validation', () => {
  it('accepts a full entry, an update, a delete and a blog', () => {
    expect(validateEvent('entry', entry)).toEqual({ ok: true, value: { event: 'entry', entry } });
    expect(validateEvent('update', entry).ok).toBe(true);
    expect(validateEvent('delete', { id: 'e1' })).toEqual({ ok: true, value: { event: 'delete', id: 'e1' } });
    const blog = { id: 'b', title: 'ほしぞら港湾サミット（架空）', status: 'live', topic: { id: 't', name: '港湾', count: 12 } };
    expect(validateEvent('blog', blog)).toEqual({ ok: true, value: { event: 'blog', blog } });
  });

  it('fills in an empty body and no tags for a photo-only entry', () => {
    const result = validateEvent('entry', { id: 'p', time: '2026-11-25T05:00:00Z', media: [{ caption: '写真' }] });
    expect(result.ok && result.value.event === 'entry' && result.value.entry).toMatchObject({ body: '', tags: [] });
  });

  it.each([
    ['missing id', { time: '2026-11-25T14:35:00+09:00', body: '' }, 'id'],
    ['empty id', { id: '', time: '2026-11-25T14:35:00+09:00', body: '' }, 'id'],
    ['time without offset', { id: 'x', time: '2026-11-25T14:35:00', body: '' }, 'time'],
    ['not a time', { id: 'x', time: 'yesterday', body: '' }, 'time'],
    ['tags not strings', { id: 'x', time: '2026-11-25T14:35:00Z', tags: [1] }, 'tags.0'],
    ['media without caption', { id: 'x', time: '2026-11-25T14:35:00Z', media: [{ credit: 'c' }] }, 'media.0.caption'],
    ['key not boolean', { id: 'x', time: '2026-11-25T14:35:00Z', key: 'yes' }, 'key'],
  ])('rejects an entry with %s, naming the field', (_name, payload, field) => {
    const result = validateEvent('entry', payload);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.startsWith(`${field}:`)).toBe(true);
  });

  it('rejects a blog with an unknown status and a delete without id', () => {
    expect(validateEvent('blog', { id: 'b', title: 't', status: 'paused' }).ok).toBe(false);
    expect(validateEvent('delete', {}).ok).toBe(false);
  });

  it('reports text that is not JSON without throwing', () => {
    expect(parseEventData('entry', '{"id": ')).toEqual({ ok: false, error: 'not valid JSON' });
    expect(parseEventData('entry', 'null').ok).toBe(false);
  });
});

describe('NDJSON lines', () => {
  it('round-trips every event kind through format and parse', () => {
    const events = [
      { event: 'entry', entry },
      { event: 'update', entry: { ...entry, body: '訂正' } },
      { event: 'delete', id: 'e1' },
      { event: 'blog', blog: { id: 'b', title: 'T', status: 'ended' } },
    ] as const;
    for (const event of events) {
      const line = formatNdjsonLine('http://127.0.0.1:1/', event);
      expect(JSON.parse(line)).toMatchObject({ event: event.event, feed: 'http://127.0.0.1:1/' });
      expect(parseNdjsonLine(line)).toEqual({ ok: true, value: { feed: 'http://127.0.0.1:1/', event } });
    }
  });

  it('treats a line without an event name as an entry and keeps feed optional', () => {
    const parsed = parseNdjsonLine(JSON.stringify(entry));
    expect(parsed).toEqual({ ok: true, value: { feed: undefined, event: { event: 'entry', entry } } });
  });

  it('rejects unknown events, arrays and bad feeds', () => {
    expect(parseNdjsonLine('{"event":"ping"}')).toEqual({ ok: false, error: 'unknown event "ping"' });
    expect(parseNdjsonLine('[1]').ok).toBe(false);
    expect(parseNdjsonLine(JSON.stringify({ ...entry, feed: 3 })).ok).toBe(false);
  });
});
