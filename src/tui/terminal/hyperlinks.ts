import { createContext } from 'react';

/*
 * OSC 8 hyperlinks: the text stays what it is, the terminal makes it clickable. Written only
 * where the terminal is known to understand them; elsewhere an unknown OSC is at best ignored
 * and at worst printed.
 */

const ESC = '\u001b';
const ST = `${ESC}\\`;

/** Whether this terminal draws OSC 8 links, from what it says about itself. */
export function detectHyperlinks(env: NodeJS.ProcessEnv): boolean {
  const term = env.TERM ?? '';
  // tmux passes OSC 8 on only from 3.4 with the hyperlinks feature set; screen never does.
  if (env.TMUX || term.startsWith('screen') || term === 'dumb') return false;
  if (['iTerm.app', 'WezTerm', 'ghostty', 'vscode', 'Hyper'].includes(env.TERM_PROGRAM ?? '')) return true;
  if (Number(env.VTE_VERSION ?? 0) >= 5000) return true; // GNOME Terminal, Tilix... since VTE 0.50
  if (env.KITTY_WINDOW_ID || env.WT_SESSION || env.KONSOLE_VERSION || env.ALACRITTY_WINDOW_ID) return true;
  return term.startsWith('foot') || term === 'xterm-kitty' || term === 'alacritty';
}

/**
 * A URL fit to write inside OSC 8: http or https only, normalised by the URL parser (which
 * percent-encodes anything outside ASCII), and nothing left that could end the sequence.
 */
export function linkTarget(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const href = url.href;
  return /^[\x21-\x7e]+$/.test(href) && href.length <= 2000 ? href : undefined;
}

/** `text` as a link to `url` (already checked by linkTarget). */
export function hyperlink(url: string, text: string): string {
  return `${ESC}]8;;${url}${ST}${text}${ESC}]8;;${ST}`;
}

/** Whether rows write their links as OSC 8 (decided once at start, by the terminal). */
export const HyperlinksContext = createContext(false);
