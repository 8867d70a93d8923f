import type { TagCount } from '../timeline/select.js';
import { followCandidates } from '../timeline/follow.js';
import type { TimelineItem } from '../timeline/timeline.js';
import { resolveKey, type Command, type KeyContext } from './keymap.js';
import { matchingOptions, openPicker, pickerChoice, pickerReducer, type PickerState } from './picker/reducer.js';
import { openPrompt, promptReducer, type PromptState } from './prompt/reducer.js';

/*
 * What keys do, as a pure function: (state, keys) -> (state, effects). The keymap says which
 * command a key means in the current context; this says what the command changes. Effects that
 * touch the world (settings, clipboard, processes, scrolling with the current layout) are
 * returned, not performed, so every key can be tested without a terminal.
 */

export type Overlay =
  | { readonly kind: 'none' }
  /** `offset`: the first help line on screen. */
  | { readonly kind: 'help'; readonly offset: number }
  /** `h`: the history of one entry, scrolled down by `offset` rows. */
  | { readonly kind: 'history'; readonly item: TimelineItem; readonly offset: number }
  | { readonly kind: 'picker'; readonly purpose: 'tags' | 'follow' | 'mute'; readonly picker: PickerState }
  | { readonly kind: 'prompt'; readonly purpose: 'search'; readonly prompt: PromptState; readonly previousQuery: string }
  | { readonly kind: 'prompt'; readonly purpose: 'pipe'; readonly prompt: PromptState; readonly item: TimelineItem };

export interface UiState {
  readonly overlay: Overlay;
  /** Tag filter (any of). */
  readonly tags: readonly string[];
  /** Search text; applied live while typed. */
  readonly query: string;
  readonly followedOnly: boolean;
  /** `K`: key events only. */
  readonly keyOnly: boolean;
  /** `R` (and the hideRetracted setting): leave out retracted lines. */
  readonly hideRetracted: boolean;
  /** Keys of expanded cards. */
  readonly expanded: ReadonlySet<string>;
  /** One line for the status line until the next key. */
  readonly notice: string | undefined;
  /** The last command given to `|`, offered again with ↑. */
  readonly lastPipe: string;
  /** `z` (and the newsroomTime setting): times in the blog's own zone rather than the reader's. */
  readonly newsroomTime: boolean;
}

export function initialUi(tags: readonly string[] = [], followedOnly = false, hideRetracted = false, newsroomTime = false): UiState {
  return { overlay: { kind: 'none' }, tags, query: '', followedOnly, keyOnly: false, hideRetracted, expanded: new Set(), notice: undefined, lastPipe: '', newsroomTime };
}

export type ScrollCommand = 'down' | 'up' | 'pageDown' | 'pageUp' | 'newest' | 'oldest' | 'nextMatch' | 'previousMatch' | 'nextPinned' | 'reveal';

export type Effect =
  | { readonly kind: 'quit' }
  | { readonly kind: 'scroll'; readonly command: ScrollCommand }
  | { readonly kind: 'select'; readonly index: number }
  | { readonly kind: 'toggleTopic'; readonly topic: string }
  | { readonly kind: 'toggleMute'; readonly tag: string }
  | { readonly kind: 'rememberZone'; readonly newsroomTime: boolean }
  | { readonly kind: 'copy'; readonly item: TimelineItem }
  | { readonly kind: 'open'; readonly item: TimelineItem }
  | { readonly kind: 'pipe'; readonly item: TimelineItem; readonly command: string };

/** What the controller may ask about the world; read only when a key needs it. */
export interface World {
  selected(): TimelineItem | undefined;
  tagCounts(): readonly TagCount[];
  /** How far help scrolls on this screen: lines per page, and the last offset. */
  helpScroll(): { readonly page: number; readonly last: number };
  /** Index of the oldest unread entry in the view, -1 when none is. */
  oldestUnread(): number;
  /** The blog's own zone (`tz`), named as the header names zones; undefined when it names none. */
  newsroomZone(): { readonly label: string; readonly sameAsReader: boolean } | undefined;
  readonly topics: readonly string[];
  readonly mutedTags: readonly string[];
}

export interface Outcome {
  readonly state: UiState;
  readonly effects: readonly Effect[];
}

export function keyContext(overlay: Overlay): KeyContext {
  return overlay.kind === 'none' ? 'timeline' : overlay.kind;
}

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
      return onPicker(state, overlay, command, text);
    case 'prompt':
      return onPrompt(state, overlay, command, text);
  }
}

const none: Overlay = { kind: 'none' };

function withNotice(state: UiState, notice: string): Outcome {
  return { state: { ...state, notice }, effects: [] };
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
      return { state: { ...state, overlay: { kind: 'prompt', purpose: 'search', prompt: openPrompt('/', state.query), previousQuery: state.query } }, effects: [] };
    case 'follow':
      return chooseOrToggle(state, world, 'follow');
    case 'mute':
      return chooseOrToggle(state, world, 'mute');
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
      return { state: { ...state, overlay: { kind: 'prompt', purpose: 'pipe', prompt: openPrompt('| '), item } }, effects: [] };
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
  const candidates =
    purpose === 'follow' ? (item ? followCandidates(item.entry) : []) : [...new Set([...(item?.entry.tags ?? []), ...chosen])];
  if (candidates.length === 0) return withNotice(state, purpose === 'follow' ? 'nothing to follow on this entry' : 'no tags to mute on this entry');
  if (candidates.length === 1) return { state, effects: [toggleEffect(purpose, candidates[0]!)] };
  const note = purpose === 'follow' ? 'followed' : 'muted';
  const options = candidates.map((value) => ({ value, ...(chosen.includes(value) ? { note } : {}) }));
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

function toggleEffect(purpose: 'follow' | 'mute', value: string): Effect {
  return purpose === 'follow' ? { kind: 'toggleTopic', topic: value } : { kind: 'toggleMute', tag: value };
}

function onPicker(state: UiState, overlay: Extract<Overlay, { kind: 'picker' }>, command: Command, text: string): Outcome {
  const update = (picker: PickerState): Outcome => ({ state: { ...state, overlay: { ...overlay, picker } }, effects: [] });
  switch (command) {
    case 'down':
      return update(pickerReducer(overlay.picker, { type: 'move', delta: 1 }));
    case 'up':
      return update(pickerReducer(overlay.picker, { type: 'move', delta: -1 }));
    case 'mark':
      return update(pickerReducer(overlay.picker, { type: 'mark' }));
    case 'type':
      return update(pickerReducer(overlay.picker, { type: 'type', text }));
    case 'erase':
      return update(pickerReducer(overlay.picker, { type: 'erase' }));
    case 'back':
      return { state: { ...state, overlay: none }, effects: [] };
    case 'accept': {
      const choice = pickerChoice(overlay.picker);
      const closed = { ...state, overlay: none };
      if (choice.length === 0) return withNotice(closed, matchingOptions(overlay.picker).length === 0 ? 'nothing matches' : 'nothing chosen');
      if (overlay.purpose === 'tags') return { state: { ...closed, tags: choice }, effects: [{ kind: 'scroll', command: 'newest' }] };
      return { state: closed, effects: choice.map((value) => toggleEffect(overlay.purpose === 'follow' ? 'follow' : 'mute', value)) };
    }
    default:
      return { state, effects: [] };
  }
}

function onPrompt(state: UiState, overlay: Extract<Overlay, { kind: 'prompt' }>, command: Command, text: string): Outcome {
  const search = overlay.purpose === 'search';
  const edit = (prompt: PromptState): Outcome => ({
    // The search applies while it is typed, so the reader sees the list narrow.
    state: { ...state, overlay: { ...overlay, prompt }, ...(search ? { query: prompt.text } : {}) },
    effects: search ? [{ kind: 'scroll', command: 'newest' }] : [],
  });
  switch (command) {
    case 'type':
      return edit(promptReducer(overlay.prompt, { type: 'type', text }));
    case 'erase':
    case 'eraseWord':
    case 'eraseLine':
      return edit(promptReducer(overlay.prompt, { type: command }));
    case 'recall': {
      const earlier = overlay.purpose === 'pipe' ? state.lastPipe : overlay.previousQuery;
      return earlier === '' ? { state, effects: [] } : edit(promptReducer(overlay.prompt, { type: 'recall', text: earlier }));
    }
    case 'back':
      return { state: { ...state, overlay: none, ...(overlay.purpose === 'search' ? { query: overlay.previousQuery } : {}) }, effects: [] };
    case 'accept': {
      if (overlay.purpose === 'search') return { state: { ...state, overlay: none }, effects: [] };
      const command = overlay.prompt.text.trim();
      const closed = { ...state, overlay: none, lastPipe: command || state.lastPipe };
      return command === '' ? { state: closed, effects: [] } : { state: closed, effects: [{ kind: 'pipe', item: overlay.item, command }] };
    }
    default:
      return { state, effects: [] };
  }
}
