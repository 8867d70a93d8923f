import type { Entry } from '../schema/feed.js';
import { stamp, type ShownClock } from '../format/clock.js';
import { sanitizeLine, truncate, wrap } from '../text/index.js';
import { diffRevisions, foldUnchanged, wrapChanges, type ChangeKind, type MarkedLine } from '../text/revision-diff.js';
import type { Revision } from '../timeline/history.js';
import type { TimelineItem } from '../timeline/timeline.js';
import { editedNote, type Row, type SpanStyle } from './card-layout.js';

/*
 * The history view (`h`): the entry's revisions, newest first, each with what changed from the
 * one before it. Laid out here as screen rows through the text layout, like cards.
 *
 *  History · 共同声明「航路の安全を最優先」 · edited 2× · 16:12
 *
 *  revision 2 · arrived 16:12 · source 16:11
 *    死者は[-3-]{+5+}人
 *  revision 1 · arrived 16:08
 *    …
 *  first published 16:05 · arrived 16:05
 *    the whole text
 */

const indent = '  ';

/** What the diff compares: the headline and the body. */
function revisionText(entry: Entry): string {
  return [entry.title?.trim(), entry.body.trim()].filter(Boolean).join('\n\n');
}

const styleOfKind: Readonly<Record<ChangeKind, SpanStyle>> = { same: 'body', removed: 'removed', added: 'added' };

function markedRow(line: MarkedLine): Row {
  return [{ text: indent, style: 'plain' }, ...line.map((piece) => ({ text: piece.text, style: styleOfKind[piece.kind] }))];
}

function revisionLabel(revision: Revision, number: number, first: boolean, clock: ShownClock): string {
  const arrived = `arrived ${stamp(revision.arrivedMs, clock)}`;
  const source = revision.entry.modified ? ` · source ${stamp(Date.parse(revision.entry.modified), clock)}` : '';
  return first && number === 0 ? `first published ${stamp(Date.parse(revision.entry.time), clock)} · ${arrived}` : `revision ${number} · ${arrived}${source}`;
}

/** Every row of the history of `item`, for a screen `width` wide; `markers` when there is no colour. */
export function historyRows(item: TimelineItem, width: number, markers: boolean, clock: ShownClock): Row[] {
  const textWidth = Math.max(width - indent.length, 8);
  const revisions: readonly Revision[] = item.history?.revisions ?? [{ entry: item.entry, arrivedMs: item.arrivedMs ?? Date.parse(item.entry.time) }];
  const dropped = item.history?.dropped ?? 0;
  const heading = [`History · ${sanitizeLine(item.entry.title?.trim() || item.entry.body.trim())}`, editedNote(item, clock)].filter(Boolean).join(' · ');
  const rows: Row[] = [[{ text: truncate(heading, width), style: 'title' }], []];
  const retractedMs = item.history?.retractedMs;
  if (retractedMs !== undefined) rows.push([{ text: truncate(`retracted ${stamp(retractedMs, clock)} · it said:`, width), style: 'retracted' }], []);
  // The first revision kept has the number of those before it that were not.
  const firstNumber = item.revision - revisions.length + 1;
  for (let index = revisions.length - 1; index >= 0; index -= 1) {
    const revision = revisions[index]!;
    const number = firstNumber + index;
    rows.push([{ text: truncate(revisionLabel(revision, number, dropped === 0 && index === 0, clock), width), style: 'meta' }]);
    const previous = revisions[index - 1];
    if (previous === undefined) {
      for (const line of wrap(revisionText(revision.entry), textWidth)) rows.push([{ text: indent + line, style: 'body' }]);
    } else {
      for (const line of foldUnchanged(wrapChanges(diffRevisions(revisionText(previous.entry), revisionText(revision.entry)), textWidth, markers))) {
        rows.push('folded' in line ? [{ text: truncate(`${indent}… ${line.folded} unchanged lines`, width), style: 'credit' }] : markedRow(line.line));
      }
    }
    rows.push([]);
  }
  if (dropped > 0) rows.push([{ text: truncate(`${dropped} earlier revision${dropped === 1 ? '' : 's'} not kept`, width), style: 'credit' }]);
  return rows;
}

/** The rows that fit `height` from `offset` (clamped so the last page stays full). */
export function historyPage(rows: readonly Row[], height: number, offset: number): Row[] {
  const top = Math.min(offset, Math.max(rows.length - height, 0));
  return rows.slice(top, top + height);
}
