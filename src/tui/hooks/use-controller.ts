import { useInput, type Key } from 'ink';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { interpret, type Effect, type UiState, type World } from '../controller.js';
import { keyNames } from '../keymap.js';

export interface Controller {
  readonly ui: UiState;
  /** Shows a line in the status line (results of work that finishes later, e.g. a pipe). */
  notify(line: string): void;
}

/**
 * The one input hook: every key goes through the keymap and the pure controller, whatever is
 * open. One hook rather than one per overlay, because keys typed together (`t` and then a word
 * from an input method) must reach the overlay the first key opened, and a per-overlay
 * `useInput` would subscribe only a render later and lose them.
 */
export function useController(initial: () => UiState, world: World, perform: (effect: Effect) => void, isActive: boolean): Controller {
  const [ui, setUi] = useState(initial);
  // Keys can arrive faster than React renders: each burst starts from the newest state (every
  // update below writes it), and sees the newest world (a key right after `f` must know the topic
  // was followed), taken at commit, before the next input can be read.
  const latest = useRef(ui);
  const current = useRef({ world, perform });
  useLayoutEffect(() => {
    current.current = { world, perform };
  });

  // One handler for the app's lifetime: Ink re-subscribes whenever the handler changes, and a
  // key arriving between a render and that re-subscription would reach a stale handler.
  const handleInput = useCallback((input: string, key: Key) => {
    const outcome = interpret(latest.current, keyNames(input, key), current.current.world);
    latest.current = outcome.state;
    setUi(outcome.state);
    for (const effect of outcome.effects) current.current.perform(effect);
  }, []);
  useInput(handleInput, { isActive });

  const notify = useCallback((line: string) => {
    setUi((current) => {
      const next = { ...current, notice: line };
      latest.current = next;
      return next;
    });
  }, []);
  return { ui, notify };
}
