import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { normaliseFeedDate } from '../../../src/sources/feed/feed-dates.js';

const schemaTime = z.iso.datetime({ offset: true, local: false });

describe('normaliseFeedDate', () => {
  it.each([
    ['Tue, 01 Dec 2026 21:05:00 +0900', '2026-12-01T21:05:00+09:00'],
    ['Tue, 1 Dec 2026 12:20 GMT', '2026-12-01T12:20:00Z'],
    ['01 Dec 2026 21:05:00 JST', '2026-12-01T21:05:00+09:00'],
    ['Tue, 01 Dec 2026 07:05:00 EST', '2026-12-01T07:05:00-05:00'],
    ['Tue, 01 Dec 26 07:05:00 -0330', '2026-12-01T07:05:00-03:30'],
    ['Tuesday, 01 December 2026 07:05:00 +0000', '2026-12-01T07:05:00Z'],
    ['Seg, 24 Set 2018 19:42:40 -0300', '2018-09-24T19:42:40-03:00'],
    ['Di, 01 Okt 2026 07:05:00 +0200', '2026-10-01T07:05:00+02:00'],
    ['  Tue,  01 Dec 2026\n21:05:00 +0900 ', '2026-12-01T21:05:00+09:00'],
    ['2026-12-01T21:05:00+09:00', '2026-12-01T21:05:00+09:00'],
    ['2026-12-01T21:05:00.250Z', '2026-12-01T21:05:00.250Z'],
    ['2026-12-01T21:05+0900', '2026-12-01T21:05:00+09:00'],
    ['2026-12-01 21:05:00+09', '2026-12-01T21:05:00+09:00'],
    ['2026-12-01T21:05:00', '2026-12-01T21:05:00Z'],
    ['2026-12-01', '2026-12-01T00:00:00Z'],
  ])('%j is %s', (written, iso) => {
    expect(normaliseFeedDate(written)).toBe(iso);
    expect(schemaTime.safeParse(iso).success).toBe(true);
  });

  it.each(['', 'yesterday', 'Tue, 31 Feb 2026 10:00:00 GMT', '2026-13-01T00:00:00Z', '2026-12-01T25:00:00Z', 'Tue, 01 Dec 2026 10:00:00 XYZ', undefined])(
    '%j is not a date',
    (written) => {
      expect(normaliseFeedDate(written)).toBeUndefined();
    },
  );

  const moment = fc.record({
    date: fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T23:59:59Z'), noInvalidDate: true }),
    offset: fc.integer({ min: -12 * 4, max: 14 * 4 }).map((quarters) => quarters * 15),
  });
  const pad = (value: number): string => String(value).padStart(2, '0');
  /** The wall-clock parts of `date` seen at `offset` minutes east of UTC. */
  const wall = (date: Date, offset: number): Date => new Date(Math.floor(date.getTime() / 1000) * 1000 + offset * 60_000);
  const numericOffset = (offset: number, colon: string): string =>
    `${offset < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(offset) / 60))}${colon}${pad(Math.abs(offset) % 60)}`;

  it('any RFC 822 date keeps its instant and the offset it was written with', () => {
    const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    fc.assert(
      fc.property(moment, ({ date, offset }) => {
        const local = wall(date, offset);
        const written = `${days[local.getUTCDay()]}, ${pad(local.getUTCDate())} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())} ${numericOffset(offset, '')}`;
        const iso = normaliseFeedDate(written)!;
        expect(Date.parse(iso)).toBe(Math.floor(date.getTime() / 1000) * 1000);
        expect(iso.endsWith(offset === 0 ? 'Z' : numericOffset(offset, ':'))).toBe(true);
        expect(schemaTime.safeParse(iso).success).toBe(true);
      }),
    );
  });

  it('any ISO 8601 date with an offset keeps its instant and offset', () => {
    fc.assert(
      fc.property(moment, fc.boolean(), ({ date, offset }, colon) => {
        const written = `${wall(date, offset).toISOString().slice(0, 19)}${numericOffset(offset, colon ? ':' : '')}`;
        const iso = normaliseFeedDate(written)!;
        expect(Date.parse(iso)).toBe(Math.floor(date.getTime() / 1000) * 1000);
        expect(schemaTime.safeParse(iso).success).toBe(true);
      }),
    );
  });
});
