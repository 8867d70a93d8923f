import { probeKinds, probeStrings, type MeasuredWidths } from '../../text/index.js';

/*
 * Asks the terminal how wide it draws each probe: the cursor goes to the top-left cell, the
 * probe is written, and a cursor position report (ESC[6n -> ESC[row;colR) says where the
 * cursor ended up. All probes go out at once and the answers come back in order. Written by
 * hand: no library does this for a stream we hand to Ink afterwards.
 */

const ESC = '\u001b';
export const cursorReport = `${ESC}[6n`;
const home = `${ESC}[1;1H`;
const eraseLine = `${ESC}[2K`;

/** What the probe needs of a terminal: a way to write, and its input as text. */
export interface ProbeTerminal {
  write(text: string): void;
  /** Subscribes to input; returns the unsubscribe. */
  onInput(listener: (chunk: string) => void): () => void;
}

export interface ProbeResult {
  measured: MeasuredWidths;
  /** Input that was not an answer (keys typed meanwhile), to hand on. */
  typed: string;
  /** Answers still owed when the wait ended: a late one must be swallowed, not read as keys. */
  outstanding: number;
  /** The start of an answer cut off when the wait ended; its rest comes later. */
  cutOff: string;
}

// A complete report, or the start of one cut off at the end of what arrived.
const report = /\u001b\[(\d+);(\d+)R/;
// (A lone ESC is not held back: that is the Esc key.)
const partialReport = /\u001b\[(\d+(;\d*)?)?$/;

/** Everything the probe writes: each probe from the home cell with a report after it, then erased. */
export function probeSequence(): string {
  return probeKinds.map((kind) => `${home}${probeStrings[kind]}${cursorReport}`).join('') + home + eraseLine;
}

export function measureTerminal(terminal: ProbeTerminal, { timeoutMs = 150 }: { timeoutMs?: number } = {}): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const measured: MeasuredWidths = {};
    let answered = 0;
    let pending = '';
    let typed = '';
    const finish = (): void => {
      clearTimeout(timer);
      unsubscribe();
      // A cut-off report at the end is the start of a late answer, not a key.
      const tail = partialReport.exec(pending);
      typed += tail ? pending.slice(0, tail.index) : pending;
      resolve({ measured, typed, outstanding: probeKinds.length - answered, cutOff: tail ? tail[0] : '' });
    };
    const unsubscribe = terminal.onInput((chunk) => {
      pending += chunk;
      let match: RegExpExecArray | null;
      while (answered < probeKinds.length && (match = report.exec(pending)) !== null) {
        typed += pending.slice(0, match.index);
        pending = pending.slice(match.index + match[0].length);
        measured[probeKinds[answered]!] = Number(match[2]) - 1;
        answered++;
      }
      if (answered === probeKinds.length) finish();
    });
    const timer = setTimeout(finish, timeoutMs);
    terminal.write(probeSequence());
  });
}

/**
 * Removes the next `count` cursor reports from input, also when one is split across chunks,
 * so answers that arrive after the probe gave up never reach key handling.
 */
export function createReportSwallower(count: number, cutOff = ''): (chunk: string) => string {
  let owed = count;
  let held = cutOff;
  return (chunk) => {
    if (owed === 0 && held === '') return chunk;
    let text = held + chunk;
    held = '';
    let out = '';
    let match: RegExpExecArray | null;
    while (owed > 0 && (match = report.exec(text)) !== null) {
      out += text.slice(0, match.index);
      text = text.slice(match.index + match[0].length);
      owed--;
    }
    const tail = owed > 0 ? partialReport.exec(text) : null;
    if (tail) {
      held = text.slice(tail.index);
      text = text.slice(0, tail.index);
    }
    return out + text;
  };
}
