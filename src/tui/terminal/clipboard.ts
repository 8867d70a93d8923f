import { execFile } from 'node:child_process';

/*
 * Whether an OSC 52 clipboard write (`y`) can reach the reader's clipboard. A terminal never
 * answers one, so only what sits between livetail and the terminal can be known: tmux takes an
 * application's OSC 52 only with `set-clipboard on` (its default, `external`, and `off` drop it),
 * and GNU screen does not pass it through.
 */

export type ClipboardPath =
  | { readonly via: 'terminal' }
  /** `setClipboard`: tmux's global `set-clipboard`, undefined when tmux could not be asked. */
  | { readonly via: 'tmux'; readonly setClipboard: string | undefined }
  | { readonly via: 'screen' }
  /** TERM names tmux or screen, but neither is this process's own (ssh from inside one): it cannot be asked. */
  | { readonly via: 'multiplexer'; readonly term: string };

/** Reads a global tmux option; undefined when tmux cannot be asked. */
export type TmuxOption = (name: string) => Promise<string | undefined>;

/** `tmux show-options -gv NAME`, run against the tmux this process is inside ($TMUX). */
export const askTmux: TmuxOption = (name) =>
  new Promise((resolve) => {
    execFile('tmux', ['show-options', '-gv', name], { timeout: 2000 }, (error, stdout) => resolve(error ? undefined : stdout.trim()));
  });

export async function clipboardPath(env: NodeJS.ProcessEnv, tmuxOption: TmuxOption = askTmux): Promise<ClipboardPath> {
  if (env.TMUX) return { via: 'tmux', setClipboard: await tmuxOption('set-clipboard') };
  if (env.STY) return { via: 'screen' };
  const term = env.TERM ?? '';
  if (/^(screen|tmux)/.test(term)) return { via: 'multiplexer', term };
  return { via: 'terminal' };
}

/** clipboardPath asked once: the first `y` asks, later ones reuse the answer. */
export function clipboardCheck(env: NodeJS.ProcessEnv, tmuxOption: TmuxOption = askTmux): () => Promise<ClipboardPath> {
  let answer: Promise<ClipboardPath> | undefined;
  return () => (answer ??= clipboardPath(env, tmuxOption));
}

/** The status line after `y` sent `characters` characters: where they went, or why they will not arrive. */
export function copyMessage(characters: number, path: ClipboardPath): string {
  const sent = `sent to the terminal's clipboard (OSC 52): ${characters} characters`;
  switch (path.via) {
    case 'terminal':
      return sent;
    case 'multiplexer':
      return `${sent}; the tmux or screen that TERM=${path.term} names may not pass it on`;
    case 'screen':
      return 'not copied: GNU screen does not pass OSC 52 through to the terminal';
    case 'tmux':
      if (path.setClipboard === 'on') return `${sent}, through tmux`;
      if (path.setClipboard === undefined) return `${sent}; tmux passes it on only with set-clipboard on`;
      return `not copied: tmux set-clipboard is ${path.setClipboard} (turn it on: tmux set -g set-clipboard on)`;
  }
}
