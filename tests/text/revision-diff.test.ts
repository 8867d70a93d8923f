import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffRevisions, foldUnchanged, wrapChanges, type TextChange } from '../../src/text/revision-diff.js';
import { textWidth } from '../../src/text/index.js';

const side = (changes: readonly TextChange[], drop: 'added' | 'removed'): string =>
  changes
    .filter((change) => change.kind !== drop)
    .map((change) => change.text)
    .join('');

const marked = (before: string, after: string): string =>
  wrapChanges(diffRevisions(before, after), 200, true)
    .map((line) => line.map((piece) => piece.text).join(''))
    .join('\n');

// Pieces of fictional newsroom text in each script, recombined by the properties below.
const pieces = ['航路', 'の', '安全', 'を', '最優先', '。', '死者', '3', '5', '人', '港湾', '共同声明', '「', '」', '各方', '同意', '了', '한국', '대표단이', ' ', '도착했다', 'The', 'delegation', 'arrived', 'at', '16:05', ', ', 'MD', '🚢', '\n\n'];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((parts) => parts.join(''));

describe('diffRevisions', () => {
  it('applying the marked changes to the old text gives the new text (property)', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const changes = diffRevisions(before, after);
        expect(side(changes, 'added')).toBe(before);
        expect(side(changes, 'removed')).toBe(after);
      }),
    );
  });

  it('marks Japanese character by character', () => {
    expect(marked('港湾の死者は3人と発表した。', '港湾の死者は5人と発表した。')).toBe('港湾の死者は[-3-]{+5+}人と発表した。');
    expect(marked('航路の安全を優先', '航路の安全を最優先')).toBe('航路の安全を{+最+}優先');
  });

  it('marks Chinese character by character', () => {
    expect(marked('各方同意了联合声明', '各方基本同意了联合声明')).toBe('各方{+基本+}同意了联合声明');
  });

  it('marks Korean by syllable', () => {
    expect(marked('대표단이 3시에 도착했다', '대표단이 4시에 도착했다')).toBe('대표단이 [-3-]{+4+}시에 도착했다');
  });

  it('marks English by whole words', () => {
    expect(marked('The delegation arrived at three.', 'The delegation left at four.')).toBe('The delegation [-arrived-]{+left+} at [-three-]{+four+}.');
  });

  it('marks mixed text by script run', () => {
    expect(marked('代表団 Hoshizora Port に到着', '代表団 Hoshizora Harbour に到着')).toBe('代表団 Hoshizora [-Port-]{+Harbour+} に到着');
  });

  it('wraps marked lines within the width, keeping each piece its kind', () => {
    fc.assert(
      fc.property(text, text, fc.integer({ min: 6, max: 40 }), fc.boolean(), (before, after, width, markers) => {
        const changes = diffRevisions(before, after);
        for (const line of wrapChanges(changes, width, markers)) {
          expect(textWidth(line.map((piece) => piece.text).join(''))).toBeLessThanOrEqual(width);
        }
        if (!markers) {
          const kept = wrapChanges(changes, width, false)
            .flat()
            .filter((piece) => piece.kind === 'added')
            .map((piece) => piece.text.replace(/\s/g, ''))
            .join('');
          expect(kept).toBe(side(changes.filter((change) => change.kind === 'added'), 'removed').replace(/\s/g, ''));
        }
      }),
    );
  });

  it('folds long unchanged stretches, keeping context around changes', () => {
    const paragraphs = Array.from({ length: 12 }, (_, index) => `第${index}段落。`);
    const after = [...paragraphs];
    after[10] = '第10段落を訂正。';
    const lines = wrapChanges(diffRevisions(paragraphs.join('\n'), after.join('\n')), 40, true);
    const folded = foldUnchanged(lines);
    expect(folded[0]).toEqual({ folded: 8 });
    expect(folded.filter((line) => 'line' in line)).toHaveLength(lines.length - 8);
  });
});
