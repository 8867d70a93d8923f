/*
 * The one line editor: the `/` and `|` prompts and the filter line of every picker. The cursor
 * moves and erases by grapheme cluster (Intl.Segmenter), so one key is one character as the
 * reader sees it: a kanji, an emoji with its modifiers, a letter with its accent. Input methods
 * deliver whole strings, which arrive here as one `type` and are inserted at the cursor.
 */

export interface PromptState {
  readonly label: string;
  readonly text: string;
  /** Where typing goes: an offset into `text`, always between two graphemes. */
  readonly cursor: number;
  /** Earlier lines, oldest first, that ↑ and ↓ bring back. */
  readonly history: readonly string[];
  /** Which history line is shown; `history.length` is the line being written. */
  readonly recalled: number;
  /** The line being written, kept while ↑ shows earlier ones. */
  readonly draft: string;
}

export type PromptAction =
  | { readonly type: 'type'; readonly text: string }
  /** Backspace: the grapheme before the cursor. */
  | { readonly type: 'erase' }
  /** Delete, Ctrl-D: the grapheme after the cursor. */
  | { readonly type: 'eraseForward' }
  /** Ctrl-W: the word before the cursor, with the spaces after it. */
  | { readonly type: 'eraseWord' }
  /** Ctrl-U: everything before the cursor. */
  | { readonly type: 'eraseLine' }
  | { readonly type: 'cursorLeft' }
  | { readonly type: 'cursorRight' }
  | { readonly type: 'cursorStart' }
  | { readonly type: 'cursorEnd' }
  /** ↑ / ↓: an older / newer history line replaces the text. */
  | { readonly type: 'recallOlder' }
  | { readonly type: 'recallNewer' };

export function openPrompt(label: string, text = '', history: readonly string[] = []): PromptState {
  return { label, text, cursor: text.length, history, recalled: history.length, draft: text };
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Offsets where a grapheme starts, and the end of the text. */
function boundaries(text: string): number[] {
  return [...[...graphemes.segment(text)].map((segment) => segment.index), text.length];
}

function previousBoundary(text: string, at: number): number {
  return boundaries(text).findLast((offset) => offset < at) ?? 0;
}

/** The first boundary after `at`, or at it when `inclusive`. */
function nextBoundary(text: string, at: number, inclusive = false): number {
  return boundaries(text).find((offset) => (inclusive ? offset >= at : offset > at)) ?? text.length;
}

function withText(state: PromptState, text: string, cursor: number): PromptState {
  return { ...state, text, cursor };
}

function showRecalled(state: PromptState, recalled: number): PromptState {
  const draft = state.recalled === state.history.length ? state.text : state.draft;
  const text = recalled === state.history.length ? draft : state.history[recalled]!;
  return { ...state, text, cursor: text.length, recalled, draft };
}

export function promptReducer(state: PromptState, action: PromptAction): PromptState {
  const { text, cursor } = state;
  const before = text.slice(0, cursor);
  const after = text.slice(cursor);
  switch (action.type) {
    case 'type': {
      const next = before + action.text + after;
      // Typed text can join what follows (a combining accent): the cursor goes after the whole grapheme.
      return withText(state, next, nextBoundary(next, cursor + action.text.length, true));
    }
    case 'erase': {
      const start = previousBoundary(text, cursor);
      return withText(state, text.slice(0, start) + after, start);
    }
    case 'eraseForward':
      return withText(state, before + text.slice(nextBoundary(text, cursor)), cursor);
    case 'eraseWord': {
      const kept = before.replace(/\S*\s*$/u, '');
      return withText(state, kept + after, kept.length);
    }
    case 'eraseLine':
      return withText(state, after, 0);
    case 'cursorLeft':
      return { ...state, cursor: previousBoundary(text, cursor) };
    case 'cursorRight':
      return { ...state, cursor: nextBoundary(text, cursor) };
    case 'cursorStart':
      return { ...state, cursor: 0 };
    case 'cursorEnd':
      return { ...state, cursor: text.length };
    case 'recallOlder':
      return state.recalled === 0 ? state : showRecalled(state, state.recalled - 1);
    case 'recallNewer':
      return state.recalled >= state.history.length ? state : showRecalled(state, state.recalled + 1);
  }
}

/** The text on either side of the cursor. */
export function splitAtCursor(state: PromptState): { readonly before: string; readonly after: string } {
  return { before: state.text.slice(0, state.cursor), after: state.text.slice(state.cursor) };
}
