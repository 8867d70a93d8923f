import { describe, expect, it } from 'vitest';
import { initialUi, interpret, type UiState, type World } from '../../src/tui/controller.js';
import type { TimelineItem } from '../../src/timeline/timeline.js';
import { makeEntry } from '../helpers/entries.js';

const itemWith = (tags: string[]): TimelineItem => ({ key: 'f\na', feed: 'f', entry: makeEntry('a', 0, { tags }), revision: 0, seq: 1, timeMs: 0 });

function worldWith(tags: string[], { topics = [] as string[], mutedTags = [] as string[] } = {}): World {
  return {
    selected: () => itemWith(tags),
    tagCounts: () => [],
    oldestUnread: () => -1,
    helpScroll: () => ({ page: 5, last: 10 }),
    mutedOnlyBy: (tag) => (tag === '広告' ? 1 : 4),
    newsroomZone: () => undefined,
    topics,
    mutedTags,
  };
}

const press = (state: UiState, world: World, ...names: string[]) => interpret(state, names, world);

describe('m mutes, asking first for a followed tag; U undoes', () => {
  it('a tag nobody follows is muted at once, saying how many entries it hides; U unmutes it', () => {
    const world = worldWith(['広告']);
    const muted = press(initialUi(), world, 'm');
    expect(muted.effects).toEqual([{ kind: 'mute', tag: '広告', muted: true, entries: 1 }]);
    expect(muted.state.lastMute).toBe('広告');
    const undone = press(muted.state, { ...world, mutedTags: ['広告'] }, 'U');
    expect(undone.effects).toEqual([{ kind: 'mute', tag: '広告', muted: false, entries: 1 }]);
    expect(undone.state.lastMute).toBeUndefined();
    expect(press(undone.state, world, 'U').state.notice).toBe('no mute to undo');
  });

  it('a followed tag (in any width or case) asks y/n first, with the count; only y mutes', () => {
    const world = worldWith(['ＭＤ'], { topics: ['md'] });
    const asking = press(initialUi(), world, 'm');
    expect(asking.effects).toEqual([]);
    expect(asking.state.overlay).toMatchObject({ kind: 'confirm', question: 'you follow md: mute ＭＤ and hide 4 entries?' });
    // Keys that mean nothing here change nothing: a stray j must not answer the question.
    expect(press(asking.state, world, 'j', 'm').state.overlay.kind).toBe('confirm');
    const yes = press(asking.state, world, 'y');
    expect(yes.effects).toEqual([{ kind: 'mute', tag: 'ＭＤ', muted: true, entries: 4 }]);
    expect(yes.state).toMatchObject({ overlay: { kind: 'none' }, lastMute: 'ＭＤ' });
    for (const no of ['n', 'escape']) {
      const kept = press(asking.state, world, no);
      expect(kept.effects).toEqual([]);
      expect(kept.state).toMatchObject({ overlay: { kind: 'none' }, notice: 'not muted: ＭＤ', lastMute: undefined });
    }
  });

  it('the chooser asks too when the tag chosen is followed', () => {
    const world = worldWith(['広告', '会見'], { topics: ['会見'] });
    const chooser = press(initialUi(), world, 'm').state;
    expect(chooser.overlay.kind === 'picker' && chooser.overlay.picker.options).toEqual([{ value: '広告' }, { value: '会見' }]);
    expect(press(chooser, world, 'down', 'return').state.overlay.kind).toBe('confirm');
    expect(press(chooser, world, 'return').effects).toEqual([{ kind: 'mute', tag: '広告', muted: true, entries: 1 }]);
  });

  it('m on a muted tag unmutes the one saved, whatever its width or case', () => {
    const world = worldWith(['md'], { mutedTags: ['ＭＤ'] });
    const outcome = press(initialUi(), world, 'm');
    // The entry's `md` and the muted `ＭＤ` are one tag: no chooser between the two.
    expect(outcome.state.overlay.kind).toBe('none');
    expect(outcome.effects).toEqual([{ kind: 'mute', tag: 'ＭＤ', muted: false, entries: 4 }]);
  });
});
