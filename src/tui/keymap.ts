import type { Key } from 'ink';

/*
 * The one keymap: input handling looks keys up here, and the help overlay is drawn from it, so
 * a key cannot work without being listed or be listed without working.
 */

export type Command =
  | 'down'
  | 'up'
  | 'pageDown'
  | 'pageUp'
  | 'newest'
  | 'oldest'
  | 'expand'
  | 'oldestUnread'
  | 'tags'
  | 'clearTags'
  | 'search'
  | 'nextMatch'
  | 'previousMatch'
  | 'follow'
  | 'mute'
  | 'undoMute'
  | 'followedOnly'
  | 'copy'
  | 'open'
  | 'pipe'
  | 'help'
  | 'history'
  | 'keyOnly'
  | 'nextPinned'
  | 'retracted'
  | 'zone'
  | 'mark'
  | 'accept'
  | 'erase'
  | 'eraseWord'
  | 'eraseLine'
  | 'eraseForward'
  | 'cursorLeft'
  | 'cursorRight'
  | 'cursorStart'
  | 'cursorEnd'
  | 'recall'
  | 'recallNewer'
  | 'type'
  | 'back'
  | 'quit';

/** Where the keys go: the timeline, the help overlay, a list to choose from, a one-line prompt, a y/n question. */
export type KeyContext = 'timeline' | 'help' | 'history' | 'picker' | 'prompt' | 'confirm';

/** The key name that stands for any printable text (a letter, or a word from an input method). */
export const textKey = 'text';

export interface KeyBinding {
  /** Key names as `keyName` produces them, or `textKey`. */
  readonly keys: readonly string[];
  /** How help shows the keys. */
  readonly label: string;
  readonly command: Command;
  readonly description: string;
  readonly contexts: readonly KeyContext[];
  /** A short reminder for the status line; bindings without one appear only in help. */
  readonly hint?: string;
}

export const keymap: readonly KeyBinding[] = [
  { keys: ['j', 'down'], label: 'j ↓', command: 'down', description: 'next (older) entry', contexts: ['timeline', 'help'], hint: 'j/k move' },
  { keys: ['k', 'up'], label: 'k ↑', command: 'up', description: 'previous (newer) entry', contexts: ['timeline', 'help'] },
  { keys: ['pagedown', 'space'], label: 'PgDn Space', command: 'pageDown', description: 'one screen down', contexts: ['timeline', 'help'] },
  { keys: ['pageup'], label: 'PgUp', command: 'pageUp', description: 'one screen up', contexts: ['timeline', 'help'] },
  { keys: ['g', 'home'], label: 'g Home', command: 'newest', description: 'newest (follow new ones)', contexts: ['timeline', 'help'] },
  { keys: ['G', 'end'], label: 'G End', command: 'oldest', description: 'oldest entry', contexts: ['timeline', 'help'] },
  { keys: ['u'], label: 'u', command: 'oldestUnread', description: 'oldest unread entry', contexts: ['timeline'] },
  { keys: ['return'], label: 'Enter', command: 'expand', description: 'expand/collapse the entry', contexts: ['timeline'] },
  { keys: ['t'], label: 't', command: 'tags', description: 'filter by tags', contexts: ['timeline'], hint: 't tags' },
  { keys: ['T'], label: 'T', command: 'clearTags', description: 'clear the tag filter', contexts: ['timeline'] },
  { keys: ['/'], label: '/', command: 'search', description: 'search text, tags, captions', contexts: ['timeline'], hint: '/ search' },
  { keys: ['n'], label: 'n', command: 'nextMatch', description: 'next match', contexts: ['timeline'] },
  { keys: ['N'], label: 'N', command: 'previousMatch', description: 'previous match', contexts: ['timeline'] },
  { keys: ['f'], label: 'f', command: 'follow', description: 'follow/unfollow a topic', contexts: ['timeline'], hint: 'f follow' },
  { keys: ['F'], label: 'F', command: 'followedOnly', description: 'followed entries only', contexts: ['timeline'] },
  { keys: ['m'], label: 'm', command: 'mute', description: 'mute/unmute a tag', contexts: ['timeline'] },
  { keys: ['U'], label: 'U', command: 'undoMute', description: 'undo the last mute', contexts: ['timeline'] },
  { keys: ['y'], label: 'y', command: 'copy', description: 'copy the entry (OSC 52)', contexts: ['timeline'] },
  { keys: ['o'], label: 'o', command: 'open', description: 'open its first link', contexts: ['timeline'] },
  { keys: ['|'], label: '|', command: 'pipe', description: 'pipe entry to a command', contexts: ['timeline'] },
  { keys: ['h'], label: 'h', command: 'history', description: 'history: what each correction changed', contexts: ['timeline'] },
  { keys: ['p'], label: 'p', command: 'nextPinned', description: 'next pinned entry (wraps round)', contexts: ['timeline'] },
  { keys: ['K'], label: 'K', command: 'keyOnly', description: 'key events only', contexts: ['timeline'] },
  { keys: ['R'], label: 'R', command: 'retracted', description: 'hide/show retracted entries', contexts: ['timeline'] },
  { keys: ['z'], label: 'z', command: 'zone', description: "times in your zone / the newsroom's", contexts: ['timeline'] },
  { keys: ['j', 'down'], label: 'j ↓', command: 'down', description: 'scroll the history', contexts: ['history'] },
  { keys: ['k', 'up'], label: 'k ↑', command: 'up', description: 'scroll back', contexts: ['history'] },
  { keys: ['pagedown', 'space'], label: 'PgDn Space', command: 'pageDown', description: 'ten rows down', contexts: ['history'] },
  { keys: ['pageup'], label: 'PgUp', command: 'pageUp', description: 'ten rows up', contexts: ['history'] },
  { keys: ['h', 'escape'], label: 'h Esc', command: 'back', description: 'close the history', contexts: ['history'] },
  { keys: ['?'], label: '?', command: 'help', description: 'show or hide this help', contexts: ['timeline', 'help'], hint: '? help' },
  { keys: ['escape'], label: 'Esc', command: 'back', description: 'clear all filters', contexts: ['timeline'] },
  { keys: ['escape'], label: 'Esc', command: 'back', description: 'close help', contexts: ['help'], hint: 'Esc close' },
  { keys: ['q', 'ctrl+c'], label: 'q', command: 'quit', description: 'quit', contexts: ['timeline', 'help', 'history'], hint: 'q quit' },
  { keys: ['down'], label: '↓', command: 'down', description: 'next in the list', contexts: ['picker'], hint: '↑/↓ move' },
  { keys: ['up'], label: '↑', command: 'up', description: 'previous in the list', contexts: ['picker'] },
  { keys: ['space'], label: 'Space', command: 'mark', description: 'mark (several: any of them)', contexts: ['picker'], hint: 'Space mark' },
  { keys: [textKey], label: 'type', command: 'type', description: 'narrow the list, edit text', contexts: ['picker', 'prompt'] },
  { keys: ['left'], label: '←', command: 'cursorLeft', description: 'cursor one character left', contexts: ['picker', 'prompt'] },
  { keys: ['right'], label: '→', command: 'cursorRight', description: 'cursor one character right', contexts: ['picker', 'prompt'] },
  { keys: ['ctrl+a', 'home'], label: 'Ctrl-A Home', command: 'cursorStart', description: 'cursor to the start', contexts: ['picker', 'prompt'] },
  { keys: ['ctrl+e', 'end'], label: 'Ctrl-E End', command: 'cursorEnd', description: 'cursor to the end', contexts: ['picker', 'prompt'] },
  { keys: ['backspace'], label: 'Backspace', command: 'erase', description: 'erase before the cursor', contexts: ['picker', 'prompt'] },
  // The Delete key arrives as Ctrl-D (see terminal/input.ts): Ink reads it as Backspace.
  { keys: ['ctrl+d'], label: 'Del Ctrl-D', command: 'eraseForward', description: 'erase at the cursor', contexts: ['picker', 'prompt'] },
  { keys: ['ctrl+w'], label: 'Ctrl-W', command: 'eraseWord', description: 'erase the word before', contexts: ['picker', 'prompt'] },
  { keys: ['ctrl+u'], label: 'Ctrl-U', command: 'eraseLine', description: 'erase to the start', contexts: ['picker', 'prompt'] },
  { keys: ['up'], label: '↑', command: 'recall', description: 'older line: | commands, searches', contexts: ['prompt'] },
  { keys: ['down'], label: '↓', command: 'recallNewer', description: 'newer line (back to yours)', contexts: ['prompt'] },
  { keys: ['return'], label: 'Enter', command: 'accept', description: 'apply', contexts: ['picker', 'prompt'], hint: 'Enter apply' },
  { keys: ['escape'], label: 'Esc', command: 'back', description: 'cancel', contexts: ['picker', 'prompt'], hint: 'Esc cancel' },
  { keys: ['ctrl+c'], label: 'Ctrl-C', command: 'quit', description: 'quit', contexts: ['picker', 'prompt', 'confirm'] },
  { keys: ['y'], label: 'y', command: 'accept', description: 'yes', contexts: ['confirm'], hint: 'y yes' },
  { keys: ['n', 'escape'], label: 'n Esc', command: 'back', description: 'no', contexts: ['confirm'], hint: 'n/Esc no' },
];

/** Names of keys that are not text; anything else a key produces is typed text. */
const namedKeys = new Set(['up', 'down', 'left', 'right', 'pageup', 'pagedown', 'home', 'end', 'escape', 'return', 'backspace', 'tab', 'space']);

/** A stable name for what Ink reports, e.g. `j`, `G`, `down`, `pagedown`, `ctrl+c`. */
export function keyName(input: string, key: Key): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.escape) return 'escape';
  if (key.return) return 'return';
  if (key.tab) return 'tab';
  // Terminals send DEL (which Ink calls delete) for the Backspace key.
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  return input;
}

/**
 * Keys typed faster than Ink reads them arrive as one string (`jjj`), and so does a word from
 * an input method (`会見`): each character is a keypress of its own.
 */
export function keyNames(input: string, key: Key): string[] {
  if (input.length > 1 && !key.ctrl && !key.meta && !input.startsWith('\u001b')) {
    return [...input].map(charName);
  }
  return [keyName(input, key)];
}

/** One character of a burst: Ink flags only a lone key, so Enter or Ctrl-C inside a burst are read here. */
function charName(char: string): string {
  const code = char.charCodeAt(0);
  if (char === '\r' || char === '\n') return 'return';
  if (char === '\t') return 'tab';
  if (code === 0x7f || code === 0x08) return 'backspace';
  if (char === ' ') return 'space';
  if (code < 0x20) return `ctrl+${String.fromCharCode(code + 0x60)}`;
  return char;
}

export function isText(name: string): boolean {
  return name !== '' && !namedKeys.has(name) && !name.startsWith('ctrl+');
}

export interface Resolved {
  readonly command: Command;
  /** What a `type` command types. */
  readonly text: string;
}

/** The command a key means in a context; in text contexts unbound printable keys type themselves. */
export function resolveKey(name: string, context: KeyContext): Resolved | undefined {
  const bound = keymap.find((binding) => binding.contexts.includes(context) && binding.keys.includes(name));
  if (bound) return { command: bound.command, text: '' };
  const typing = keymap.some((binding) => binding.contexts.includes(context) && binding.keys.includes(textKey));
  if (!typing) return undefined;
  if (name === 'space') return { command: 'type', text: ' ' };
  return isText(name) ? { command: 'type', text: name } : undefined;
}

export function bindingsFor(context: KeyContext): KeyBinding[] {
  return keymap.filter((binding) => binding.contexts.includes(context));
}
