import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { settingsSchema } from '../../src/settings/settings.js';
import { memoryStore } from '../../src/settings/store.js';
import { shownClock } from '../../src/format/clock.js';
import type { FeedInfo, TimelineItem } from '../../src/timeline/timeline.js';
import { App } from '../../src/tui/App.js';
import { CardCache, unreadMarkLine } from '../../src/tui/card-layout.js';
import { markRow } from '../../src/tui/card-marks.js';
import { chooseZone, newsroomZone } from '../../src/tui/shown-zone.js';
import { initialUi, interpret, type World } from '../../src/tui/controller.js';
import { signal } from '../helpers/entries.js';
import { FakeSource } from '../helpers/fake-source.js';
import { frameWhere, tick } from '../helpers/ink.js';

/*
 * A reader in London follows a fictional Tokyo newsroom over several days. The reader's zone,
 * the newsroom's and "now" are all given, so this holds on any machine on any day.
 */

const F = 'http://127.0.0.1:37600/';
const nowMs = Date.parse('2026-11-25T09:00:00Z'); // 09:00 in London, 18:00 in Tokyo
const now = (): number => nowMs;

const entry = (id: string, time: string, title: string) => signal(F, { event: 'entry', entry: { id, time, title, body: '', tags: [] } });
const signals = [
  signal(F, { event: 'blog', blog: { id: 'b', title: '北浜市長選（架空）', status: 'live', tz: 'Asia/Tokyo' } }),
  entry('old', '2025-12-31T10:00:00Z', '昨年末の告示（架空）'),
  entry('late', '2026-11-24T23:30:00Z', '開票速報が始まる'),
  entry('today', '2026-11-25T08:30:00Z', '当選確実の報'),
];

afterEach(() => cleanup());

function mount(settings = memoryStore(settingsSchema.parse({}))) {
  const app = render(<App sources={[new FakeSource(F, signals)]} timeZone="Europe/London" now={now} color={false} filter={{ tags: [] }} size={{ columns: 80, rows: 30 }} env={{}} writeTerminal={() => undefined} settings={settings} />);
  return { ...app, settings };
}

/** The gutter lines of the card whose headline is `title`: its time, then what is below it. */
function gutterOf(frame: string, title: string): string[] {
  const lines = frame.split('\n');
  const start = lines.findIndex((line) => line.includes(title));
  const gutters = [];
  // Column 0 carries the selection bar; the time, date and year are columns 1-5.
  for (let index = start; index < lines.length; index += 1) {
    const gutter = lines[index]!.slice(1, 6).trim();
    if (gutter === '' || lines[index]!.startsWith('─') || (index > start && lines[index]!.slice(8).trim() !== '')) break;
    gutters.push(gutter);
  }
  return gutters;
}

describe('dates and zones on screen', () => {
  it('dates every entry that is not today in the reader’s zone, the year only when not this one, and names the zone', async () => {
    const { lastFrame } = mount();
    const frame = await frameWhere(lastFrame, (text) => text.includes('昨年末の告示'));
    expect(frame.split('\n')[0]).toContain('London UTC+0');
    expect(gutterOf(frame, '当選確実の報')).toEqual(['08:30']);
    expect(gutterOf(frame, '開票速報が始まる')).toEqual(['23:30', '11/24']);
    expect(gutterOf(frame, '昨年末の告示')).toEqual(['10:00', '12/31', '2025']);
  });

  it('z switches to the newsroom’s zone, where the late entry is today, and back; the choice is saved', async () => {
    const { lastFrame, stdin, settings } = mount();
    await frameWhere(lastFrame, (text) => text.includes('昨年末の告示'));
    await tick();
    stdin.write('z');
    const tokyo = await frameWhere(lastFrame, (text) => text.includes('Tokyo UTC+9 (newsroom)'));
    expect(tokyo).toContain("times in the newsroom's zone (Tokyo UTC+9)");
    expect(gutterOf(tokyo, '開票速報が始まる')).toEqual(['08:30']);
    expect(gutterOf(tokyo, '当選確実の報')).toEqual(['17:30']);
    expect(gutterOf(tokyo, '昨年末の告示')).toEqual(['19:00', '12/31', '2025']);
    expect(settings.value.newsroomTime).toBe(true);
    stdin.write('z');
    const london = await frameWhere(lastFrame, (text) => text.includes('times in your zone'));
    expect(london.split('\n')[0]).toContain('London UTC+0');
    expect(gutterOf(london, '開票速報が始まる')).toEqual(['23:30', '11/24']);
    expect(settings.value.newsroomTime).toBe(false);
  });

  it('starts in the newsroom’s zone when the reader chose it last time', async () => {
    const { lastFrame } = mount(memoryStore({ ...settingsSchema.parse({}), newsroomTime: true }));
    const frame = await frameWhere(lastFrame, (text) => text.includes('昨年末の告示'));
    expect(frame.split('\n')[0]).toContain('Tokyo UTC+9 (newsroom)');
  });
});

describe('z, the pure transition', () => {
  const world = (newsroom: ReturnType<World['newsroomZone']>): World => ({
    selected: () => undefined,
    tagCounts: () => [],
    helpScroll: () => ({ page: 1, last: 0 }),
    oldestUnread: () => -1,
    mutedOnlyBy: () => 0,
    newsroomZone: () => newsroom,
    topics: [],
    mutedTags: [],
  });

  it('switches where the zones differ, remembers the choice and keeps the selection on screen', () => {
    const there = interpret(initialUi(), ['z'], world({ label: 'Tokyo UTC+9', sameAsReader: false }));
    expect(there.state.newsroomTime).toBe(true);
    expect(there.effects).toEqual([{ kind: 'rememberZone', newsroomTime: true }, { kind: 'scroll', command: 'reveal' }]);
    const back = interpret(there.state, ['z'], world({ label: 'Tokyo UTC+9', sameAsReader: false }));
    expect(back.state.newsroomTime).toBe(false);
    expect(back.state.notice).toBe('times in your zone');
  });

  it('says why nothing changes when the blog names no zone, or one that keeps the reader’s time', () => {
    const none = interpret(initialUi(), ['z'], world(undefined));
    expect(none.state.newsroomTime).toBe(false);
    expect(none.state.notice).toBe('no newsroom zone: the blog names none (or the feeds name several)');
    expect(none.effects).toEqual([]);
    const same = interpret(initialUi(), ['z'], world({ label: 'Seoul UTC+9', sameAsReader: true }));
    expect(same.state.newsroomTime).toBe(false);
    expect(same.state.notice).toContain('same times as yours');
  });
});

describe('the unread mark on a dated card', () => {
  it('goes on the line after the date, which stays readable', () => {
    const item: TimelineItem = { key: 'f\na', feed: 'f', entry: { id: 'a', time: '2026-11-24T23:30:00Z', title: '開票速報', body: '', tags: [] }, revision: 0, seq: 1, timeMs: Date.parse('2026-11-24T23:30:00Z') };
    const clock = shownClock('Europe/London', nowMs);
    const rows = new CardCache().rows(item, { width: 60, clock, feedLabel: undefined, expanded: false });
    const line = unreadMarkLine(item, clock);
    expect(line).toBe(2);
    const text = rows.map((row, index) => markRow(row, index, { selected: false, followed: false, unread: true, unreadLine: line }).map((span) => span.text).join(''));
    expect(text[1]).toMatch(/^ 11\/24 /);
    expect(text[2]).toMatch(/^ new /);
  });
});

describe('which zone is the newsroom’s', () => {
  const feed = (tz: string | undefined): FeedInfo => ({ feed: F, blog: { id: 'b', title: 't', status: 'live', ...(tz ? { tz } : {}) }, connection: { status: 'connected' }, ready: true, invalid: 0, lastInvalid: undefined, gap: undefined });

  it('the one zone the blogs name; none when they name several, none or one that is not a zone', () => {
    expect(newsroomZone([feed('Asia/Tokyo'), feed(undefined)])).toBe('Asia/Tokyo');
    expect(newsroomZone([feed('Asia/Tokyo'), feed('Asia/Tokyo')])).toBe('Asia/Tokyo');
    expect(newsroomZone([feed('Asia/Tokyo'), feed('Asia/Seoul')])).toBeUndefined();
    expect(newsroomZone([feed('Mars/Olympus')])).toBeUndefined();
    expect(newsroomZone([feed(undefined)])).toBeUndefined();
  });

  it('the reader’s zone unless the newsroom’s was chosen and exists', () => {
    expect(chooseZone('Europe/London', [feed('Asia/Tokyo')], false, nowMs)).toMatchObject({ label: 'London UTC+0', clock: { timeZone: 'Europe/London', today: '2026-11-25' }, newsroom: { label: 'Tokyo UTC+9', sameAsReader: false } });
    expect(chooseZone('Europe/London', [feed('Asia/Tokyo')], true, nowMs)).toMatchObject({ label: 'Tokyo UTC+9 (newsroom)', clock: { timeZone: 'Asia/Tokyo' } });
    expect(chooseZone('Europe/London', [feed(undefined)], true, nowMs)).toMatchObject({ label: 'London UTC+0', newsroom: undefined });
  });
});
