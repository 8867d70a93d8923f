import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configDirectory, keptFeeds, openSettings, openState, settingsSchema, withFeedChanges } from '../../src/settings/settings.js';
import { openStore } from '../../src/settings/store.js';
import { readOnlyLock } from '../helpers/read-only.js';

function directory(): string {
  return mkdtempSync(join(tmpdir(), 'livetail-settings-'));
}

describe('settings store', () => {
  it('starts from defaults and keeps changes across opens', () => {
    const dir = directory();
    const warnings: string[] = [];
    const settings = openSettings(dir, (line) => warnings.push(line));
    expect(settings.value).toEqual({ topics: [], mutedTags: [], ambiguousWidth: 'auto', alert: 'auto', mouse: false, hideRetracted: false, newsroomTime: false });
    settings.update((current) => ({ ...current, topics: [...current.topics, '港湾'] }));
    expect(openSettings(dir, (line) => warnings.push(line)).value.topics).toEqual(['港湾']);
    expect(warnings).toEqual([]);
    expect(settings.path).toBe(join(dir, 'settings.json'));
  });

  it.each([
    ['not JSON', '{"topics": [', /not valid JSON/],
    ['the wrong shape', '{"topics": "港湾"}', /not in the expected shape/],
  ])('sets aside a file that is %s, keeps it as a backup and starts over', (_what, content, message) => {
    const dir = directory();
    writeFileSync(join(dir, 'settings.json'), content);
    const warnings: string[] = [];
    const settings = openSettings(dir, (line) => warnings.push(line));
    expect(settings.value.topics).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(message);
    const backups = readdirSync(dir).filter((name) => name.startsWith('settings.json.bak-'));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(dir, backups[0]!), 'utf8')).toBe(content);
    expect(warnings[0]).toContain(backups[0]);
  });

  it('merges on write: a change made by another process is not lost', () => {
    const dir = directory();
    const first = openSettings(dir, () => undefined);
    const second = openSettings(dir, () => undefined);
    first.update((current) => ({ ...current, topics: [...current.topics, 'a'] }));
    second.update((current) => ({ ...current, topics: [...current.topics, 'b'] }));
    expect(openSettings(dir, () => undefined).value.topics).toEqual(['a', 'b']);
  });

  it('keeps per-feed state separately from settings', () => {
    const dir = directory();
    const state = openState(dir, () => undefined);
    state.update((current) => ({ feeds: { ...current.feeds, 'http://x/': { resumeId: '42' } } }));
    expect(openState(dir, () => undefined).value.feeds['http://x/']).toEqual({ resumeId: '42' });
    expect(readdirSync(dir).sort()).toEqual(['state.json']);
  });

  it('lives where LIVETAIL_CONFIG_DIR says', () => {
    expect(configDirectory({ LIVETAIL_CONFIG_DIR: '/tmp/x' })).toBe('/tmp/x');
    expect(configDirectory({})).toMatch(/livetail$/);
  });
});

describe('settings in a folder livetail may not write to', () => {
  const onDisk = JSON.stringify({ topics: ['港湾', '台風'], mutedTags: ['広告'] }, null, 2);
  const readOnlySettings = (dir: string, warn: (line: string) => void) =>
    openStore({ directory: dir, name: 'settings', schema: settingsSchema, defaults: settingsSchema.parse({}), warn, lock: readOnlyLock });

  it('reads what the file holds without taking the lock', () => {
    const dir = directory();
    writeFileSync(join(dir, 'settings.json'), onDisk);
    // A live holder (this very process): a read that waited for the lock would give up after 5 s.
    writeFileSync(join(dir, 'settings.json.lock'), String(process.pid));
    expect(openSettings(dir, () => undefined).value.topics).toEqual(['港湾', '台風']);
  });

  it('keeps changes in memory, says so once, and leaves the file as it was', () => {
    const dir = directory();
    writeFileSync(join(dir, 'settings.json'), onDisk);
    const warnings: string[] = [];
    const settings = readOnlySettings(dir, (line) => warnings.push(line));
    expect(settings.value.topics).toEqual(['港湾', '台風']);
    expect(warnings).toEqual([]);
    settings.update((current) => ({ ...current, topics: [...current.topics, '選挙'] }));
    settings.update((current) => ({ ...current, mutedTags: [] }));
    expect(settings.value).toMatchObject({ topics: ['港湾', '台風', '選挙'], mutedTags: [] });
    expect(warnings).toEqual([`cannot write to ${dir} (EACCES); changes last only until this livetail exits`]);
    expect(settings.unsavedReason).toBe(`cannot write to ${dir} (EACCES)`);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(onDisk);
    expect(readdirSync(dir)).toEqual(['settings.json']);
  });

  it('leaves a broken file where it is when it cannot be set aside', () => {
    const dir = directory();
    writeFileSync(join(dir, 'settings.json'), '{"topics": [');
    const warnings: string[] = [];
    const settings = readOnlySettings(dir, (line) => warnings.push(line));
    settings.update((current) => ({ ...current, topics: ['港湾'] }));
    expect(settings.value.topics).toEqual(['港湾']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot set aside .*not valid JSON \(EACCES\); left it as it is/);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe('{"topics": [');
  });

  it('never writes over a file it could not read', () => {
    const dir = directory();
    // A directory where the file should be: reading it fails, as for a file we may not read.
    mkdirSync(join(dir, 'settings.json'));
    const warnings: string[] = [];
    const settings = openSettings(dir, (line) => warnings.push(line));
    settings.update((current) => ({ ...current, topics: ['港湾'] }));
    expect(settings.value.topics).toEqual(['港湾']);
    expect(warnings).toEqual([`cannot read ${join(dir, 'settings.json')} (EISDIR); using defaults, and changes last only until this livetail exits`]);
    expect(readdirSync(dir)).toEqual(['settings.json']);
    expect(readdirSync(join(dir, 'settings.json'))).toEqual([]);
  });
});

describe('per-feed state', () => {
  it('merges changes into what other faces keep for the same feed', () => {
    const state = { feeds: { a: { resumeId: '7', usedAt: '2026-11-01T00:00:00.000Z' } } };
    const next = withFeedChanges(state, new Map([['a', { readTime: '2026-11-25T05:00:00.000Z', readId: 'e1' }]]), new Date('2026-11-25T06:00:00Z'));
    expect(next.feeds.a).toEqual({ resumeId: '7', readTime: '2026-11-25T05:00:00.000Z', readId: 'e1', usedAt: '2026-11-25T06:00:00.000Z' });
    expect(state.feeds.a).toEqual({ resumeId: '7', usedAt: '2026-11-01T00:00:00.000Z' });
  });

  it(`keeps the ${keptFeeds} most recently used feeds`, () => {
    let state = { feeds: {} };
    for (let day = 0; day < keptFeeds + 20; day += 1) {
      state = withFeedChanges(state, new Map([[`http://feed-${day}/`, { resumeId: '1' }]]), new Date(Date.UTC(2026, 0, 1) + day * 3_600_000));
    }
    const kept = Object.keys(state.feeds);
    expect(kept).toHaveLength(keptFeeds);
    expect(kept).toContain(`http://feed-${keptFeeds + 19}/`);
    expect(kept).not.toContain('http://feed-0/');
  });
});
