import { findLabel, followCandidates, withAdded } from '../timeline/follow.js';
import { resolveKey, type Command } from './keymap.js';
import { muteOrAsk, onConfirm, undoMute } from './mute.js';
import { matchingOptions, openPicker, pickerChoice, pickerReducer, type PickerState } from './picker/reducer.js';
import { openPrompt, promptReducer, type PromptAction } from './prompt/reducer.js';
import { keyContext, noOverlay as none, withNotice, type Effect, type Outcome, type Overlay, type UiState, type World } from './ui-state.js';

/*
 * What keys do, as a pure function: (state, keys) -> (state, effects). The keymap says which
 * command a key means in the current context; this says what the command changes. Effects that
 * touch the world (settings, clipboard, processes, scrolling with the current layout) are
 * returned, not performed, so every key can be tested without a terminal.
 */

export { initialUi, keyContext, type Effect, type Outcome, type ScrollCommand, type UiState, type World } from './ui-state.js';

/** Applies keys in order: a key that opens the tag picker sends the rest of the burst to it. */
export function interpret(state: UiState, names: readonly string[], world: World): Outcome {
  let current = state;
  const effects: Effect[] = [];
  for (const name of names) {
    const resolved = resolveKey(name, keyContext(current.overlay));
    if (resolved === undefined) continue;
    const next = perform({ ...current, notice: undefined }, resolved.command, resolved.text, world);
    current = next.state;
    effects.push(...next.effects);
  }
  return { state: current, effects };
}

function perform(state: UiState, command: Command, text: string, world: World): Outcome {
  const { overlay } = state;
  if (command === 'quit') return { state, effects: [{ kind: 'quit' }] };
  switch (overlay.kind) {
    case 'none':
      return onTimeline(state, command, world);
    case 'help':
      return onHelp(state, overlay.offset, command, world);
    case 'history':
      return onHistory(state, overlay, command);
    case 'picker':
      return onPicker(state, overlay, command, text, world);
    case 'prompt':
      return onPrompt(state, overlay, command, text);
    case 'confirm':
      return onConfirm(state, overlay, command);
  }
}

function onTimeline(state: UiState, command: Command, world: World): Outcome {
  switch (command) {
    case 'down':
    case 'up':
    case 'pageDown':
    case 'pageUp':
    case 'newest':
    case 'oldest':
      return { state, effects: [{ kind: 'scroll', command }] };
    case 'nextMatch':
    case 'previousMatch':
      if (state.query.trim() === '') return withNotice(state, 'no search: press / first');
      return { state, effects: [{ kind: 'scroll', command }] };
    case 'oldestUnread': {
      const index = world.oldestUnread();
      return index < 0 ? withNotice(state, 'nothing unread') : { state, effects: [{ kind: 'select', index }] };
    }
    case 'expand': {
      const item = world.selected();
      if (!item) return { state, effects: [] };
      const expanded = new Set(state.expanded);
      if (!expanded.delete(item.key)) expanded.add(item.key);
      return { state: { ...state, expanded }, effects: [{ kind: 'scroll', command: 'reveal' }] };
    }
    case 'tags': {
      const options = world.tagCounts().map(({ tag, count }) => ({ value: tag, count, ...(state.tags.includes(tag) ? { note: 'in filter' } : {}) }));
      if (options.length === 0) return withNotice(state, 'no tags yet');
      return { state: { ...state, overlay: { kind: 'picker', purpose: 'tags', picker: openPicker('Filter by tag', options, true) } }, effects: [] };
    }
    case 'clearTags':
      return { state: { ...state, tags: [] }, effects: [] };
    case 'search':
      return { state: { ...state, overlay: { kind: 'prompt', purpose: 'search', prompt: openPrompt('/', state.query, state.history.search), previousQuery: state.query } }, effects: [] };
    case 'follow':
      return chooseOrToggle(state, world, 'follow');
    case 'mute':
      return chooseOrToggle(state, world, 'mute');
    case 'undoMute':
      return undoMute(state, world);
    case 'followedOnly':
      if (!state.followedOnly && world.topics.length === 0) return withNotice(state, 'no followed topics yet: press f on an entry');
      return { state: { ...state, followedOnly: !state.followedOnly }, effects: [{ kind: 'scroll', command: 'newest' }] };
    case 'copy':
    case 'open': {
      const item = world.selected();
      return item ? { state, effects: [{ kind: command, item }] } : withNotice(state, 'no entry selected');
    }
    case 'pipe': {
      const item = world.selected();
      if (!item) return withNotice(state, 'no entry selected');
      // Empty, with the last command one ↑ away: a pre-filled line that typing appended to ran
      // commands nobody wrote (`wc -cnosuchcmd`).
      return { state: { ...state, overlay: { kind: 'prompt', purpose: 'pipe', prompt: openPrompt('| ', '', state.history.pipe), item } }, effects: [] };
    }
    case 'help':
      return { state: { ...state, overlay: { kind: 'help', offset: 0 } }, effects: [] };
    case 'history': {
      const item = world.selected();
      return item ? { state: { ...state, overlay: { kind: 'history', item, offset: 0 } }, effects: [] } : withNotice(state, 'no entry selected');
    }
    case 'nextPinned':
      return { state, effects: [{ kind: 'scroll', command: 'nextPinned' }] };
    case 'keyOnly':
      return { state: { ...state, keyOnly: !state.keyOnly }, effects: [{ kind: 'scroll', command: 'newest' }] };
    case 'retracted': {
      const hideRetracted = !state.hideRetracted;
      return { state: { ...state, hideRetracted, notice: hideRetracted ? 'retracted entries hidden (R shows them)' : 'retracted entries shown' }, effects: [{ kind: 'scroll', command: 'reveal' }] };
    }
    case 'zone':
      return switchZone(state, world);
    case 'back':
      return { state: { ...state, tags: [], query: '', followedOnly: false, keyOnly: false }, effects: [] };
    default:
      return { state, effects: [] };
  }
}

/** `z`: the reader's zone or the newsroom's; only where they differ, so the key never does nothing silently. */
function switchZone(state: UiState, world: World): Outcome {
  const newsroom = world.newsroomZone();
  if (newsroom === undefined) return withNotice(state, 'no newsroom zone: the blog names none (or the feeds name several)');
  if (newsroom.sameAsReader && !state.newsroomTime) return withNotice(state, `the newsroom's clock (${newsroom.label}) shows the same times as yours`);
  const newsroomTime = !state.newsroomTime;
  return {
    state: { ...state, newsroomTime, notice: newsroomTime ? `times in the newsroom's zone (${newsroom.label}); z for yours` : 'times in your zone' },
    // Dates come and go with the zone, so cards change height.
    effects: [{ kind: 'rememberZone', newsroomTime }, { kind: 'scroll', command: 'reveal' }],
  };
}

/** Help scrolls with the timeline's keys, so a small screen can read all of it. */
function onHelp(state: UiState, offset: number, command: Command, world: World): Outcome {
  if (command === 'help' || command === 'back') return { state: { ...state, overlay: none }, effects: [] };
  const { page, last } = world.helpScroll();
  const steps: Partial<Record<Command, number>> = { down: 1, up: -1, pageDown: page, pageUp: -page, newest: -last, oldest: last };
  const step = steps[command];
  if (step === undefined) return { state, effects: [] };
  const next = Math.min(Math.max(offset + step, 0), last);
  return next === offset ? { state, effects: [] } : { state: { ...state, overlay: { kind: 'help', offset: next } }, effects: [] };
}

/** `f`/`m`: one candidate is toggled at once; several open a chooser. */
function chooseOrToggle(state: UiState, world: World, purpose: 'follow' | 'mute'): Outcome {
  const item = world.selected();
  const chosen = purpose === 'follow' ? world.topics : world.mutedTags;
  // Muted entries are hidden, so `m` also offers every muted tag: that is where unmuting happens.
  const candidates = purpose === 'follow' ? (item ? followCandidates(item.entry) : []) : withAdded(item?.entry.tags ?? [], chosen);
  if (candidates.length === 0) return withNotice(state, purpose === 'follow' ? 'nothing to follow on this entry' : 'no tags to mute on this entry');
  if (candidates.length === 1) return choose(state, purpose, candidates[0]!, world);
  const note = purpose === 'follow' ? 'followed' : 'muted';
  const options = candidates.map((value) => ({ value, ...(findLabel(chosen, value) !== undefined ? { note } : {}) }));
  const title = purpose === 'follow' ? 'Follow or unfollow' : 'Mute or unmute';
  return { state: { ...state, overlay: { kind: 'picker', purpose, picker: openPicker(title, options, false) } }, effects: [] };
}

function onHistory(state: UiState, overlay: Extract<Overlay, { kind: 'history' }>, command: Command): Outcome {
  const scrollBy = (rows: number): Outcome => ({ state: { ...state, overlay: { ...overlay, offset: Math.max(overlay.offset + rows, 0) } }, effects: [] });
  switch (command) {
    case 'down':
      return scrollBy(1);
    case 'up':
      return scrollBy(-1);
    case 'pageDown':
      return scrollBy(historyPage);
    case 'pageUp':
      return scrollBy(-historyPage);
    case 'history':
    case 'back':
      return { state: { ...state, overlay: none }, effects: [] };
    default:
      return { state, effects: [] };
  }
}

/** Rows a page key scrolls the history view (it does not know the screen's height; the view clamps). */
const historyPage = 10;

/** A candidate chosen for `f` (followed or unfollowed at once) or `m` (see mute.ts). */
function choose(state: UiState, purpose: 'follow' | 'mute', value: string, world: World): Outcome {
  return purpose === 'follow' ? { state, effects: [{ kind: 'toggleTopic', topic: value }] } : muteOrAsk(state, value, world);
}

/** What the line-editing commands do to the line: the same in prompts and in a picker's filter. */
const lineEdits: Partial<Record<Command, PromptAction>> = {
  erase: { type: 'erase' },
  eraseForward: { type: 'eraseForward' },
  eraseWord: { type: 'eraseWord' },
  eraseLine: { type: 'eraseLine' },
  cursorLeft: { type: 'cursorLeft' },
  cursorRight: { type: 'cursorRight' },
  cursorStart: { type: 'cursorStart' },
  cursorEnd: { type: 'cursorEnd' },
  recall: { type: 'recallOlder' },
  recallNewer: { type: 'recallNewer' },
};

function lineEdit(command: Command, text: string): PromptAction | undefined {
  return command === 'type' ? { type: 'type', text } : lineEdits[command];
}

/** Keeps the last lines given, oldest first, each once (the newest copy). */
function remembered(history: readonly string[], line: string): readonly string[] {
  return line === '' ? history : [...history.filter((earlier) => earlier !== line), line].slice(-historyLength);
}

const historyLength = 50;

function onPicker(state: UiState, overlay: Extract<Overlay, { kind: 'picker' }>, command: Command, text: string, world: World): Outcome {
  const update = (picker: PickerState): Outcome => ({ state: { ...state, overlay: { ...overlay, picker } }, effects: [] });
  const edit = lineEdit(command, text);
  if (edit !== undefined) return update(pickerReducer(overlay.picker, { type: 'edit', edit }));
  switch (command) {
    case 'down':
      return update(pickerReducer(overlay.picker, { type: 'move', delta: 1 }));
    case 'up':
      return update(pickerReducer(overlay.picker, { type: 'move', delta: -1 }));
    case 'mark':
      return update(pickerReducer(overlay.picker, { type: 'mark' }));
    case 'back':
      return { state: { ...state, overlay: none }, effects: [] };
    case 'accept': {
      const choice = pickerChoice(overlay.picker);
      const closed = { ...state, overlay: none };
      if (choice.length === 0) return withNotice(closed, matchingOptions(overlay.picker).length === 0 ? 'nothing matches' : 'nothing chosen');
      if (overlay.purpose === 'tags') return { state: { ...closed, tags: choice }, effects: [{ kind: 'scroll', command: 'newest' }] };
      // The follow and mute choosers take one option.
      return choose(closed, overlay.purpose, choice[0]!, world);
    }
    default:
      return { state, effects: [] };
  }
}

function onPrompt(state: UiState, overlay: Extract<Overlay, { kind: 'prompt' }>, command: Command, text: string): Outcome {
  const search = overlay.purpose === 'search';
  const lineAction = lineEdit(command, text);
  if (lineAction !== undefined) {
    const prompt = promptReducer(overlay.prompt, lineAction);
    // The search applies while it is typed, so the reader sees the list narrow.
    const narrowed = search && prompt.text !== overlay.prompt.text;
    return {
      state: { ...state, overlay: { ...overlay, prompt }, ...(search ? { query: prompt.text } : {}) },
      effects: narrowed ? [{ kind: 'scroll', command: 'newest' }] : [],
    };
  }
  switch (command) {
    case 'back':
      return { state: { ...state, overlay: none, ...(search ? { query: overlay.previousQuery } : {}) }, effects: [] };
    case 'accept': {
      const line = overlay.prompt.text.trim();
      if (search) return { state: { ...state, overlay: none, history: { ...state.history, search: remembered(state.history.search, line) } }, effects: [] };
      const closed = { ...state, overlay: none, history: { ...state.history, pipe: remembered(state.history.pipe, line) } };
      return line === '' ? { state: closed, effects: [] } : { state: closed, effects: [{ kind: 'pipe', item: overlay.item, command: line }] };
    }
    default:
      return { state, effects: [] };
  }
}
