import { afterEach, describe, expect, it, vi } from 'vitest';
import { probeKinds, probeStrings, type MeasuredWidths, type ProbeKind } from '../../../src/text/index.js';
import { createReportSwallower, cursorReport, measureTerminal, type ProbeTerminal } from '../../../src/tui/terminal/probe.js';

/**
 * A terminal that draws each probe with the widths it is given: it reads what the probe
 * writes, moves its cursor like a terminal (home, then the probe's cells) and answers each
 * cursor report the way `deliver` says.
 */
function fakeTerminal(widths: Partial<Record<ProbeKind, number>>, deliver: (answers: string, send: (chunk: string) => void) => void) {
  let listener: ((chunk: string) => void) | undefined;
  const written: string[] = [];
  const terminal: ProbeTerminal = {
    write(text) {
      written.push(text);
      let answers = '';
      let column = 1;
      for (const part of text.split(/(\u001b\[[0-9;]*[A-Za-z])/)) {
        if (part === '\u001b[1;1H') column = 1;
        else if (part === cursorReport) answers += `\u001b[1;${column}R`;
        else if (part !== '' && !part.startsWith('\u001b')) {
          const kind = probeKinds.find((k) => probeStrings[k] === part)!;
          column += widths[kind] ?? 1;
        }
      }
      deliver(answers, (chunk) => listener?.(chunk));
    },
    onInput(l) {
      listener = l;
      return () => {
        listener = undefined;
      };
    },
  };
  return { terminal, written, send: (chunk: string) => listener?.(chunk) };
}

const tmuxLike: MeasuredWidths = { ambiguous: 1, modifier: 4, zwj: 6, vs16: 1, flag: 2, keycap: 1, combining: 1, halfwidthMark: 2 };

afterEach(() => {
  vi.useRealTimers();
});

describe('probe protocol', () => {
  it('reads the width of every probe from the cursor reports, and erases what it wrote', async () => {
    const { terminal, written } = fakeTerminal(tmuxLike, (answers, send) => queueMicrotask(() => send(answers)));
    const result = await measureTerminal(terminal);
    expect(result.measured).toEqual(tmuxLike);
    expect(result).toMatchObject({ typed: '', outstanding: 0, cutOff: '' });
    // Ends at the home cell with the line erased: no probe stays visible.
    expect(written.join('').endsWith('\u001b[1;1H\u001b[2K')).toBe(true);
  });

  it('takes an answer split across reads, byte by byte, and keeps keys typed meanwhile', async () => {
    const { terminal } = fakeTerminal({ ...tmuxLike, ambiguous: 2 }, (answers, send) => {
      // Keys come between answers (a terminal writes each answer whole, though reads may cut it).
      const first = answers.indexOf('R') + 1;
      const withKeys = `j${answers.slice(0, first)}k${answers.slice(first)}`;
      setTimeout(() => {
        for (const char of withKeys) send(char);
      }, 0);
    });
    const result = await measureTerminal(terminal);
    expect(result.measured).toEqual({ ...tmuxLike, ambiguous: 2 });
    expect(result.typed).toBe('jk');
  });

  it('gives up after the time limit when nothing answers, and owes every answer', async () => {
    vi.useFakeTimers();
    const { terminal } = fakeTerminal(tmuxLike, () => undefined);
    const pending = measureTerminal(terminal, { timeoutMs: 150 });
    await vi.advanceTimersByTimeAsync(150);
    const result = await pending;
    expect(result.measured).toEqual({});
    expect(result.outstanding).toBe(probeKinds.length);
  });

  it('a late answer counts what arrived in time; the rest is swallowed, not read as keys', async () => {
    vi.useFakeTimers();
    let late = '';
    const { terminal, send } = fakeTerminal(tmuxLike, (answers) => {
      late = answers;
    });
    const pending = measureTerminal(terminal, { timeoutMs: 150 });
    // Two answers and half of the third arrive in time.
    const reports = late.match(/\u001b\[\d+;\d+R/g)!;
    send(reports[0]! + reports[1]! + reports[2]!.slice(0, 4));
    await vi.advanceTimersByTimeAsync(150);
    const result = await pending;
    expect(result.measured).toEqual({ ambiguous: 1, modifier: 4 });
    expect(result.typed).toBe('');
    expect(result.outstanding).toBe(probeKinds.length - 2);
    const swallow = createReportSwallower(result.outstanding, result.cutOff);
    const rest = reports[2]!.slice(4) + reports.slice(3).join('');
    // The rest arrives after Ink took over, in odd pieces, between keys.
    const third = reports[2]!.length - 4;
    const chunks = [rest.slice(0, 2), `${rest.slice(2, third)}q${rest.slice(third, third + 5)}`, `${rest.slice(third + 5)}j`];
    const seen = chunks.map(swallow).join('');
    expect(seen).toBe('qj');
  });

  it('swallows no more reports than are owed, and never holds back the Esc key', () => {
    const swallow = createReportSwallower(1);
    expect(swallow('\u001b[1;5R')).toBe('');
    // Shift-F3 in some terminals looks like a report: once nothing is owed it passes.
    expect(swallow('\u001b[1;2R')).toBe('\u001b[1;2R');
    expect(createReportSwallower(1)('\u001b')).toBe('\u001b');
  });
});
