import { describe, expect, it } from 'vitest';
import { resolveKey } from '../../../src/tui/keymap.js';
import { deleteKeyAsCtrlD } from '../../../src/tui/terminal/input.js';

describe('the Delete key', () => {
  it('reaches the keymap as Ctrl-D (erase at the cursor), while Backspace (DEL) stays Backspace', () => {
    expect(deleteKeyAsCtrlD('a\u001b[3~b\u007f')).toBe('a\u0004b\u007f');
    expect(resolveKey('ctrl+d', 'prompt')?.command).toBe('eraseForward');
    expect(resolveKey('ctrl+d', 'picker')?.command).toBe('eraseForward');
  });
});
