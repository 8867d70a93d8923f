import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CardCache, collapsedBodyLines, type Row } from '../../src/tui/card-layout.js';
import { markRow } from '../../src/tui/card-marks.js';
import { matchingOptions, openPicker, pickerChoice, pickerReducer } from '../../src/tui/picker/reducer.js';
import { pickerRows } from '../../src/tui/picker/Picker.js';
import { openPrompt, promptReducer } from '../../src/tui/prompt/reducer.js';
import { promptRow } from '../../src/tui/prompt/Prompt.js';
import { textWidth } from '../../src/text/index.js';
import { makeEntry, makeItem, storyClock } from '../helpers/entries.js';

const text = (row: Row) => row.map((span) => span.text).join('');
const options = [{ value: '会見', count: 9 }, { value: '港湾', count: 4 }, { value: 'ＭＤ', count: 2 }, { value: '天気', count: 1 }];

describe('picker reducer', () => {
  it('narrows by typed text, folded (md finds ＭＤ), and erases by character', () => {
    let state = pickerReducer(openPicker('t', options, true), { type: 'edit', edit: { type: 'type', text: 'md' } });
    expect(matchingOptions(state).map((option) => option.value)).toEqual(['ＭＤ']);
    state = pickerReducer(pickerReducer(state, { type: 'edit', edit: { type: 'erase' } }), { type: 'edit', edit: { type: 'erase' } });
    expect(matchingOptions(state)).toHaveLength(4);
  });

  it('Enter takes the marked options, or the highlighted one when none is marked', () => {
    const open = openPicker('t', options, true);
    expect(pickerChoice(pickerReducer(open, { type: 'move', delta: 2 }))).toEqual(['ＭＤ']);
    const marked = pickerReducer(pickerReducer(pickerReducer(open, { type: 'mark' }), { type: 'move', delta: 3 }), { type: 'mark' });
    expect(pickerChoice(marked)).toEqual(['会見', '天気']);
    expect(pickerChoice(pickerReducer(open, { type: 'edit', edit: { type: 'type', text: 'zzz' } }))).toEqual([]);
  });

  it('a single-choice picker marks nothing', () => {
    const single = openPicker('f', options, false);
    expect(pickerReducer(single, { type: 'mark' })).toBe(single);
  });

  it('the cursor always stays on a matching option (property)', () => {
    const action = fc.oneof(
      fc.record({ type: fc.constant('edit' as const), edit: fc.record({ type: fc.constant('type' as const), text: fc.constantFrom('会', '港', 'm', 'x') }) }),
      fc.constant({ type: 'edit' as const, edit: { type: 'erase' as const } }),
      fc.constant({ type: 'edit' as const, edit: { type: 'cursorLeft' as const } }),
      fc.record({ type: fc.constant('move' as const), delta: fc.integer({ min: -5, max: 5 }) }),
      fc.constant({ type: 'mark' as const }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 20 }), (actions) => {
        const state = actions.reduce(pickerReducer, openPicker('t', options, true));
        const count = matchingOptions(state).length;
        expect(state.cursor).toBeGreaterThanOrEqual(0);
        if (count > 0) expect(state.cursor).toBeLessThan(count);
      }),
    );
  });

  it('draws the list within the width, counts and marks included', () => {
    const state = pickerReducer(openPicker('Filter by tag', options, true), { type: 'mark' });
    const rows = pickerRows(state, 40, 10);
    for (const row of rows) expect(textWidth(text(row))).toBeLessThanOrEqual(40);
    expect(text(rows[2]!)).toMatch(/^▌ \[x\] 会見 +9$/);
  });
});

describe('prompt', () => {
  it('types multi-byte text and erases whole characters', () => {
    let state = promptReducer(openPrompt('/'), { type: 'type', text: '会見😀' });
    state = promptReducer(state, { type: 'erase' });
    expect(state.text).toBe('会見');
  });

  it('shows the end of long text within the width, without control characters', () => {
    const row = promptRow(openPrompt('/', `${'長い'.repeat(50)}\u001b[31m末尾`), 'Esc cancel', 40);
    expect(textWidth(text(row))).toBeLessThanOrEqual(40);
    expect(text(row)).toContain('末尾▏');
    expect(text(row)).not.toContain('\u001b');
  });
});

describe('cards', () => {
  const item = makeItem(
    makeEntry('a', 5, {
      title: '見出し',
      body: Array.from({ length: 8 }, (_, index) => `第${index + 1}段落の本文です。`).join('\n\n'),
      media: [
        { caption: '写真1', credit: '© 架空フォト / A' },
        { caption: '写真2', credit: '© 架空フォト / B', url: 'https://news.example/p2.jpg' },
      ],
      links: [{ title: '関連記事', url: 'https://news.example/r', summary: '関連記事の要約。' }],
    }),
  );
  const context = { width: 60, clock: storyClock(), feedLabel: undefined };

  it('collapsed: the first body lines with …, the first photo, link titles only', () => {
    const rows = new CardCache().rows(item, { ...context, expanded: false }).map(text);
    const titleRow = rows.findIndex((row) => row.includes('見出し'));
    const body = rows.slice(titleRow + 1, titleRow + 1 + collapsedBodyLines);
    expect(body.at(-1)).toMatch(/…$/);
    expect(rows[titleRow + 1 + collapsedBodyLines]).toContain('写真1');
    expect(rows.join('\n')).not.toContain('第8段落');
    expect(rows.join('\n')).toContain('© 架空フォト / A');
    expect(rows.join('\n')).not.toContain('© 架空フォト / B');
    expect(rows.join('\n')).toContain('+1 more');
    expect(rows.join('\n')).not.toContain('関連記事の要約');
  });

  it('expanded: the whole body, every photo credit, link summaries and URLs', () => {
    const rows = new CardCache().rows(item, { ...context, expanded: true }).map(text).join('\n');
    expect(rows).toContain('第8段落');
    expect(rows).toContain('© 架空フォト / B');
    expect(rows).toContain('https://news.example/p2.jpg');
    expect(rows).toContain('関連記事の要約。');
    expect(rows).toContain('https://news.example/r');
  });

  it('gutter marks: selection, followed star, unread label; width unchanged', () => {
    const rows = new CardCache().rows(item, { ...context, expanded: false });
    const first = markRow(rows[0]!, 0, { selected: true, followed: true, unread: true, unreadLine: 1 });
    const second = markRow(rows[1]!, 1, { selected: false, followed: false, unread: true, unreadLine: 1 });
    expect(text(first)).toMatch(/^▌14:05\* 見出し/);
    expect(text(second)).toMatch(/^ new {4}/);
    expect(textWidth(text(first))).toBe(textWidth(text(rows[0]!)));
    expect(markRow(rows[1]!, 1, { selected: false, followed: false, unread: false, unreadLine: 1 })).toBe(rows[1]);
    expect(text(markRow([], 1, { selected: false, followed: false, unread: true, unreadLine: 1 }))).toBe(' new    ');
  });
});
