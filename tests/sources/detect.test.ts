import { describe, expect, it } from 'vitest';
import { detectKind, kindFromName } from '../../src/sources/detect.js';

describe('detecting what a URL is', () => {
  it('believes an event stream, and sniffs what servers mislabel', () => {
    expect(detectKind('text/event-stream; charset=utf-8', '')).toBe('sse');
    expect(detectKind('text/html', '<?xml version="1.0"?><rss version="2.0">')).toBe('feed');
    expect(detectKind('text/plain', '<!DOCTYPE html><html>')).toBe('page');
    expect(detectKind('application/octet-stream', '<rdf:RDF xmlns:rdf="…">')).toBe('feed');
    expect(detectKind('application/json', '{"version":"https://jsonfeed.org/version/1.1","items":[]}')).toBe('feed');
    expect(detectKind(undefined, '{"event":"entry","id":"1"}\n')).toBe('ndjson');
    expect(detectKind('text/plain', 'event: entry\ndata: {}\n\n')).toBe('sse');
    expect(detectKind('application/rss+xml', '<?xml version="1.0"?>\n<!-- 架空 -->\n<rss>')).toBe('feed');
    expect(detectKind('image/png', '\x89PNG')).toBeUndefined();
  });

  it('looks past a prolog with no XML declaration to the root element', () => {
    const licence = '<!--\n架空の配信: 説明のコメント\n-->\n';
    expect(detectKind('application/rss+xml; charset=euc-jp', `${licence}<rss>\n<channel>`)).toBe('feed');
    expect(detectKind('text/html', `<?xml-stylesheet href="feed.xsl"?>${licence}<feed xmlns="http://www.w3.org/2005/Atom">`)).toBe('feed');
    expect(detectKind('application/xml', `${licence}<!DOCTYPE html><html>`)).toBe('page');
    expect(detectKind('text/html', `${licence}<html lang="ja">`)).toBe('page');
  });

  it('takes a file name\'s word first', () => {
    expect(kindFromName('summit.ndjson')).toBe('ndjson');
    expect(kindFromName('saved/page.HTML')).toBe('page');
    expect(kindFromName('feed.rdf')).toBe('feed');
    expect(kindFromName('notes')).toBeUndefined();
  });
});
