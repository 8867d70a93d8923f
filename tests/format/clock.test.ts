import { describe, expect, it } from 'vitest';
import { dayLabel, sameOffsetNow, shownClock, stamp, zoneLabel } from '../../src/format/clock.js';

/*
 * Zones are always named and "now" is always given, so these hold on any machine on any day.
 */

const at = (iso: string): number => Date.parse(iso);
const tokyoOnStoryDay = shownClock('Asia/Tokyo', at('2026-11-25T18:00:00+09:00'));

describe('dates of entries', () => {
  it('today has no date; another day has month/day; another year has the year too', () => {
    expect(dayLabel(at('2026-11-25T00:05:00+09:00'), tokyoOnStoryDay)).toBeUndefined();
    expect(dayLabel(at('2026-11-24T23:55:00+09:00'), tokyoOnStoryDay)).toEqual({ day: '11/24', year: undefined });
    expect(dayLabel(at('2025-12-31T09:00:00+09:00'), tokyoOnStoryDay)).toEqual({ day: '12/31', year: '2025' });
  });

  it('the day is the day in the zone shown: 23:30 in London is already tomorrow in Tokyo', () => {
    const late = at('2026-11-24T23:30:00Z');
    expect(dayLabel(late, tokyoOnStoryDay)).toBeUndefined();
    expect(dayLabel(late, shownClock('Europe/London', at('2026-11-25T09:00:00Z')))).toEqual({ day: '11/24', year: undefined });
  });

  it('stamps carry the date only when it is not today', () => {
    expect(stamp(at('2026-11-25T16:05:00+09:00'), tokyoOnStoryDay)).toBe('16:05');
    expect(stamp(at('2026-11-23T09:05:00+09:00'), tokyoOnStoryDay)).toBe('11/23 09:05');
    expect(stamp(at('2025-11-23T09:05:00+09:00'), tokyoOnStoryDay)).toBe('2025/11/23 09:05');
  });
});

describe('zone names', () => {
  const winter = at('2026-01-15T12:00:00Z');
  const summer = at('2026-07-15T12:00:00Z');

  it('the place and the offset now, daylight saving included', () => {
    expect(zoneLabel('Asia/Tokyo', winter)).toBe('Tokyo UTC+9');
    expect(zoneLabel('Asia/Kolkata', winter)).toBe('Kolkata UTC+5:30');
    expect(zoneLabel('America/New_York', winter)).toBe('New York UTC-5');
    expect(zoneLabel('America/New_York', summer)).toBe('New York UTC-4');
    expect(zoneLabel('Europe/London', winter)).toBe('London UTC+0');
    expect(zoneLabel('Europe/London', summer)).toBe('London UTC+1');
  });

  it('zones that are offsets are named by the offset alone', () => {
    expect(zoneLabel('UTC', winter)).toBe('UTC');
    expect(zoneLabel('Etc/UTC', winter)).toBe('UTC');
    expect(zoneLabel('Etc/GMT-9', winter)).toBe('UTC+9');
  });

  it('two names for the same clock are the same; Tokyo and London are not', () => {
    expect(sameOffsetNow('Asia/Tokyo', 'Japan', winter)).toBe(true);
    expect(sameOffsetNow('Asia/Tokyo', 'Europe/London', winter)).toBe(false);
  });
});
