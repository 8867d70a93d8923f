import { foldForSearch } from '../../timeline/search.js';
import { openPrompt, promptReducer, type PromptAction, type PromptState } from '../prompt/reducer.js';

/*
 * A list to choose from, narrowed by typing: the tag picker (`t`, several tags at once) and the
 * choosers of `f` (follow) and `m` (mute), which take one. Pure: the keyboard controller feeds
 * it actions and reads the result on Enter.
 */

export interface PickerOption {
  readonly value: string;
  /** Entries carrying it (tag picker). */
  readonly count?: number;
  /** A word on its state, e.g. `followed`, `muted`. */
  readonly note?: string;
}

export interface PickerState {
  readonly title: string;
  readonly options: readonly PickerOption[];
  /** Space marks several options; otherwise Enter takes the highlighted one. */
  readonly multiple: boolean;
  /** What is typed to narrow the list, edited like any prompt. */
  readonly line: PromptState;
  /** Index into the options that match the query. */
  readonly cursor: number;
  readonly marked: readonly string[];
}

export type PickerAction =
  | { readonly type: 'edit'; readonly edit: PromptAction }
  | { readonly type: 'move'; readonly delta: number }
  | { readonly type: 'mark' };

export function openPicker(title: string, options: readonly PickerOption[], multiple: boolean): PickerState {
  return { title, options, multiple, line: openPrompt('> '), cursor: 0, marked: [] };
}

/** Options containing the typed text (folded like search, so `ｶｲｹﾝ` and `カイケン` agree). */
export function matchingOptions(state: PickerState): PickerOption[] {
  const needle = foldForSearch(state.line.text).trim();
  if (needle === '') return [...state.options];
  return state.options.filter((option) => foldForSearch(option.value).includes(needle));
}

export function pickerReducer(state: PickerState, action: PickerAction): PickerState {
  switch (action.type) {
    case 'edit': {
      const line = promptReducer(state.line, action.edit);
      // Moving along the line keeps the highlighted option; changing what it says starts over.
      return { ...state, line, cursor: line.text === state.line.text ? state.cursor : 0 };
    }
    case 'move': {
      const count = matchingOptions(state).length;
      return count === 0 ? state : { ...state, cursor: Math.min(Math.max(state.cursor + action.delta, 0), count - 1) };
    }
    case 'mark': {
      const option = matchingOptions(state)[state.cursor];
      if (!state.multiple || option === undefined) return state;
      const marked = state.marked.includes(option.value) ? state.marked.filter((value) => value !== option.value) : [...state.marked, option.value];
      return { ...state, marked };
    }
  }
}

/** What Enter chooses: the marked options, or the highlighted one when none is marked. */
export function pickerChoice(state: PickerState): string[] {
  if (state.marked.length > 0) return [...state.marked];
  const option = matchingOptions(state)[state.cursor];
  return option ? [option.value] : [];
}
