// Business days are YYYY-MM-DD in the shop's time zone (default Asia/Bangkok), never UTC days.
import type { MessageKey } from '../../shared/i18n/translate';
import { MAX_PERIOD_REPORT_DAYS } from '../../shared/pos-contract';
export const DEFAULT_TIME_ZONE = 'Asia/Bangkok';

/**
 * One formatter per locale, zone and kind: building an Intl.DateTimeFormat costs far more than using
 * one, and screens format every row on every render (the till's recent sales took ~20 ms a charge).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(kind: string, locale: string, timeZone: string, options: () => Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${kind}|${locale}|${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...options(), timeZone });
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * The business day that `at` falls on in `timeZone`. With a start hour (0–11), the hours before it
 * belong to the day before (a bar's night counts on the day it began).
 */
export function businessDateOf(at: number, timeZone: string = DEFAULT_TIME_ZONE, dayStartHour = 0): string {
  const date = calendarDateOf(at, timeZone);
  if (dayStartHour === 0) return date;
  const hour = Number(dateTimeFormat('hour', 'en-GB', timeZone, () => ({ hour: '2-digit', hourCycle: 'h23' })).format(at));
  return hour < dayStartHour ? addDays(date, -1) : date;
}

function calendarDateOf(at: number, timeZone: string): string {
  const parts = dateTimeFormat('date', 'en-CA', timeZone, () => ({ year: 'numeric', month: '2-digit', day: '2-digit' })).formatToParts(at);
  const get = (type: string): string => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Calendar arithmetic on a YYYY-MM-DD string (no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y, m - 1, d + days));
  return next.toISOString().slice(0, 10);
}

export function isBusinessDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return addDays(value, 0) === value;
}

/** Orders a range so that from ≤ to; the export form accepts the two dates in either order. */
export function orderedRange(a: string, b: string): { from: string; to: string } {
  return a <= b ? { from: a, to: b } : { from: b, to: a };
}

export function daysInRange(from: string, to: string): number {
  const [a, b] = [from, to].map((date) => {
    const [y, m, d] = date.split('-').map(Number);
    return Date.UTC(y, m - 1, d);
  });
  return Math.round((b - a) / 86_400_000) + 1;
}

export type PeriodPreset = 'thisWeek' | 'lastWeek' | 'thisMonth' | 'lastMonth';
export const PERIOD_PRESETS: readonly PeriodPreset[] = ['thisWeek', 'lastWeek', 'thisMonth', 'lastMonth'];

/** Monday of the week `date` falls in (weeks run Monday to Sunday, as Thai shops count them). */
export function mondayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return addDays(date, -((weekday + 6) % 7));
}

/** The business days a preset covers, seen from `today`; "this" week or month ends today (nothing later has sales). */
export function presetRange(preset: PeriodPreset, today: string): { from: string; to: string } {
  const firstOfMonth = `${today.slice(0, 8)}01`;
  switch (preset) {
    case 'thisWeek':
      return { from: mondayOf(today), to: today };
    case 'lastWeek': {
      const from = addDays(mondayOf(today), -7);
      return { from, to: addDays(from, 6) };
    }
    case 'thisMonth':
      return { from: firstOfMonth, to: today };
    case 'lastMonth': {
      const to = addDays(firstOfMonth, -1);
      return { from: `${to.slice(0, 8)}01`, to };
    }
  }
}

/** Time of day in the shop's zone, e.g. "14:05". */
export function formatShopTime(at: number, locale: string, timeZone: string, withSeconds = false): string {
  return dateTimeFormat(withSeconds ? 'time-seconds' : 'time', locale, timeZone, () => ({
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  })).format(at);
}

export function formatShopDateTime(at: number, locale: string, timeZone: string): string {
  return dateTimeFormat('date-time', locale, timeZone, () => ({
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  })).format(at);
}

/** A business day as words, e.g. "Thu 26 Nov 2026" (computed at noon UTC so no zone shifts the day). */
export function formatBusinessDate(date: string, locale: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return dateTimeFormat('business-date', locale, 'UTC', () => ({ weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })).format(Date.UTC(y, m - 1, d, 12));
}

/** Common zones for the settings select; the shop's current zone is added when it is not listed. */
export const COMMON_TIME_ZONES = [
  'Asia/Bangkok',
  'Asia/Ho_Chi_Minh',
  'Asia/Phnom_Penh',
  'Asia/Vientiane',
  'Asia/Yangon',
  'Asia/Kuala_Lumpur',
  'Asia/Singapore',
  'Asia/Jakarta',
  'Asia/Manila',
  'Asia/Hong_Kong',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Australia/Sydney',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
] as const;

export function timeZoneOptions(current: string): string[] {
  return (COMMON_TIME_ZONES as readonly string[]).includes(current) ? [...COMMON_TIME_ZONES] : [current, ...COMMON_TIME_ZONES];
}

/** Why a range of days is not asked for: longer than the core's period reports take. */
export type RangeProblem = { key: MessageKey; vars: Record<string, number> };

/** A report's range in order, or the problem the core would refuse it for (said before asking it). */
export function periodRange(a: string, b: string): { range: { from: string; to: string }; problem: RangeProblem | null } {
  const range = orderedRange(a, b);
  const tooLong = daysInRange(range.from, range.to) > MAX_PERIOD_REPORT_DAYS;
  return { range, problem: tooLong ? { key: 'period.tooLong', vars: { max: MAX_PERIOD_REPORT_DAYS } } : null };
}
