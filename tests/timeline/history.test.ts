import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../src/schema/feed.js';
import type { SourceSignal } from '../../src/schema/signal.js';
import { keptRevisions } from '../../src/timeline/history.js';
import { batchChanges } from '../../src/timeline/changes.js';
import { applySignals, emptyTimeline, getItem, isRetracted, type Timeline } from '../../src/timeline/timeline.js';
import { makeEntry, signal } from '../helpers/entries.js';

const F = 'https://example.invalid/hoshizora';

type Step = { kind: 'entry' | 'update'; body: string } | { kind: 'delete' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constantFrom('entry' as const, 'update' as const), body: fc.constantFrom('航路', '航路の安全', 'Safety first', '안전', '安全第一', 'x', 'y', 'z') }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'delete' as const }) },
);

function toSignal(each: Step): SourceSignal {
  return each.kind === 'delete' ? signal(F, { event: 'delete', id: 'a' }) : signal(F, { event: each.kind, entry: makeEntry('a', 5, { body: each.body }) });
}

/** What the history should hold: every new revision in order, none after a delete. */
function model(steps: readonly Step[]): { revisions: string[]; retracted: boolean } {
  const revisions: string[] = [];
  let retracted = false;
  let deleted = false;
  for (const each of steps) {
    if (each.kind === 'delete') {
      deleted = true;
      retracted = revisions.length > 0;
    } else if (!deleted && !revisions.includes(each.body)) revisions.push(each.body);
  }
  return { revisions, retracted };
}

describe('entry history', () => {
  it('keeps revisions in arrival order, the last 20 with a count of the rest; a retraction keeps the last text', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), fc.nat(80), (steps, cut) => {
        // Each batch arrives a second after the one before: arrival times must follow it.
        let timeline = emptyTimeline();
        steps.forEach((each, index) => {
          timeline = applySignals(timeline, [toSignal(each)], 1000 * (index + 1));
        });
        const batched = applySignals(applySignals(emptyTimeline(), steps.slice(0, cut).map(toSignal), 7), steps.slice(cut).map(toSignal), 7);
        const expected = model(steps);
        for (const result of [timeline, batched]) {
          const item = getItem(result, F, 'a');
          if (expected.revisions.length === 0) {
            expect(item).toBeUndefined();
            continue;
          }
          expect(item!.entry.body).toBe(expected.revisions.at(-1));
          expect(isRetracted(item!)).toBe(expected.retracted);
          const history = item!.history;
          if (expected.revisions.length === 1 && !expected.retracted) {
            expect(history).toBeUndefined();
            continue;
          }
          const kept = expected.revisions.slice(-keptRevisions);
          expect(history!.revisions.map((revision) => revision.entry.body)).toEqual(kept);
          expect(history!.dropped).toBe(expected.revisions.length - kept.length);
          expect(history!.revisions.at(-1)!.entry).toBe(item!.entry);
        }
        const times = getItem(timeline, F, 'a')?.history?.revisions.map((revision) => revision.arrivedMs) ?? [];
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }),
    );
  });

  it('remembers every revision for dropping replays, even past the kept 20', () => {
    const bodies = Array.from({ length: 45 }, (_, index) => `第${index}版`);
    const timeline = applySignals(emptyTimeline(), bodies.map((body) => signal(F, { event: 'update', entry: makeEntry('a', 5, { body }) })));
    const replayed = applySignals(timeline, bodies.map((body) => signal(F, { event: 'entry', entry: makeEntry('a', 5, { body }) })));
    expect(replayed).toBe(timeline);
    expect(getItem(timeline, F, 'a')!.history).toMatchObject({ dropped: 25 });
    expect(getItem(timeline, F, 'a')!.revision).toBe(45);
  });

  it('an older timeline corrected another way keeps its own memory of revisions', () => {
    const fix = (body: string): SourceSignal => signal(F, { event: 'update', entry: makeEntry('a', 5, { body }) });
    const base = applySignals(emptyTimeline(), [signal(F, { event: 'entry', entry: makeEntry('a', 5, { body: 'v0' }) }), fix('v1')]);
    const one = applySignals(base, [fix('v2')]);
    const other = applySignals(base, [fix('v3')]);
    // `v2` belongs to the first branch only: in the second it is a new correction.
    expect(getItem(applySignals(other, [fix('v2')]), F, 'a')!.revision).toBe(3);
    expect(applySignals(one, [fix('v2')])).toBe(one);
    expect(getItem(base, F, 'a')!.history!.revisions.map((revision) => revision.entry.body)).toEqual(['v0', 'v1']);
  });

  it('lists corrections and retractions since an older timeline, not new arrivals', () => {
    const entry = (id: string, body: string): Entry => makeEntry(id, 5, { body });
    const base: Timeline = applySignals(emptyTimeline(), [signal(F, { event: 'entry', entry: entry('a', '1') }), signal(F, { event: 'entry', entry: entry('b', '1') })]);
    const batch = [
      signal(F, { event: 'update', entry: entry('a', '2') }),
      signal(F, { event: 'delete', id: 'b' }),
      signal(F, { event: 'entry', entry: entry('c', '1') }),
    ];
    const next = applySignals(base, batch);
    expect(batchChanges(base, next, batch).changes.map((item) => item.entry.id).sort()).toEqual(['a', 'b']);
    expect(batchChanges(base, next, batch).arrivals.map((item) => item.entry.id)).toEqual(['c']);
    // A batch the timeline dropped whole (a replay) changed nothing.
    expect(batchChanges(next, applySignals(next, batch), batch)).toEqual({ arrivals: [], changes: [] });
  });
});
