import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { initialUi, interpret, keyContext, type Outcome, type UiState, type World } from '../../src/tui/controller.js';
import { helpRows } from '../../src/tui/help.js';
import { bindingsFor, keyName, keyNames, keymap, resolveKey, textKey, type KeyContext } from '../../src/tui/keymap.js';
import { openPicker } from '../../src/tui/picker/reducer.js';
import { openPrompt } from '../../src/tui/prompt/reducer.js';
import { makeEntry, makeItem } from '../helpers/entries.js';

const item = makeItem(makeEntry('a', 0, { tags: ['会見', '港湾'], topics: ['サミット'], links: [{ title: 'x', url: 'https://news.example/x' }] }));

const world: World = {
  selected: () => item,
  tagCounts: () => [
    { tag: '会見', count: 3 },
    { tag: '港湾', count: 1 },
  ],
  oldestUnread: () => 0,
  helpScroll: () => ({ page: 5, last: 10 }),
  mutedOnlyBy: () => 2,
  newsroomZone: () => ({ label: 'London UTC+0', sameAsReader: false }),
  topics: ['港湾'],
  mutedTags: [],
};

/**
 * A state in each context where every command there has something to do: filters and a search
 * in force (Esc, T, F, n/N), a mute to undo (U), help and history scrolled to the middle, a picker narrowed by
 * typing with its cursor between two matches, a prompt holding text and an earlier search.
 */
function stateIn(context: KeyContext): UiState {
  const base = { ...initialUi(['会見']), query: 'x', followedOnly: true, lastMute: '港湾' };
  switch (context) {
    case 'timeline':
      return base;
    case 'help':
      return { ...base, overlay: { kind: 'help', offset: 1 } };
    case 'history':
      return { ...base, overlay: { kind: 'history', item, offset: 3 } };
    case 'picker': {
      // The filter line holds `港|町`, so every editing key has something to move or erase.
      const options = [{ value: '港町一' }, { value: '港町二' }, { value: '港町三' }];
      const picker = { ...openPicker('t', options, true), line: { ...openPrompt('> ', '港町'), cursor: 1 }, cursor: 1 };
      return { ...base, overlay: { kind: 'picker', purpose: 'tags', picker } };
    }
    case 'prompt':
      // `x|y`, showing the newer of two history lines: ↑ and ↓ both have somewhere to go.
      return { ...base, overlay: { kind: 'prompt', purpose: 'search', prompt: { ...openPrompt('/', 'xy', ['a', 'b']), cursor: 1, recalled: 1 }, previousQuery: 'earlier' } };
    case 'confirm':
      return { ...base, overlay: { kind: 'confirm', question: '?', mute: { kind: 'mute', tag: '港湾', muted: true, entries: 2 } } };
  }
}

/**
 * A key did something when it asked for an effect or changed the state other than by a notice:
 * a notice ("no entry selected") means the command found nothing to act on, and `interpret`
 * returns a fresh state object for every key it resolves, so identity says nothing.
 */
function didSomething(before: UiState, outcome: Outcome): boolean {
  return outcome.effects.length > 0 || !isDeepStrictEqual({ ...outcome.state, notice: undefined }, { ...before, notice: undefined });
}

/** Ink's report of a key with nothing pressed; typed as `Key`, so a flag Ink adds must be listed. */
const nothingPressed: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/** Names `keyName` gives Ink's flagged keys, e.g. `pagedown`, `escape`. */
const flaggedKeyNames = new Set(
  Object.keys(nothingPressed).map((flag) => keyName('', { ...nothingPressed, [flag]: true })).filter((name) => name !== ''),
);

/** Whether a terminal can produce the key name: a flagged key, Space, Ctrl with a character, or one printable character. */
function producible(name: string): boolean {
  if (flaggedKeyNames.has(name) || name === keyName(' ', nothingPressed)) return true;
  if (name.startsWith('ctrl+')) return keyName(name.slice('ctrl+'.length), { ...nothingPressed, ctrl: true }) === name;
  // Ink reports a single key as its one character; longer input is split by keyNames.
  return [...name].length === 1 && !/\p{Cc}/u.test(name) && keyName(name, nothingPressed) === name;
}

function keyFor(name: string): string {
  return name === textKey ? 'z' : name;
}

const contexts: KeyContext[] = ['timeline', 'help', 'history', 'picker', 'prompt', 'confirm'];

describe('the keymap drives input and help', () => {
  it('help lists every binding of the keymap', () => {
    const help = helpRows(200, 100)
      .map((row) => row.map((span) => span.text).join(''))
      .join('\n');
    for (const binding of keymap) {
      expect(help).toContain(binding.label);
      expect(help).toContain(binding.description);
    }
  });

  it.each(contexts)('every key listed for %s is handled: it changes the state or asks for an effect', (context) => {
    for (const binding of bindingsFor(context)) {
      for (const name of binding.keys) {
        const before = stateIn(context);
        expect(didSomething(before, interpret(before, [keyFor(name)], world)), `${name} (${binding.command}) in ${context}`).toBe(true);
      }
    }
  });

  it('every key name listed is one a terminal sends (as keyName names it)', () => {
    const names = keymap.flatMap((binding) => binding.keys).filter((name) => name !== textKey);
    expect(names.filter((name) => !producible(name))).toEqual([]);
  });

  it('every key the timeline handles is listed in help (property: unlisted keys do nothing)', () => {
    const listed = new Set(bindingsFor('timeline').flatMap((binding) => binding.keys));
    const named = fc.constantFrom('left', 'right', 'tab', 'backspace', 'ctrl+a', 'ctrl+x', 'return', 'escape', 'space', 'up', 'home');
    fc.assert(
      fc.property(fc.oneof(fc.string({ minLength: 1, maxLength: 1 }), named), (name) => {
        const before = stateIn('timeline');
        expect(didSomething(before, interpret(before, [name], world))).toBe(listed.has(name));
      }),
    );
  });

  it('in lists and prompts, printable keys type themselves; named keys need a binding', () => {
    expect(resolveKey('j', 'picker')).toEqual({ command: 'type', text: 'j' });
    expect(resolveKey('会', 'prompt')).toEqual({ command: 'type', text: '会' });
    expect(resolveKey('space', 'prompt')).toEqual({ command: 'type', text: ' ' });
    expect(resolveKey('space', 'picker')?.command).toBe('mark');
    expect(resolveKey('tab', 'prompt')).toBeUndefined();
    expect(resolveKey('x', 'confirm')).toBeUndefined();
    expect(resolveKey('x', 'help')).toBeUndefined();
    expect(resolveKey('j', 'help')?.command).toBe('down');
  });
});

describe('controller', () => {
  const press = (state: UiState, ...names: string[]) => interpret(state, names, world);

  it('t opens the tag picker, most used first; typed Japanese narrows; Enter applies', () => {
    const opened = press(initialUi(), 't').state;
    expect(keyContext(opened.overlay)).toBe('picker');
    const typed = press(opened, ...[...'港湾']).state;
    const applied = press(typed, 'return');
    expect(applied.state.tags).toEqual(['港湾']);
    expect(applied.state.overlay.kind).toBe('none');
    expect(applied.effects).toEqual([{ kind: 'scroll', command: 'newest' }]);
  });

  it('a burst of keys reaches the overlay the first key opened', () => {
    expect(press(initialUi(), 't', '港', '湾', 'return').state.tags).toEqual(['港湾']);
  });

  it('Space marks several tags: the filter is any of them; T clears it', () => {
    const state = press(initialUi(), 't', 'space', 'down', 'space', 'return').state;
    expect(state.tags).toEqual(['会見', '港湾']);
    expect(press(state, 'T').state.tags).toEqual([]);
  });

  it('/ searches live, Enter keeps the search, Esc in the prompt restores the previous one', () => {
    const typing = press(initialUi(), '/', 'Ｍ', 'Ｄ');
    expect(typing.state.query).toBe('ＭＤ');
    const kept = press(typing.state, 'return').state;
    expect(kept.query).toBe('ＭＤ');
    expect(press(kept, '/', 'x', 'escape').state.query).toBe('ＭＤ');
    expect(press(kept, 'n').effects).toEqual([{ kind: 'scroll', command: 'nextMatch' }]);
    expect(press(kept, 'N').effects).toEqual([{ kind: 'scroll', command: 'previousMatch' }]);
  });

  it('Esc on the timeline clears every filter', () => {
    const state = { ...initialUi(['a']), query: 'q', followedOnly: true };
    expect(press(state, 'escape').state).toMatchObject({ tags: [], query: '', followedOnly: false });
  });

  it('f with several candidates asks which, marking the followed one; Enter toggles it', () => {
    const asking = press(initialUi(), 'f').state;
    expect(asking.overlay.kind === 'picker' && asking.overlay.picker.options).toEqual([{ value: '会見' }, { value: '港湾', note: 'followed' }, { value: 'サミット' }]);
    expect(press(asking, 'down', 'return').effects).toEqual([{ kind: 'toggleTopic', topic: '港湾' }]);
  });

  it('| asks for a command and runs it on Enter; next time it starts empty, with the last command on ↑', () => {
    const outcome = press(initialUi(), '|', ...[...'wc -c'], 'return');
    expect(outcome.effects).toEqual([{ kind: 'pipe', item, command: 'wc -c' }]);
    const promptText = (state: UiState) => (state.overlay.kind === 'prompt' ? state.overlay.prompt.text : undefined);
    const again = press(outcome.state, '|').state;
    expect(promptText(again)).toBe('');
    expect(promptText(press(again, ...[...'jq .'], 'return').state)).toBeUndefined();
    expect(press(again, ...[...'jq .'], 'return').effects).toEqual([{ kind: 'pipe', item, command: 'jq .' }]);
    expect(promptText(press(again, 'up').state)).toBe('wc -c');
  });

  it('Ctrl-W erases the last word, Ctrl-U the line, in every prompt', () => {
    const typed = press(initialUi(), '/', ...[...'港湾 会見 ']).state;
    expect(typed.overlay.kind === 'prompt' && typed.overlay.prompt.text).toBe('港湾 会見 ');
    const word = press(typed, 'ctrl+w').state;
    expect(word.overlay.kind === 'prompt' && word.overlay.prompt.text).toBe('港湾 ');
    expect(word.query).toBe('港湾 ');
    const line = press(press(initialUi(), '|', ...[...'wc -c']).state, 'ctrl+u').state;
    expect(line.overlay.kind === 'prompt' && line.overlay.prompt.text).toBe('');
  });

  it('Enter expands and collapses the selected entry', () => {
    const expanded = press(initialUi(), 'return').state;
    expect(expanded.expanded.has(item.key)).toBe(true);
    expect(press(expanded, 'return').state.expanded.has(item.key)).toBe(false);
  });

  it('q quits from the timeline and help; in a prompt it is text', () => {
    expect(press(initialUi(), 'q').effects).toEqual([{ kind: 'quit' }]);
    expect(press(stateIn('help'), 'q').effects).toEqual([{ kind: 'quit' }]);
    expect(press(stateIn('prompt'), 'q').state.query).toBe('xqy');
  });
});

describe('keys typed together', () => {
  const none = {} as Parameters<typeof keyNames>[1];
  it('reads Enter, Tab, Backspace, Space and Ctrl keys inside a burst', () => {
    expect(keyNames('\rj\r g\u007f\t\u0003', none)).toEqual(['return', 'j', 'return', 'space', 'g', 'backspace', 'tab', 'ctrl+c']);
  });

  it('keeps a word from an input method as characters to type', () => {
    expect(keyNames('会見', none)).toEqual(['会', '見']);
  });
});
