import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../../src/sources/html/html-text.js';

describe('htmlToText', () => {
  it('turns paragraphs and breaks into blank lines and line breaks', () => {
    expect(htmlToText('<p>港に到着した。</p><p>会見は<br>15時から。</p>')).toBe('港に到着した。\n\n会見は\n15時から。');
  });

  it('decodes entities and collapses whitespace', () => {
    expect(htmlToText('<p>  「安全&quot;第一&quot;」&amp;\n  UN &#39;2+2&#39; </p>')).toBe('「安全"第一"」& UN \'2+2\'');
  });

  it('keeps list items and link text readable', () => {
    expect(htmlToText('<ul><li>一つ目</li><li><a href="https://example.test/a">二つ目</a></li></ul>')).toBe('• 一つ目\n\n• 二つ目');
  });

  it('drops scripts, styles and Mastodon invisible URL parts, marks an ellipsis', () => {
    const html = '<p>見て <a href="https://example.test/long/path"><span class="invisible">https://</span><span class="ellipsis">example.test/lo</span><span class="invisible">ng/path</span></a></p><script>alert(1)</script><style>p{}</style>';
    expect(htmlToText(html)).toBe('見て example.test/lo…');
  });

  it('keeps plain text as it is', () => {
    expect(htmlToText('no markup at all')).toBe('no markup at all');
  });
});

describe('decodeEntities', () => {
  it('decodes named and numeric entities only where there are any', () => {
    expect(decodeEntities('&quot;声明&quot; &#12354; &amp;')).toBe('"声明" あ &');
    expect(decodeEntities('plain')).toBe('plain');
  });
});
