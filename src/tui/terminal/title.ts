import { sanitizeLine, truncate } from '../../text/index.js';

const ESC = '\u001b';
const BEL = '\u0007';

/**
 * The terminal's own title is saved on the terminal's title stack before livetail sets one
 * (XTWINOPS 22;0 / 23;0, which xterm, tmux, VTE and most others keep) and popped on exit.
 */
export const titleSequences = {
  save: `${ESC}[22;0t`,
  restore: `${ESC}[23;0t`,
} as const;

export interface TitleModel {
  blogTitle: string | undefined;
  ended: boolean;
  newEntries: number;
}

/** `(3) ● ほしぞら港湾サミット`: new entries first (what a tab shows when it is cut), then LIVE or ENDED. */
export function windowTitle({ blogTitle, ended, newEntries }: TitleModel): string {
  const count = newEntries > 0 ? `(${newEntries}) ` : '';
  const state = ended ? 'ENDED' : '●';
  // Feed text: sanitized (no ESC or BEL can end the sequence or start another one) and short.
  const name = truncate(sanitizeLine(blogTitle ?? ''), 80) || 'livetail';
  return `${count}${state} ${name}`;
}

/** OSC 2: sets the window/tab title. */
export function titleSequence(title: string): string {
  return `${ESC}]2;${sanitizeLine(title)}${BEL}`;
}
