import { describe, expect, it } from 'vitest';
import { compareIds, parseHashtagUrl, streamingOrigin, streamUrl, timelineUrl } from '../../../src/sources/mastodon/hashtag-url.js';

describe('Mastodon hashtag URLs', () => {
  it.each([
    ['https://hoshizora.example/tags/会見', { origin: 'https://hoshizora.example', tag: '会見', local: false }],
    ['https://hoshizora.example/tags/%E4%BC%9A%E8%A6%8B/', { origin: 'https://hoshizora.example', tag: '会見', local: false }],
    ['https://hoshizora.example/api/v1/streaming/hashtag?tag=port', { origin: 'https://hoshizora.example', tag: 'port', local: false }],
    ['https://hoshizora.example/api/v1/streaming/hashtag/local?tag=%E6%B8%AF', { origin: 'https://hoshizora.example', tag: '港', local: true }],
    ['http://127.0.0.1:8080/tags/x', { origin: 'http://127.0.0.1:8080', tag: 'x', local: false }],
  ])('recognises %s', (url, hashtag) => {
    expect(parseHashtagUrl(url)).toEqual(hashtag);
  });

  it.each(['https://hoshizora.example/', 'https://hoshizora.example/tags/', 'https://hoshizora.example/tags/a/b', 'https://hoshizora.example/api/v1/streaming/hashtag', 'https://hoshizora.example/api/v1/streaming/public', 'ftp://hoshizora.example/tags/x', 'not a url'])(
    'does not take %s for a hashtag',
    (url) => {
      expect(parseHashtagUrl(url)).toBeUndefined();
    },
  );

  it('keeps the access token a streaming URL may carry', () => {
    expect(parseHashtagUrl('https://hoshizora.example.test/api/v1/streaming/hashtag?tag=harbor&access_token=kakuu')).toMatchObject({ tag: 'harbor', accessToken: 'kakuu' });
    expect(parseHashtagUrl('https://hoshizora.example.test/tags/harbor')).not.toHaveProperty('accessToken');
  });

  it('builds the REST and streaming URLs', () => {
    const hashtag = { origin: 'https://hoshizora.example', tag: '会見', local: true };
    expect(timelineUrl(hashtag, { minId: '123' })).toBe('https://hoshizora.example/api/v1/timelines/tag/%E4%BC%9A%E8%A6%8B?limit=40&local=true&min_id=123');
    expect(streamUrl(hashtag, 'https://streaming.hoshizora.example')).toBe('https://streaming.hoshizora.example/api/v1/streaming/hashtag/local?tag=%E4%BC%9A%E8%A6%8B');
  });

  it('turns the instance streaming URL (ws/wss) into an http(s) origin, else keeps the server', () => {
    expect(streamingOrigin('wss://streaming.hoshizora.example', 'https://x.example')).toBe('https://streaming.hoshizora.example');
    expect(streamingOrigin('ws://127.0.0.1:4000', 'https://x.example')).toBe('http://127.0.0.1:4000');
    expect(streamingOrigin(null, 'https://x.example')).toBe('https://x.example');
    expect(streamingOrigin('::', 'https://x.example')).toBe('https://x.example');
  });

  it('orders snowflake ids as numbers', () => {
    expect(compareIds('99', '100')).toBeLessThan(0);
    expect(compareIds('110000000000000101', '110000000000000100')).toBeGreaterThan(0);
    expect(compareIds('5', '5')).toBe(0);
  });
});
