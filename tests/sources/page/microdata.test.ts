import { describe, expect, it } from 'vitest';
import { microdataItems } from '../../../src/sources/page/microdata.js';

const base = 'https://harbor.example.test/live/regatta';

describe('microdataItems', () => {
  it('nests items by itemprop, keeps an itemscope without one at the top, repeats become arrays', () => {
    const html = `<div itemscope itemtype="https://schema.org/LiveBlogPosting">
      <h1 itemprop="headline name">Regatta day (fictional)</h1>
      <div itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting" itemid="#u1"><p itemprop="articleBody">Start <b>delayed</b> &amp; windy.</p></div>
      <div itemprop="liveBlogUpdate" itemscope itemtype="https://schema.org/BlogPosting" itemid="#u2"><time itemprop="datePublished">2026-07-04T10:00:00Z</time></div>
      <aside itemscope itemtype="https://schema.org/WPAdBlock"><span itemprop="name">ad</span></aside>
    </div>`;
    expect(microdataItems(html, base)).toEqual([
      {
        '@type': 'https://schema.org/LiveBlogPosting',
        headline: 'Regatta day (fictional)',
        name: 'Regatta day (fictional)',
        liveBlogUpdate: [
          { '@type': 'https://schema.org/BlogPosting', '@id': `${base}#u1`, articleBody: 'Start <b>delayed</b> &amp; windy.' },
          { '@type': 'https://schema.org/BlogPosting', '@id': `${base}#u2`, datePublished: '2026-07-04T10:00:00Z' },
        ],
      },
      { '@type': 'https://schema.org/WPAdBlock', name: 'ad' },
    ]);
  });

  it('takes values from the attributes the spec names, URLs made absolute', () => {
    const html = `<div itemscope><meta itemprop="a" content="x &amp; y"><link itemprop="b" href="/p"><img itemprop="c" src="i.jpg"><time itemprop="d" datetime="2026-07-04">July 4</time><data itemprop="e" value="7">seven</data><a itemprop="f" href="https://other.example.test/">link</a></div>`;
    expect(microdataItems(html, base)).toEqual([
      { a: 'x & y', b: 'https://harbor.example.test/p', c: 'https://harbor.example.test/live/i.jpg', d: '2026-07-04', e: '7', f: 'https://other.example.test/' },
    ]);
  });

  it('ignores itemprop outside any item', () => {
    expect(microdataItems('<p itemprop="headline">stray</p>', base)).toEqual([]);
  });
});
