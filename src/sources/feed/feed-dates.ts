/*
 * Feed dates to the schema's ISO 8601 with an offset. RSS writes RFC 822 (`Tue, 01 Dec 2026
 * 21:05:00 +0900`, `GMT`, US zone names, Japanese feeds `JST`), Atom, RDF's dc:date and JSON Feed
 * write ISO 8601 / W3C-DTF (seconds and the offset's colon optional, dc:date may be a bare day).
 * Date.parse accepts some of this but throws away the publisher's offset and guesses at the rest,
 * so the two grammars are read here and the offset the publisher wrote is kept.
 */

const zoneOffsets: Readonly<Record<string, number>> = {
  GMT: 0, UT: 0, UTC: 0, Z: 0,
  EST: -5 * 60, EDT: -4 * 60, CST: -6 * 60, CDT: -5 * 60, MST: -7 * 60, MDT: -6 * 60, PST: -8 * 60, PDT: -7 * 60,
  JST: 9 * 60, KST: 9 * 60, HKT: 8 * 60, CET: 60, CEST: 2 * 60, BST: 60,
};

const months = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Month abbreviations feeds write in their own language (Portuguese, Spanish, French, German). */
const localMonths: Readonly<Record<string, number>> = {
  fev: 2, abr: 4, mai: 5, ago: 8, set: 9, out: 10, dez: 12,
  ene: 1, dic: 12,
  fév: 2, avr: 4, jui: 7, aoû: 8, déc: 12,
  mär: 3, mrz: 3, okt: 10,
};

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  const english = months.indexOf(lower) + 1;
  return english > 0 ? english : localMonths[lower];
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const size = Math.abs(minutes);
  return `${sign}${pad(Math.floor(size / 60))}:${pad(size % 60)}`;
}

/** `+0900`, `+09:00`, `-05`, `Z` or a zone name to minutes east of UTC. */
function offsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === '') return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  return zoneOffsets[zone.toUpperCase()];
}

interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly fraction: string;
  readonly offset: number;
}

/** The parts as the schema's ISO form, or undefined when they name no real moment. */
function toIso(parts: DateParts): string | undefined {
  const { year, month, day, hour, minute, second, fraction, offset } = parts;
  const check = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const real =
    check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day &&
    check.getUTCHours() === hour && check.getUTCMinutes() === minute && check.getUTCSeconds() === second;
  if (!real || year < 1000) return undefined;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${fraction}${formatOffset(offset)}`;
}

function parseIso(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i.exec(value);
  if (!match) return undefined;
  const offset = offsetMinutes(match[8]?.toUpperCase());
  if (offset === undefined) return undefined;
  return toIso({
    year: Number(match[1]), month: Number(match[2]), day: Number(match[3]),
    hour: Number(match[4] ?? 0), minute: Number(match[5] ?? 0), second: Number(match[6] ?? 0),
    fraction: match[7] ?? '', offset,
  });
}

function parseRfc822(value: string): string | undefined {
  const match = /^(?:\p{L}{2,9}\.?,?\s+)?(\d{1,2})\s+(\p{L}{3})\p{L}*\.?\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{2}:?\d{2}|[a-z]{1,5})?$/iu.exec(value);
  if (!match) return undefined;
  const month = monthNumber(match[2]!);
  const offset = offsetMinutes(match[7]);
  if (month === undefined || offset === undefined) return undefined;
  // RFC 822 allowed two-digit years; RFC 1123 and later read them as this century or the last.
  const written = Number(match[3]);
  const year = match[3]!.length === 2 ? (written < 50 ? 2000 + written : 1900 + written) : written;
  return toIso({
    year, month, day: Number(match[1]),
    hour: Number(match[4]), minute: Number(match[5]), second: Number(match[6] ?? 0), fraction: '', offset,
  });
}

/** A feed's date as ISO 8601 with the publisher's offset, or undefined when it is not a date. */
export function normaliseFeedDate(value: string | undefined): string | undefined {
  const trimmed = value?.trim().replace(/\s+/g, ' ');
  if (!trimmed) return undefined;
  return parseIso(trimmed) ?? parseRfc822(trimmed);
}

/** Whether ISO time `later` is strictly after `earlier`. */
export function isLater(later: string, earlier: string): boolean {
  return Date.parse(later) > Date.parse(earlier);
}
