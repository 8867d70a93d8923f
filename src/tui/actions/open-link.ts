import { spawn } from 'node:child_process';
import type { TimelineItem } from '../../timeline/timeline.js';

/** The system's opener for a URL: `open` on macOS, the shell's `start` on Windows, else `xdg-open`. */
export function openerFor(platform: NodeJS.Platform): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [] };
  // `start` is a cmd built-in; the empty string is its window title, so a URL is never taken for one.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  return { command: 'xdg-open', args: [] };
}

/**
 * The first link of an entry that is safe to hand to an opener: http(s) only, so a feed cannot
 * make us open a local file, a `javascript:` URL, or pass an option (`--foo`) to the opener.
 */
export function firstLink(item: TimelineItem): string | undefined {
  for (const link of item.entry.links ?? []) {
    try {
      const url = new URL(link.url);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
    } catch {
      // not a URL: try the next one
    }
  }
  return undefined;
}

/** Opens the URL in the background; resolves with a line for the status line. */
export function openUrl(url: string, platform: NodeJS.Platform = process.platform): Promise<string> {
  const { command, args } = openerFor(platform);
  return new Promise((resolve) => {
    const child = spawn(command, [...args, url], { shell: false, stdio: 'ignore', detached: true });
    child.on('error', (error: NodeJS.ErrnoException) => {
      resolve(error.code === 'ENOENT' ? `cannot open links: ${command} is not installed` : `${command}: ${error.message}`);
    });
    child.on('spawn', () => {
      child.unref();
      resolve(`opened ${url}`);
    });
  });
}
