import { diffArrays } from 'diff';
import { wrap } from './layout.js';
import { graphemes } from './width.js';
import { sanitize } from './sanitize.js';

/*
 * What a correction changed, for the history view. Japanese and Chinese have no spaces, so a word
 * diff would mark whole sentences: text is cut into tokens per run of script first (one token
 * per CJK character, one per Latin word, space run or symbol) and the `diff` package compares the
 * token lists. Hangul counts as CJK: Korean words are long compounds where a corrected particle
 * or number should not mark the whole word.
 */

export type ChangeKind = 'same' | 'removed' | 'added';

export interface TextChange {
  readonly kind: ChangeKind;
  readonly text: string;
}

const cjkScript = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
const wordCharacter = /^[\p{L}\p{N}\p{M}'’_-]/u;
const space = /^\s/u;

function tokens(text: string): string[] {
  const out: string[] = [];
  let run = '';
  let runIsSpace = false;
  for (const grapheme of graphemes(text)) {
    const isSpace = space.test(grapheme);
    const joins = !cjkScript.test(grapheme) && (isSpace || wordCharacter.test(grapheme));
    if (joins && run !== '' && runIsSpace === isSpace) {
      run += grapheme;
      continue;
    }
    if (run !== '') out.push(run);
    run = joins ? grapheme : '';
    runIsSpace = isSpace;
    if (!joins) out.push(grapheme);
  }
  if (run !== '') out.push(run);
  return out;
}

/** Past this many edited tokens the texts are shown as one removal and one addition. */
const maxEditLength = 4000;

/** The changes that turn `before` into `after`, neighbours of one kind merged. */
export function diffRevisions(before: string, after: string): TextChange[] {
  const parts = diffArrays(tokens(before), tokens(after), { maxEditLength }) ?? [
    { removed: true, added: false, value: [before], count: 1 },
    { removed: false, added: true, value: [after], count: 1 },
  ];
  const changes: TextChange[] = [];
  for (const part of parts) {
    const text = part.value.join('');
    if (text === '') continue;
    const kind: ChangeKind = part.added ? 'added' : part.removed ? 'removed' : 'same';
    const last = changes.at(-1);
    if (last?.kind === kind) changes[changes.length - 1] = { kind, text: last.text + text };
    else changes.push({ kind, text });
  }
  return changes;
}

export interface MarkedPiece {
  readonly kind: ChangeKind;
  readonly text: string;
}

/** One wrapped line of a marked diff. */
export type MarkedLine = readonly MarkedPiece[];

/** `git diff --word-diff=plain` markers, so changes survive without colour and through copy and paste. */
export const plainMarkers: Readonly<Record<Exclude<ChangeKind, 'same'>, readonly [string, string]>> = {
  removed: ['[-', '-]'],
  added: ['{+', '+}'],
};

/**
 * The changes wrapped to `width` through the text layout, each line cut into pieces by kind.
 * `markers` puts `[-…-]`/`{+…+}` around changes (for no colour); without it the kinds alone
 * say what changed (colour and strike/underline).
 */
export function wrapChanges(changes: readonly TextChange[], width: number, markers: boolean): MarkedLine[] {
  let text = '';
  const kinds: ChangeKind[] = [];
  for (const change of changes) {
    const clean = sanitize(change.text);
    const [open, close] = markers && change.kind !== 'same' ? plainMarkers[change.kind] : ['', ''];
    const piece = open + clean + close;
    text += piece;
    for (let index = 0; index < piece.length; index += 1) kinds.push(change.kind);
  }
  const lines: MarkedLine[] = [];
  let cursor = 0;
  for (const line of wrap(text, width)) {
    // Wrapped lines are slices of the text, less the spaces dropped at breaks.
    const at = line === '' ? -1 : text.indexOf(line, cursor);
    if (at === -1) {
      lines.push(line === '' ? [] : [{ kind: 'same', text: line }]);
      continue;
    }
    const pieces: MarkedPiece[] = [];
    for (let index = 0; index < line.length; index += 1) {
      const kind = kinds[at + index]!;
      const last = pieces.at(-1);
      if (last?.kind === kind) pieces[pieces.length - 1] = { kind, text: last.text + line[index]! };
      else pieces.push({ kind, text: line[index]! });
    }
    lines.push(pieces);
    cursor = at + line.length;
  }
  return lines;
}

/** Unchanged lines kept on each side of a change; longer unchanged stretches are folded. */
export const contextLines = 2;

export type FoldedLine = { readonly line: MarkedLine } | { readonly folded: number };

/** Folds runs of unchanged lines longer than twice the context into a count. */
export function foldUnchanged(lines: readonly MarkedLine[]): FoldedLine[] {
  const changed = lines.map((line) => line.some((piece) => piece.kind !== 'same'));
  const out: FoldedLine[] = [];
  let index = 0;
  while (index < lines.length) {
    if (changed[index]) {
      out.push({ line: lines[index]! });
      index += 1;
      continue;
    }
    let end = index;
    while (end < lines.length && !changed[end]) end += 1;
    const keepBefore = index === 0 ? 0 : contextLines;
    const keepAfter = end === lines.length ? 0 : contextLines;
    const hidden = end - index - keepBefore - keepAfter;
    if (hidden > 1) {
      for (let kept = index; kept < index + keepBefore; kept += 1) out.push({ line: lines[kept]! });
      out.push({ folded: hidden });
      for (let kept = end - keepAfter; kept < end; kept += 1) out.push({ line: lines[kept]! });
    } else {
      for (let kept = index; kept < end; kept += 1) out.push({ line: lines[kept]! });
    }
    index = end;
  }
  return out;
}
