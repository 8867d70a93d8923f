import { describe, expect, it } from 'vitest';
import { applySignals, emptyTimeline, getItem } from '../../src/timeline/timeline.js';
import { historyRows } from '../../src/tui/history-layout.js';
import { styleOf } from '../../src/tui/theme.js';
import { textWidth } from '../../src/text/index.js';
import { makeEntry, signal, storyClock } from '../helpers/entries.js';

const F = 'feed';

function corrected(bodies: string[]) {
  const [first, ...rest] = bodies;
  const signals = [signal(F, { event: 'entry', entry: makeEntry('a', 5, { body: first! }) }), ...rest.map((body) => signal(F, { event: 'update', entry: makeEntry('a', 5, { body }) }))];
  return getItem(applySignals(emptyTimeline(), signals, Date.parse('2026-11-25T16:12:00+09:00')), F, 'a')!;
}

describe('history layout', () => {
  it('with colour, changes are spans styled removed (red, struck) and added (green, underlined), without markers', () => {
    const rows = historyRows(corrected(['死者は3人', '死者は5人']), 60, false, storyClock());
    const spans = rows.flat();
    expect(spans.find((span) => span.style === 'removed')?.text).toBe('3');
    expect(spans.find((span) => span.style === 'added')?.text).toBe('5');
    expect(spans.map((span) => span.text).join('')).not.toMatch(/\[-|\{\+/);
    expect(styleOf('removed', true)).toMatchObject({ color: 'red', strikethrough: true });
    expect(styleOf('added', true)).toMatchObject({ color: 'green', underline: true });
  });

  it('keeps every row within the width, and says how many revisions were not kept', () => {
    const bodies = Array.from({ length: 25 }, (_, index) => `港湾局（架空）によると第${index}埠頭では午後から荷役作業が再開された。The ferry resumed at ${index}.`);
    const rows = historyRows(corrected(bodies), 30, true, storyClock());
    for (const row of rows) expect(textWidth(row.map((span) => span.text).join(''))).toBeLessThanOrEqual(30);
    const text = rows.map((row) => row.map((span) => span.text).join('')).join('\n');
    expect(text).toContain('5 earlier revisions not kept');
    expect(text).toContain('revision 24 ·');
    expect(text).not.toContain('first published');
  });
});
