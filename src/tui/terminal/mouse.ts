import type { InputFilter } from './input.js';

const ESC = '\u001b';

/** Button events (1000) reported in SGR form (1006): wheel notches arrive as buttons 64/65. */
export const mouseSequences = {
  enable: `${ESC}[?1000h${ESC}[?1006h`,
  disable: `${ESC}[?1006l${ESC}[?1000l`,
} as const;

export type WheelDirection = 'up' | 'down';

// ESC [ < button ; column ; row M (press) or m (release); modifiers add 4/8/16 to the button.
const sgrReport = /\u001b\[<(\d+);\d+;\d+[Mm]/g;
const partialSgrReport = /\u001b\[<[\d;]*$/;

/**
 * Takes every mouse report out of the input, so none reaches key handling as stray text, and
 * reports wheel notches. A report cut across two reads is held until its end arrives.
 */
export function createMouseFilter(onWheel: (direction: WheelDirection) => void): InputFilter {
  let held = '';
  return (chunk) => {
    let text = held + chunk;
    held = '';
    const tail = partialSgrReport.exec(text);
    if (tail) {
      held = tail[0];
      text = text.slice(0, tail.index);
    }
    return text.replace(sgrReport, (_report, button: string) => {
      const code = Number(button);
      // Bit 6 marks the wheel; the low bits say which way (4/8/16 are Shift/Meta/Ctrl).
      if ((code & 64) !== 0 && (code & 3) < 2) onWheel((code & 1) === 0 ? 'up' : 'down');
      return '';
    });
  };
}
