import { sanitizeLine, truncate } from '../../text/index.js';

/*
 * Escape sequences livetail itself writes to the terminal: clipboard (OSC 52), bell and desktop
 * notifications (OSC 9, OSC 777). Feed text inside them is sanitized first, so it can neither
 * end the sequence early (BEL, ESC) nor smuggle in one of its own.
 */

const BEL = '\u0007';
const OSC = '\u001b]';

export const bell = BEL;

/** OSC 52: sets the system clipboard to `text` (base64 of its UTF-8 bytes). */
export function clipboardSequence(text: string): string {
  return `${OSC}52;c;${Buffer.from(text, 'utf8').toString('base64')}${BEL}`;
}

export type NotificationStyle = 'osc9' | 'osc777' | 'none';

/**
 * Which desktop-notification sequence this terminal understands, from what it says about
 * itself. OSC 9: iTerm2, WezTerm, Ghostty. OSC 777: foot, VTE-based terminals (GNOME
 * Terminal, Tilix...), urxvt with its notify extension. Anything else gets none: kitty has its
 * own OSC 99, Windows Terminal reads OSC 9 as ConEmu's progress/cwd commands, tmux and screen
 * swallow OSC without passthrough, and an unknown OSC is at best ignored and at worst printed.
 */
export function detectNotificationStyle(env: NodeJS.ProcessEnv): NotificationStyle {
  if (env.TMUX || (env.TERM ?? '').startsWith('screen')) return 'none';
  const program = env.TERM_PROGRAM ?? '';
  if (['iTerm.app', 'WezTerm', 'ghostty'].includes(program)) return 'osc9';
  if ((env.TERM ?? '').startsWith('foot') || env.VTE_VERSION || (env.TERM ?? '').startsWith('rxvt-unicode')) return 'osc777';
  return 'none';
}

/** A desktop notification, or '' when the terminal has no way to show one. */
export function notificationSequence(style: NotificationStyle, title: string, body: string): string {
  // Field separators of OSC 777 must not appear in its title; both texts are kept short.
  const cleanTitle = truncate(sanitizeLine(title).replaceAll(';', ','), 60);
  const cleanBody = truncate(sanitizeLine(body), 200);
  switch (style) {
    case 'osc9':
      return `${OSC}9;${cleanTitle}: ${cleanBody}${BEL}`;
    case 'osc777':
      return `${OSC}777;notify;${cleanTitle};${cleanBody}${BEL}`;
    case 'none':
      return '';
  }
}
