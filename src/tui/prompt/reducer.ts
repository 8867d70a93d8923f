/*
 * A one-line prompt in the status line: `/` search and `|` pipe. Text is only ever added or
 * erased at the end; input methods deliver whole strings, which arrive here as one `type`.
 */

export interface PromptState {
  readonly label: string;
  readonly text: string;
}

export type PromptAction =
  | { readonly type: 'type'; readonly text: string }
  | { readonly type: 'erase' }
  /** Ctrl-W: the word before the end, with the spaces after it. */
  | { readonly type: 'eraseWord' }
  /** Ctrl-U: the whole line. */
  | { readonly type: 'eraseLine' }
  /** ↑: an earlier line (history) replaces the text. */
  | { readonly type: 'recall'; readonly text: string };

export function openPrompt(label: string, text = ''): PromptState {
  return { label, text };
}

export function promptReducer(state: PromptState, action: PromptAction): PromptState {
  switch (action.type) {
    case 'type':
      return { ...state, text: state.text + action.text };
    case 'erase':
      // By code point, so erasing a Japanese character never leaves half a surrogate pair.
      return { ...state, text: [...state.text].slice(0, -1).join('') };
    case 'eraseWord':
      return { ...state, text: state.text.replace(/\S*\s*$/u, '') };
    case 'eraseLine':
      return { ...state, text: '' };
    case 'recall':
      return { ...state, text: action.text };
  }
}
