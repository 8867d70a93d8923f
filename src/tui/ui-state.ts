import type { TagCount } from '../timeline/select.js';
import type { TimelineItem } from '../timeline/timeline.js';
import type { KeyContext } from './keymap.js';
import type { PickerState } from './picker/reducer.js';
import type { PromptState } from './prompt/reducer.js';

/*
 * What the keyboard controller works on: the screen's state, the effects it asks for, and what
 * it may read of the world. Kept apart from the controller so the pieces of it (mute, prompts)
 * can share them without importing each other.
 */

export type Overlay =
  | { readonly kind: 'none' }
  /** `offset`: the first help line on screen. */
  | { readonly kind: 'help'; readonly offset: number }
  /** `h`: the history of one entry, scrolled down by `offset` rows. */
  | { readonly kind: 'history'; readonly item: TimelineItem; readonly offset: number }
  | { readonly kind: 'picker'; readonly purpose: 'tags' | 'follow' | 'mute'; readonly picker: PickerState }
  | { readonly kind: 'prompt'; readonly purpose: 'search'; readonly prompt: PromptState; readonly previousQuery: string }
  | { readonly kind: 'prompt'; readonly purpose: 'pipe'; readonly prompt: PromptState; readonly item: TimelineItem }
  /** `m` on a followed tag asks first, in the status line: `y` mutes, `n` or Esc keeps it. */
  | { readonly kind: 'confirm'; readonly question: string; readonly mute: MuteEffect };

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
  /** Commands given to `|` and searches kept with Enter, oldest first, offered again with ↑. */
  readonly history: { readonly pipe: readonly string[]; readonly search: readonly string[] };
  /** The tag the last mute hid, which `U` unmutes again. */
  readonly lastMute: string | undefined;
  /** `z` (and the newsroomTime setting): times in the blog's own zone rather than the reader's. */
  readonly newsroomTime: boolean;
}

export function initialUi(tags: readonly string[] = [], followedOnly = false, hideRetracted = false, newsroomTime = false): UiState {
  return {
    overlay: { kind: 'none' },
    tags,
    query: '',
    followedOnly,
    keyOnly: false,
    hideRetracted,
    expanded: new Set(),
    notice: undefined,
    history: { pipe: [], search: [] },
    lastMute: undefined,
    newsroomTime,
  };
}

export type ScrollCommand = 'down' | 'up' | 'pageDown' | 'pageUp' | 'newest' | 'oldest' | 'nextMatch' | 'previousMatch' | 'nextPinned' | 'reveal';

export type Effect =
  | { readonly kind: 'quit' }
  | { readonly kind: 'scroll'; readonly command: ScrollCommand }
  | { readonly kind: 'select'; readonly index: number }
  | { readonly kind: 'toggleTopic'; readonly topic: string }
  | MuteEffect
  | { readonly kind: 'rememberZone'; readonly newsroomTime: boolean }
  | { readonly kind: 'copy'; readonly item: TimelineItem }
  | { readonly kind: 'open'; readonly item: TimelineItem }
  | { readonly kind: 'pipe'; readonly item: TimelineItem; readonly command: string };

/** `entries`: how many entries it hides (muting) or shows again (unmuting). */
export interface MuteEffect {
  readonly kind: 'mute';
  readonly tag: string;
  readonly muted: boolean;
  readonly entries: number;
}

/** What the controller may ask about the world; read only when a key needs it. */
export interface World {
  selected(): TimelineItem | undefined;
  tagCounts(): readonly TagCount[];
  /** How far help scrolls on this screen: lines per page, and the last offset. */
  helpScroll(): { readonly page: number; readonly last: number };
  /** Index of the oldest unread entry in the view, -1 when none is. */
  oldestUnread(): number;
  /** Entries carrying the tag that no other muted tag hides: what muting or unmuting it changes. */
  mutedOnlyBy(tag: string): number;
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

export const noOverlay: Overlay = { kind: 'none' };

export function withNotice(state: UiState, notice: string): Outcome {
  return { state: { ...state, notice }, effects: [] };
}
