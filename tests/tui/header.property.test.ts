import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../src/schema/signal.js';
import type { FeedInfo } from '../../src/timeline/timeline.js';
import { headerRows, type HeaderModel } from '../../src/tui/chrome.js';

/*
 * The header on narrow screens: the state (LIVE, ENDED, STOPPED) and the title's start stay;
 * counts go first, then the rest of the title, then the zone.
 */

const F = 'http://127.0.0.1:37601/';

const titleChars = fc.constantFrom(...[...'北浜市長選架空開票速報港湾サミット台風号ほしぞら선거개표속보选举开票快讯Summit vote count live 2026 🎉（）「」・ー']);
const title = fc.array(titleChars, { minLength: 1, maxLength: 40 }).map((chars) => chars.join('').trim()).filter((text) => text !== '');

const connection: fc.Arbitrary<ConnectionState> = fc.oneof(
  fc.constant<ConnectionState>({ status: 'connected' }),
  fc.constant<ConnectionState>({ status: 'connecting', attempt: 0 }),
  fc.constant<ConnectionState>({ status: 'reconnecting', attempt: 3, delayMs: 8000, reason: 'connection refused', at: 0 }),
  fc.constant<ConnectionState>({ status: 'stopped', reason: '見つかりません (HTTP 404)' }),
  fc.constant<ConnectionState>({ status: 'ended' }),
);

const model = fc.record({
  title,
  connection,
  ended: fc.boolean(),
  entries: fc.nat({ max: 20_000 }),
  muted: fc.nat({ max: 12 }),
  tags: fc.array(fc.constantFrom('会見', '港湾', 'MD', '개표'), { maxLength: 3 }),
  zone: fc.constantFrom('Tokyo UTC+9', 'London UTC+0 (newsroom)', 'Kolkata UTC+5:30', 'UTC'),
});

type HeaderValues = typeof model extends fc.Arbitrary<infer Values> ? Values : never;

function header({ title, connection, ended, entries, muted, tags, zone }: HeaderValues, width: number): string {
  const info: FeedInfo = { feed: F, blog: { id: 'b', title, status: ended ? 'ended' : 'live' }, connection, ready: true, invalid: 0, lastInvalid: undefined, gap: undefined };
  const headerModel: HeaderModel = {
    summary: { entries, hidden: 0, invalid: 0, lastInvalid: undefined, notice: undefined, ended, title },
    feeds: [info],
    filterTags: tags,
    view: { query: '', followedOnly: false, hidden: 3, muted },
    zone,
  };
  const rows = headerRows(headerModel, width, 1);
  expect(rows).toHaveLength(1);
  return rows[0]!.map((span) => span.text).join('');
}

const stateWord = (connection: ConnectionState, ended: boolean): string => (connection.status === 'stopped' ? 'STOPPED' : ended ? 'ENDED' : 'LIVE');

describe('the header on any width', () => {
  it('always keeps the state word and never runs past the width (widths 10..200, CJK titles)', () => {
    fc.assert(
      fc.property(model, fc.integer({ min: 10, max: 200 }), (values, width) => {
        const line = header(values, width);
        expect(stringWidth(line)).toBeLessThanOrEqual(width);
        expect(line).toContain(stateWord(values.connection, values.ended));
      }),
      { numRuns: 500 },
    );
  });

  it('gives way in order: counts before the whole title, the zone before the title’s start', () => {
    fc.assert(
      fc.property(model, fc.integer({ min: 10, max: 200 }), (values, width) => {
        const line = header(values, width);
        const firstChar = [...new Intl.Segmenter().segment(values.title)][0]!.segment;
        if (line.includes(`${values.entries} entr`)) expect(line).toContain(values.title);
        if (line.includes(values.zone)) expect(line).toContain(` ${firstChar}`);
        // Wide enough for the state and the title's start: the title's start is there.
        if (width >= 24) expect(line).toContain(` ${firstChar}`);
      }),
      { numRuns: 500 },
    );
  });

  it('at 28 columns: state, then the start of the title (it was `●……`)', () => {
    const line = header({ title: 'ほしぞら港湾サミット（架空）', connection: { status: 'connected' }, ended: false, entries: 42, muted: 0, tags: [], zone: 'Tokyo UTC+9' }, 28);
    expect(line).toMatch(/^ ● LIVE +ほしぞら/);
    expect(line).not.toContain('42 entries');
    expect(stringWidth(line)).toBe(28);
  });
});
