import { render } from 'ink-testing-library';
import { App, type AppProps } from '../../src/tui/App.js';
import { storyNow } from './entries.js';

export type AppOverrides = Partial<AppProps> & Pick<AppProps, 'sources'>;

/**
 * Mounts the App as a test reader sees it: Tokyo time on the day makeEntry's entries are from
 * (so no dates show), no colour, no filter, an 80×24 screen,
 * an empty environment, and what it writes to the terminal (bell, OSC) kept in `written`
 * instead of reaching the test's output. `rerender` changes props over the same defaults.
 */
export function renderApp(overrides: AppOverrides) {
  const written: string[] = [];
  const element = (props: AppOverrides) => (
    <App
      timeZone="Asia/Tokyo"
      now={storyNow}
      color={false}
      filter={{ tags: [] }}
      size={{ columns: 80, rows: 24 }}
      env={{}}
      writeTerminal={(sequence) => written.push(sequence)}
      {...props}
    />
  );
  const app = render(element(overrides));
  return { ...app, written, rerender: (changed: Partial<AppProps>) => app.rerender(element({ ...overrides, ...changed })) };
}
