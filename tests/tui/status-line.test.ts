import { describe, expect, it } from 'vitest';
import { statusRow } from '../../src/tui/chrome.js';

describe('status line keys', () => {
  it('names the keys of the context in force: a list does not offer j/k, where j types', () => {
    const text = (context: 'timeline' | 'picker' | 'help') =>
      statusRow({ newEntries: 0, invalid: 0, lastInvalid: undefined, context }, 100)
        .map((span) => span.text)
        .join('');
    expect(text('timeline')).toContain('j/k move');
    expect(text('picker')).not.toContain('j/k');
    expect(text('picker')).toContain('Space mark');
    expect(text('help')).toContain('Esc close');
  });
});
