import { UsageError } from './usage.js';

export function positiveInteger(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${option} expects a positive whole number, got '${text}'`);
  return Number(text);
}

/** `--speed X`: a story-time speed-up above 0, or `max` for no pacing at all. */
export function parseSpeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (text === 'max') return Number.POSITIVE_INFINITY;
  const speed = Number(text);
  if (!Number.isFinite(speed) || speed <= 0) throw new UsageError(`--speed expects a number above 0 or 'max', got '${text}'`);
  return speed;
}

export function parsePort(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw new UsageError(`--port expects 0-65535, got '${text}'`);
  return Number(text);
}
