import { clipboardSequence } from './actions/terminal-sequences.js';
import { entryAsNdjson, entryAsText } from './actions/entry-text.js';
import { firstLink, openUrl } from './actions/open-link.js';
import { runWithInput } from './actions/run-command.js';
import { copyMessage, type ClipboardPath } from './terminal/clipboard.js';
import type { Effect, ScrollCommand } from './controller.js';
import { describeMute } from './mute.js';

/** What carrying out the controller's effects takes from the screen. */
export interface EffectTargets {
  readonly quit: () => void;
  readonly scroll: (command: ScrollCommand) => void;
  readonly select: (index: number) => void;
  /** Both return the line that says what changed. */
  readonly toggleTopic: (topic: string) => string;
  readonly setMuted: (tag: string, muted: boolean) => string;
  /** Returns a line only when the choice could not be saved. */
  readonly rememberZone: (newsroomTime: boolean) => string | undefined;
  readonly writeTerminal: (sequence: string) => void;
  readonly notify: (line: string) => void;
  readonly timeZone: string | undefined;
  /** Whether OSC 52 can reach the clipboard here; asked once, not on the render path. */
  readonly clipboardPath: () => Promise<ClipboardPath>;
}

/** Carries out one effect the pure controller asked for. */
export function performEffect(effect: Effect, targets: EffectTargets): void {
  const { notify } = targets;
  switch (effect.kind) {
    case 'quit':
      targets.quit();
      return;
    case 'scroll':
      targets.scroll(effect.command);
      return;
    case 'select':
      targets.select(effect.index);
      return;
    case 'toggleTopic':
      notify(targets.toggleTopic(effect.topic));
      return;
    case 'mute':
      notify(`${targets.setMuted(effect.tag, effect.muted)} · ${describeMute(effect)}`);
      return;
    case 'rememberZone': {
      const failure = targets.rememberZone(effect.newsroomTime);
      if (failure !== undefined) notify(failure);
      return;
    }
    case 'copy': {
      const text = entryAsText(effect.item, targets.timeZone);
      targets.writeTerminal(clipboardSequence(text));
      void targets.clipboardPath().then((path) => notify(copyMessage([...text].length, path)));
      return;
    }
    case 'open': {
      const url = firstLink(effect.item);
      if (url === undefined) notify('no http(s) link in this entry');
      else void openUrl(url).then(notify);
      return;
    }
    case 'pipe':
      notify(`running ${effect.command}…`);
      void runWithInput(effect.command, entryAsNdjson(effect.item)).then((result) => notify(result.summary));
      return;
  }
}
