import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openPrompt, promptReducer, type PromptAction, type PromptState } from '../../src/tui/prompt/reducer.js';
import { lineWithCursor, promptRow } from '../../src/tui/prompt/Prompt.js';
import { textWidth } from '../../src/text/index.js';

// Whole graphemes that never join their neighbours: kanji, kana (half-width too), hangul,
// Latin with a combining accent, emoji with a skin tone, a family joined by ZWJ, a space.
const alphabet = ['会', '見', 'ｶ', '한', 'a', 'e\u0301', '👍🏽', '👨‍👩‍👧', ' '];
const typed = fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 3 }).map((graphemes) => graphemes.join(''));

const action: fc.Arbitrary<PromptAction> = fc.oneof(
  fc.record({ type: fc.constant('type' as const), text: typed }),
  fc.constantFrom<PromptAction>(
    { type: 'erase' },
    { type: 'eraseForward' },
    { type: 'eraseWord' },
    { type: 'eraseLine' },
    { type: 'cursorLeft' },
    { type: 'cursorRight' },
    { type: 'cursorStart' },
    { type: 'cursorEnd' },
  ),
);

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemesOf = (text: string): string[] => [...segmenter.segment(text)].map((segment) => segment.segment);

/** The same edits on a list of graphemes and an index into it: what the reducer must agree with. */
interface Model {
  readonly graphemes: readonly string[];
  readonly cursor: number;
}

function modelStep({ graphemes, cursor }: Model, edit: PromptAction): Model {
  const before = graphemes.slice(0, cursor);
  const after = graphemes.slice(cursor);
  switch (edit.type) {
    case 'type': {
      const added = graphemesOf(edit.text);
      return { graphemes: [...before, ...added, ...after], cursor: cursor + added.length };
    }
    case 'erase':
      return cursor === 0 ? { graphemes, cursor } : { graphemes: [...before.slice(0, -1), ...after], cursor: cursor - 1 };
    case 'eraseForward':
      return { graphemes: [...before, ...after.slice(1)], cursor };
    case 'eraseWord': {
      let start = cursor;
      while (start > 0 && graphemes[start - 1] === ' ') start -= 1;
      while (start > 0 && graphemes[start - 1] !== ' ') start -= 1;
      return { graphemes: [...graphemes.slice(0, start), ...after], cursor: start };
    }
    case 'eraseLine':
      return { graphemes: after, cursor: 0 };
    case 'cursorLeft':
      return { graphemes, cursor: Math.max(cursor - 1, 0) };
    case 'cursorRight':
      return { graphemes, cursor: Math.min(cursor + 1, graphemes.length) };
    case 'cursorStart':
      return { graphemes, cursor: 0 };
    case 'cursorEnd':
      return { graphemes, cursor: graphemes.length };
    default:
      return { graphemes, cursor };
  }
}

const run = (actions: readonly PromptAction[], start: PromptState = openPrompt('/')): PromptState => actions.reduce(promptReducer, start);

describe('the line editor (every prompt, and the filter line of every picker)', () => {
  it('any sequence of edits agrees with editing a list of whole graphemes (property)', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), (actions) => {
        let model: Model = { graphemes: [], cursor: 0 };
        let state = openPrompt('/');
        for (const edit of actions) {
          model = modelStep(model, edit);
          state = promptReducer(state, edit);
          expect(state.text).toBe(model.graphemes.join(''));
          expect(state.cursor).toBe(model.graphemes.slice(0, model.cursor).join('').length);
        }
        // Never half a grapheme: the text splits back into the graphemes typed.
        for (const grapheme of graphemesOf(state.text)) expect(alphabet).toContain(grapheme);
      }),
    );
  });

  it('Ctrl-A then typing inserts at the start; Ctrl-E then typing appends (property)', () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 20 }), typed, (actions, text) => {
        const edited = run(actions);
        expect(promptReducer(promptReducer(edited, { type: 'cursorStart' }), { type: 'type', text }).text).toBe(text + edited.text);
        expect(promptReducer(promptReducer(edited, { type: 'cursorEnd' }), { type: 'type', text }).text).toBe(edited.text + text);
      }),
    );
  });

  it('← steps over a whole emoji, kanji or accented letter; Backspace and Delete take one each', () => {
    const line = openPrompt('/', '会👨‍👩‍👧e\u0301');
    const left = run([{ type: 'cursorLeft' }, { type: 'cursorLeft' }], line);
    expect(run([{ type: 'type', text: '見' }], left).text).toBe('会見👨‍👩‍👧e\u0301');
    expect(run([{ type: 'erase' }], left).text).toBe('👨‍👩‍👧e\u0301');
    expect(run([{ type: 'eraseForward' }], left).text).toBe('会e\u0301');
    expect(run([{ type: 'eraseLine' }], left)).toMatchObject({ text: '👨‍👩‍👧e\u0301', cursor: 0 });
  });

  it('Ctrl-W erases the word before the cursor, keeping what follows', () => {
    const line = run([{ type: 'cursorLeft' }, { type: 'cursorLeft' }], openPrompt('| ', 'jq -r .title'));
    expect(run([{ type: 'eraseWord' }], line)).toMatchObject({ text: 'jq -r le', cursor: 6 });
  });

  it('↑ walks back through the history, ↓ forward to the line being written', () => {
    const line = run([{ type: 'type', text: 'wc' }], openPrompt('| ', '', ['jq .', 'wc -c']));
    const back = run([{ type: 'recallOlder' }], line);
    expect(back).toMatchObject({ text: 'wc -c', cursor: 5 });
    expect(run([{ type: 'recallOlder' }], back).text).toBe('jq .');
    expect(run([{ type: 'recallOlder' }, { type: 'recallOlder' }], back).text).toBe('jq .');
    expect(run([{ type: 'recallNewer' }], back).text).toBe('wc');
    expect(run([{ type: 'recallNewer' }, { type: 'recallNewer' }], back).text).toBe('wc');
    expect(run([{ type: 'recallOlder' }], openPrompt('/')).text).toBe('');
  });

  it('draws the cursor where it is, keeping it on screen in long lines (property: never wider than the room)', () => {
    const atStart = run([{ type: 'cursorStart' }], openPrompt('/', '港湾会見'));
    expect(lineWithCursor(atStart, 20)).toBe('▏港湾会見');
    expect(lineWithCursor(run([{ type: 'cursorLeft' }], openPrompt('/', '港湾会見')), 20)).toBe('港湾会▏見');
    const long = run([{ type: 'cursorStart' }, { type: 'cursorRight' }], openPrompt('/', '長い'.repeat(40)));
    expect(lineWithCursor(long, 10)).toMatch(/^長▏い長.*…$/);
    fc.assert(
      fc.property(fc.array(action, { maxLength: 30 }), fc.integer({ min: 1, max: 30 }), (actions, width) => {
        const shown = lineWithCursor(run(actions), width);
        expect(shown).toContain('▏');
        expect(textWidth(shown)).toBeLessThanOrEqual(Math.max(width, 1));
        expect(textWidth(promptRow(run(actions), 'Enter run', width + 20).map((span) => span.text).join(''))).toBeLessThanOrEqual(width + 20);
      }),
    );
  });
});
