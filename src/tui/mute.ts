import { findLabel, labelKey } from '../timeline/follow.js';
import type { Command } from './keymap.js';
import { noOverlay, withNotice, type MuteEffect, type Outcome, type Overlay, type UiState, type World } from './ui-state.js';

/*
 * Muting, as pure steps of the controller. A mute hides entries for good (it is saved), so it
 * says how many it hides, asks first when the tag is one the reader follows, and `U` takes the
 * last one back.
 */

function entries(count: number): string {
  return `${count} ${count === 1 ? 'entry' : 'entries'}`;
}

/** The status line after a mute or unmute: what it did and what it cost. */
export function describeMute(effect: MuteEffect): string {
  return effect.muted ? `${entries(effect.entries)} hidden · U undoes` : `${entries(effect.entries)} shown again`;
}

function applyMute(state: UiState, mute: MuteEffect): Outcome {
  return { state: { ...state, lastMute: mute.tag }, effects: [mute] };
}

function unmute(state: UiState, tag: string, world: World): Outcome {
  const undone = state.lastMute !== undefined && labelKey(state.lastMute) === labelKey(tag);
  return { state: undone ? { ...state, lastMute: undefined } : state, effects: [{ kind: 'mute', tag, muted: false, entries: world.mutedOnlyBy(tag) }] };
}

/** `m` on one tag: a muted tag is unmuted; any other is muted, after asking when it is followed. */
export function muteOrAsk(state: UiState, tag: string, world: World): Outcome {
  const muted = findLabel(world.mutedTags, tag);
  if (muted !== undefined) return unmute(state, muted, world);
  const mute: MuteEffect = { kind: 'mute', tag, muted: true, entries: world.mutedOnlyBy(tag) };
  const followed = findLabel(world.topics, tag);
  if (followed === undefined) return applyMute(state, mute);
  const question = `you follow ${followed}: mute ${tag} and hide ${entries(mute.entries)}?`;
  return { state: { ...state, overlay: { kind: 'confirm', question, mute } }, effects: [] };
}

/** `U`: unmutes the tag the last mute hid. */
export function undoMute(state: UiState, world: World): Outcome {
  if (state.lastMute === undefined) return withNotice(state, 'no mute to undo');
  const muted = findLabel(world.mutedTags, state.lastMute);
  if (muted === undefined) return withNotice({ ...state, lastMute: undefined }, `${state.lastMute} is not muted`);
  return unmute(state, muted, world);
}

/** The y/n question: only `y` mutes; `n` and Esc keep the tag, and other keys are ignored. */
export function onConfirm(state: UiState, overlay: Extract<Overlay, { kind: 'confirm' }>, command: Command): Outcome {
  const closed = { ...state, overlay: noOverlay };
  if (command === 'accept') return applyMute(closed, overlay.mute);
  if (command === 'back') return withNotice(closed, `not muted: ${overlay.mute.tag}`);
  return { state, effects: [] };
}
