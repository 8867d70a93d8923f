import { describe, expect, it } from 'vitest';
import { mastodonHashtagOf, streamingOriginOf, streamUrl, tagPageUrl, timelineUrl } from '../../../src/sources/mastodon/mastodon-url.js';

describe('Mastodon hashtag URLs', () => {
  it('recognises the tag page and the streaming endpoint', () => {
    expect(mastodonHashtagOf('https://hoshizora.example.test/tags/%E6%B8%AF%E6%B9%BE')).toEqual({ origin: 'https://hoshizora.example.test', tag: '港湾' });
    expect(mastodonHashtagOf('https://hoshizora.example.test/tags/harbor/')).toEqual({ origin: 'https://hoshizora.example.test', tag: 'harbor' });
    expect(mastodonHashtagOf('http://127.0.0.1:8080/api/v1/streaming/hashtag?tag=%ED%95%AD%EA%B5%AC')).toEqual({ origin: 'http://127.0.0.1:8080', tag: '항구' });
  });

  it('takes the access token a streaming URL may carry', () => {
    expect(mastodonHashtagOf('https://hoshizora.example.test/api/v1/streaming/hashtag?tag=harbor&access_token=kasou')).toEqual({ origin: 'https://hoshizora.example.test', tag: 'harbor', accessToken: 'kasou' });
  });

  it('leaves everything else to detection', () => {
    for (const url of ['https://news.example.test/live/hoshizora', 'https://hoshizora.example.test/tags/', 'https://hoshizora.example.test/tags/a/b', 'https://hoshizora.example.test/api/v1/streaming/hashtag', 'https://x.example.test/api/v1/streaming/public', 'ftp://x.example.test/tags/a', 'not a url']) {
      expect(mastodonHashtagOf(url), url).toBeUndefined();
    }
  });

  it('builds the REST, streaming and page URLs of a tag', () => {
    const hashtag = { origin: 'https://hoshizora.example.test', tag: '港湾' };
    expect(tagPageUrl(hashtag)).toBe('https://hoshizora.example.test/tags/%E6%B8%AF%E6%B9%BE');
    expect(timelineUrl(hashtag, 40)).toBe('https://hoshizora.example.test/api/v1/timelines/tag/%E6%B8%AF%E6%B9%BE?limit=40');
    expect(timelineUrl(hashtag, 40, '113')).toBe('https://hoshizora.example.test/api/v1/timelines/tag/%E6%B8%AF%E6%B9%BE?limit=40&min_id=113');
    expect(streamUrl(hashtag, 'https://streaming.example.test')).toBe('https://streaming.example.test/api/v1/streaming/hashtag?tag=%E6%B8%AF%E6%B9%BE');
  });

  it('turns the instance streaming URL into an origin to GET', () => {
    expect(streamingOriginOf('wss://streaming.example.test')).toBe('https://streaming.example.test');
    expect(streamingOriginOf('ws://127.0.0.1:4000')).toBe('http://127.0.0.1:4000');
    expect(streamingOriginOf('gopher://x')).toBeUndefined();
    expect(streamingOriginOf(null)).toBeUndefined();
  });
});
