import { afterEach } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userEnv, type Served } from './processes.js';
import { until } from './until.js';

/** A real terminal for the tests: a detached tmux session on its own socket. */
export class TmuxTerminal {
  private readonly folder = mkdtempSync(join(tmpdir(), 'livetail-tmux-'));
  private readonly socket = join(this.folder, 'sock');
  private readonly config = join(this.folder, 'tmux.conf');

  /** `config`: tmux commands in force before the app starts (e.g. `set -g set-clipboard on`). */
  constructor(readonly columns: number, readonly rows: number, { config = '' } = {}) {
    writeFileSync(this.config, config);
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-S', this.socket, '-f', this.config, ...args], { encoding: 'utf8', env: userEnv() });
  }

  start(command: string): void {
    this.tmux('new-session', '-d', '-s', 't', '-x', String(this.columns), '-y', String(this.rows), command);
    this.tmux('set-option', '-t', 't', 'remain-on-exit', 'on');
  }

  paneTitle(): string {
    return this.tmux('display-message', '-p', '-t', 't', '#{pane_title}').trim();
  }

  /** What OSC 52 writes reached tmux's paste buffers (empty when none did). */
  clipboardBuffers(): string {
    try {
      return this.tmux('list-buffers').trim();
    } catch {
      return ''; // tmux exits non-zero when there are no buffers at all
    }
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 't');
  }

  /** The screen with its attributes as SGR sequences (`capture-pane -e`): what is drawn inverse, bold... */
  styledScreen(): string {
    return this.tmux('capture-pane', '-p', '-e', '-t', 't');
  }

  /** Lines the terminal had to wrap are joined: a different count means something spilled. */
  joinedScreen(): string {
    return this.tmux('capture-pane', '-p', '-J', '-t', 't');
  }

  alternateScreen(): boolean {
    return this.tmux('display-message', '-p', '-t', 't', '#{alternate_on}').trim() === '1';
  }

  /** Whether the app asked for SGR mouse reports (1006). */
  mouseReporting(): boolean {
    return this.tmux('display-message', '-p', '-t', 't', '#{mouse_sgr_flag}').trim() === '1';
  }

  paneDead(): boolean {
    return this.tmux('display-message', '-p', '-t', 't', '#{pane_dead}').trim() === '1';
  }

  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 't', ...keys);
  }

  literal(text: string): void {
    this.tmux('send-keys', '-t', 't', '-l', text);
  }

  /** Polls the screen until `predicate` holds; fails with the last screen after `limitMs`. */
  async waitFor(predicate: (screen: string) => boolean, what: string, limitMs = 15_000): Promise<string> {
    let screen = '';
    await until(() => predicate((screen = this.screen())), () => `timed out waiting for ${what}; screen was:\n${screen}`, { limitMs, intervalMs: 100 });
    return screen;
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}

/** A test's tmux terminal and `serve` process, killed and stopped after each test. */
export function tmuxTestSession(): { terminal?: TmuxTerminal | undefined; server?: Served | undefined } {
  const session: { terminal?: TmuxTerminal | undefined; server?: Served | undefined } = {};
  afterEach(async () => {
    session.terminal?.kill();
    session.terminal = undefined;
    await session.server?.stop();
    session.server = undefined;
  });
  return session;
}
