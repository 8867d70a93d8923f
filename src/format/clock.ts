/*
 * Entry times in the reader's zone. Formatters are expensive to build and cheap to reuse, so one
 * is kept per zone.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string | undefined): Intl.DateTimeFormat {
  const cacheKey = timeZone ?? '';
  let cached = formatters.get(cacheKey);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-CA', {
      ...(timeZone === undefined ? {} : { timeZone }),
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(cacheKey, cached);
  }
  return cached;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export interface ClockParts {
  /** HH:MM */
  readonly time: string;
  /** YYYY-MM-DD */
  readonly date: string;
}

/*
 * formatToParts costs microseconds, and the screen asks for the same cards' times on every frame
 * (the gutter's date line decides where the unread mark goes): answers are kept, a bounded few.
 */
const partsCache = new Map<string, ClockParts>();
const partsCacheLimit = 4096;

export function clockParts(timeMs: number, timeZone: string | undefined): ClockParts {
  const key = `${timeZone ?? ''}|${timeMs}`;
  const cached = partsCache.get(key);
  if (cached !== undefined) return cached;
  const parts = formatter(timeZone).formatToParts(timeMs);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((part) => part.type === type)?.value ?? '';
  const answer = { time: `${get('hour')}:${get('minute')}`, date: `${get('year')}-${get('month')}-${get('day')}` };
  if (partsCache.size >= partsCacheLimit) partsCache.clear();
  partsCache.set(key, answer);
  return answer;
}

/** The zone this process runs in: `TZ`, else the system's. */
export function systemTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The zone times are shown in and the day that counts as today there (YYYY-MM-DD). */
export interface ShownClock {
  readonly timeZone: string | undefined;
  readonly today: string;
}

export function shownClock(timeZone: string | undefined, nowMs: number): ShownClock {
  return { timeZone, today: clockParts(nowMs, timeZone).date };
}

/**
 * The day of a time that is not today, biggest unit first as Japanese, Chinese and Korean write
 * dates (`11/30`, `2025/11/30`): month/day fits the five columns of `HH:MM` in a card's gutter,
 * and the year appears only when it is not this one.
 */
export interface DayLabel {
  readonly day: string;
  readonly year: string | undefined;
}

export function dayLabel(timeMs: number, clock: ShownClock): DayLabel | undefined {
  const { date } = clockParts(timeMs, clock.timeZone);
  if (date === clock.today) return undefined;
  const [year, month, day] = date.split('-');
  return { day: `${month}/${day}`, year: year === clock.today.slice(0, 4) ? undefined : year };
}

/** `11/30`, or `2025/11/30` another year: the day on one line. */
export function dayText({ day, year }: DayLabel): string {
  return year ? `${year}/${day}` : day;
}

/** `16:05` today, `11/30 16:05` another day, `2025/11/30 16:05` another year. */
export function stamp(timeMs: number, clock: ShownClock): string {
  const { time } = clockParts(timeMs, clock.timeZone);
  const label = dayLabel(timeMs, clock);
  return label ? `${dayText(label)} ${time}` : time;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A zone as the header names it: the place and the offset now (`Tokyo UTC+9`, `Kolkata
 * UTC+5:30`, `London UTC+0`, `UTC`). Abbreviations like `CST` name several zones and exist only
 * for some, and full IANA names (`America/Argentina/Buenos_Aires`) take half a narrow screen.
 */
export function zoneLabel(timeZone: string | undefined, nowMs: number): string {
  const name = timeZone ?? systemTimeZone();
  let offsetFormatter = offsetFormatters.get(name);
  if (!offsetFormatter) offsetFormatters.set(name, (offsetFormatter = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' })));
  const longOffset = offsetFormatter.formatToParts(nowMs).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const [, sign, hours, minutes] = /^GMT(?:([+-])(\d\d):(\d\d))?$/.exec(longOffset) ?? [];
  const zero = sign === undefined || (hours === '00' && minutes === '00');
  const place = name.includes('/') && !name.startsWith('Etc/') ? name.slice(name.lastIndexOf('/') + 1).replaceAll('_', ' ') : '';
  if (zero) return place === '' ? 'UTC' : `${place} UTC+0`;
  return `${place === '' ? '' : `${place} `}UTC${sign}${Number(hours)}${minutes === '00' ? '' : `:${minutes}`}`;
}

/** Whether two zones show the same clock time now (`Asia/Tokyo` and `Japan`, or Tokyo and Seoul). */
export function sameOffsetNow(a: string | undefined, b: string | undefined, nowMs: number): boolean {
  const [first, second] = [clockParts(nowMs, a), clockParts(nowMs, b)];
  return first.time === second.time && first.date === second.date;
}
