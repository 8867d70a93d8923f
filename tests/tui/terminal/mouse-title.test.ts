import { describe, expect, it } from 'vitest';
import { createMouseFilter, type WheelDirection } from '../../../src/tui/terminal/mouse.js';
import { titleSequence, windowTitle } from '../../../src/tui/terminal/title.js';

describe('mouse reports', () => {
  it('turns wheel reports into notches and lets no report through as keys, even cut across reads', () => {
    const notches: WheelDirection[] = [];
    const filter = createMouseFilter((direction) => notches.push(direction));
    const seen = ['j\u001b[<65;10;4M', '\u001b[<0;3;3M\u001b[<0;3;3m\u001b[<6', '4;1;1Mk', '\u001b[<81;2;2M'].map(filter).join('');
    expect(seen).toBe('jk');
    // 81 is Ctrl (16) + wheel down: still a notch; clicks are dropped.
    expect(notches).toEqual(['down', 'up', 'down']);
  });

  it('passes other escape sequences (arrow keys, Esc) through untouched', () => {
    const filter = createMouseFilter(() => undefined);
    expect(filter('\u001b[A\u001b[B\u001b')).toBe('\u001b[A\u001b[B\u001b');
  });
});

describe('window title', () => {
  it('names the blog and its state, new entries first', () => {
    expect(windowTitle({ blogTitle: 'ほしぞら港湾サミット', ended: false, newEntries: 3 })).toBe('(3) ● ほしぞら港湾サミット');
    expect(windowTitle({ blogTitle: 'ほしぞら港湾サミット', ended: true, newEntries: 0 })).toBe('ENDED ほしぞら港湾サミット');
    expect(windowTitle({ blogTitle: undefined, ended: false, newEntries: 0 })).toBe('● livetail');
  });

  it('a feed title cannot end the sequence or start one of its own', () => {
    const sequence = titleSequence(windowTitle({ blogTitle: 'a\u0007\u001b]2;pwned\u001b\\b\u009d0;x\u009c', ended: false, newEntries: 0 }));
    // One OSC 2, one terminator, nothing else that a terminal would act on.
    expect(sequence.match(/\u001b/g)).toHaveLength(1);
    expect(sequence.match(/\u0007/g)).toHaveLength(1);
    expect(sequence).not.toMatch(/[\u0080-\u009f]/);
    expect(sequence.startsWith('\u001b]2;')).toBe(true);
  });
});
