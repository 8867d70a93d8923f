import type { Key } from 'ink';

/*
 * The one keymap: input handling looks keys up here, and the help overlay is drawn from it, so
 * a key cannot work without being listed or be listed without working.
 */

export type Command = 'down' | 'up' | 'pageDown' | 'pageUp' | 'newest' | 'oldest' | 'help' | 'back' | 'quit';

export type KeyContext = 'timeline' | 'help';

export interface KeyBinding {
  /** Key names as `keyName` produces them. */
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
  { keys: ['j', 'down'], label: 'j ↓', command: 'down', description: 'next (older) entry', contexts: ['timeline'], hint: 'j/k move' },
  { keys: ['k', 'up'], label: 'k ↑', command: 'up', description: 'previous (newer) entry', contexts: ['timeline'] },
  { keys: ['pagedown', 'space'], label: 'PgDn Space', command: 'pageDown', description: 'one screen down', contexts: ['timeline'], hint: 'PgUp/PgDn page' },
  { keys: ['pageup'], label: 'PgUp', command: 'pageUp', description: 'one screen up', contexts: ['timeline'] },
  { keys: ['g', 'home'], label: 'g Home', command: 'newest', description: 'newest entry (follow new entries)', contexts: ['timeline'], hint: 'g/G newest/oldest' },
  { keys: ['G', 'end'], label: 'G End', command: 'oldest', description: 'oldest entry', contexts: ['timeline'] },
  { keys: ['?'], label: '?', command: 'help', description: 'show or hide this help', contexts: ['timeline', 'help'], hint: '? help' },
  { keys: ['escape'], label: 'Esc', command: 'back', description: 'close help', contexts: ['help'] },
  { keys: ['q', 'ctrl+c'], label: 'q', command: 'quit', description: 'quit', contexts: ['timeline', 'help'], hint: 'q quit' },
];

/** A stable name for what Ink reports, e.g. `j`, `G`, `down`, `pagedown`, `ctrl+c`. */
export function keyName(input: string, key: Key): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.escape) return 'escape';
  if (key.return) return 'return';
  if (key.ctrl && input) return `ctrl+${input.toLowerCase()}`;
  if (input === ' ') return 'space';
  return input;
}

/**
 * Keys typed faster than Ink reads them arrive as one string (`jjj`): each character is a
 * keypress of its own.
 */
export function keyNames(input: string, key: Key): string[] {
  if (input.length > 1 && !key.ctrl && !key.meta && !input.startsWith('\u001b')) {
    return [...input].map((char) => keyName(char, key));
  }
  return [keyName(input, key)];
}

export function commandFor(name: string, context: KeyContext): Command | undefined {
  return keymap.find((binding) => binding.contexts.includes(context) && binding.keys.includes(name))?.command;
}
