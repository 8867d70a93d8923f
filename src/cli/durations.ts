import { UsageError } from './usage.js';

const units: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `500ms`, `2s`, `30m`, `2h`, `1d`; a bare number means seconds. */
export function parseDuration(text: string, option: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) throw new UsageError(`${option} expects a duration like 2s, 30m or 1h, got '${text}'`);
  return Number(match[1]) * units[match[2] ?? 's']!;
}

/** An ISO 8601 time, or a duration before `now`. */
export function parseSince(text: string, now: number): number {
  if (/^\d+(?:\.\d+)?(ms|s|m|h|d)?$/.test(text.trim())) return now - parseDuration(text, '--since');
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new UsageError(`--since expects an ISO time (2026-11-25T14:00+09:00) or a duration (30m), got '${text}'`);
  return time;
}
