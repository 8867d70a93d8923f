import { stripVTControlCharacters } from 'node:util';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { Rows } from '../../../src/tui/components/Rows.js';
import { CardCache } from '../../../src/tui/card-layout.js';
import { HyperlinksContext, detectHyperlinks, linkTarget } from '../../../src/tui/terminal/hyperlinks.js';
import { textWidth } from '../../../src/text/index.js';
import { makeEntry, makeItem, storyClock } from '../../helpers/entries.js';

afterEach(cleanup);

const osc8 = /\u001b\]8;;([^\u001b]*)\u001b\\/g;

describe('OSC 8 links', () => {
  it('links only http(s), normalised, and nothing that could end the sequence', () => {
    expect(linkTarget('https://news.example/live/港湾?q=1')).toBe('https://news.example/live/%E6%B8%AF%E6%B9%BE?q=1');
    expect(linkTarget('javascript:alert(1)')).toBeUndefined();
    expect(linkTarget('file:///etc/passwd')).toBeUndefined();
    expect(linkTarget('not a url')).toBeUndefined();
    // The URL parser drops raw controls or encodes them; what is left is printable ASCII.
    const hostile = linkTarget('https://news.example/a\u001b]2;pwned\u0007b');
    expect(hostile === undefined || /^[\x21-\x7e]+$/.test(hostile)).toBe(true);
  });

  it('is on only in terminals known to draw links', () => {
    expect(detectHyperlinks({ TERM_PROGRAM: 'WezTerm' })).toBe(true);
    expect(detectHyperlinks({ VTE_VERSION: '7200' })).toBe(true);
    expect(detectHyperlinks({ TERM: 'xterm-256color' })).toBe(false);
    expect(detectHyperlinks({ TERM_PROGRAM: 'iTerm.app', TMUX: '/tmp/tmux-1/default,1,0' })).toBe(false);
  });

  it('wraps linked stories and the permalink in OSC 8; the text and its width stay as they were', async () => {
    const entry = makeEntry('e1', 0, {
      title: '共同声明を発表',
      body: '本文',
      url: 'https://news.example/live/1',
      links: [{ title: '【図解】声明のポイント', url: 'https://news.example/story/2' }, { title: '危ない', url: 'javascript:alert(1)' }],
    });
    const rows = new CardCache().rows(makeItem(entry, { revision: 1 }), { width: 40, expanded: false, clock: storyClock(), feedLabel: undefined });
    const plain = render(<Rows rows={rows} color={false} />).lastFrame()!;
    cleanup();
    const linked = render(
      <HyperlinksContext.Provider value={true}>
        <Rows rows={rows} color={false} />
      </HyperlinksContext.Provider>,
    ).lastFrame()!;
    const targets = [...linked.matchAll(osc8)].map((match) => match[1]).filter((url) => url !== '');
    expect(targets).toEqual(['https://news.example/live/1', 'https://news.example/story/2']);
    expect(stripVTControlCharacters(linked)).toBe(plain);
    for (const line of stripVTControlCharacters(linked).split('\n')) expect(textWidth(line)).toBeLessThanOrEqual(40);
  });
});
