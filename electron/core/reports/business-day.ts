// Business days in the shop's time zone, never the machine's: a day is [local start hour, the next
// day's start hour) as epoch ms. The start hour is the shop's business-day cutoff (0 = midnight; a bar
// closing at 02:00 sets 4, say, and its night counts on the day it began). DST days are 23 or 25 hours
// long; a start hour skipped by DST starts an hour later.
import { TZDate } from '@date-fns/tz';

export interface DayBounds {
  startsAt: number;
  endsAt: number;
}

function parseDate(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m - 1, d];
}

/** Hours after local midnight a business day starts: 0 (midnight) to MAX_DAY_START_HOUR. */
export const MAX_DAY_START_HOUR = 11;

export function dayBounds(date: string, timeZone: string, dayStartHour = 0): DayBounds {
  const [y, m, d] = parseDate(date);
  return { startsAt: startOfHour(y, m, d, dayStartHour, timeZone), endsAt: startOfHour(y, m, d + 1, dayStartHour, timeZone) };
}

/**
 * The first instant the zone's clock reads `hour`:00 on that day. When clocks go back the hour may
 * happen twice (London's 01:00 on the last Sunday of October): the day starts at the first one, since
 * an instant already reading 01:00 belongs to the new day. TZDate alone would give the second.
 */
function startOfHour(y: number, m: number, d: number, hour: number, timeZone: string): number {
  const at = new TZDate(y, m, d, hour, 0, 0, timeZone).getTime();
  const date = new Date(Date.UTC(y, m, d)).toISOString().slice(0, 10);
  const time = `${twoDigits(hour)}:00:00`;
  // Clocks go back by an hour, or by half an hour (Lord Howe).
  for (const backMinutes of [60, 30]) {
    const earlier = at - backMinutes * 60_000;
    const parts = localParts(earlier, timeZone);
    if (parts.date === date && parts.time === time) return earlier;
  }
  return at;
}

/** [start of `from`, end of `to`) for a range of business days. */
export function rangeBounds(from: string, to: string, timeZone: string, dayStartHour = 0): DayBounds {
  return { startsAt: dayBounds(from, timeZone, dayStartHour).startsAt, endsAt: dayBounds(to, timeZone, dayStartHour).endsAt };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export interface LocalParts {
  date: string;
  hour: number;
  /** HH:MM:SS */
  time: string;
}

export function localParts(epochMs: number, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(epochMs)) parts[part.type] = part.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), time: `${parts.hour}:${parts.minute}:${parts.second}` };
}

/** The business day (YYYY-MM-DD) an instant falls on: before the start hour, it is still the day before. */
export function businessDateOf(epochMs: number, timeZone: string, dayStartHour = 0): string {
  const { date } = localParts(epochMs, timeZone);
  if (dayStartHour === 0) return date;
  // The calendar day's bounds decide, so DST days agree with dayBounds exactly.
  if (epochMs >= dayBounds(date, timeZone, dayStartHour).startsAt) return date;
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m, d - 1)).toISOString().slice(0, 10);
}

const SLOT_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 3_600_000;
/** Per zone: quarter-hour slot number → the zone's UTC offset then (ms). */
const offsets = new Map<string, Map<number, number>>();
/** Days since the epoch → YYYY-MM-DD. */
const isoDates = new Map<number, string>();

/** The zone's UTC offset at an instant; constant within a quarter hour (every DST shift is on one). */
function offsetAt(epochMs: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  const slot = Math.floor(epochMs / SLOT_MS);
  let offset = zone.get(slot);
  if (offset === undefined) {
    const { date, time } = localParts(slot * SLOT_MS, timeZone);
    offset = Date.parse(`${date}T${time}Z`) - slot * SLOT_MS;
    if (zone.size > 50_000) zone.clear();
    zone.set(slot, offset);
  }
  return offset;
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * "2026-03-08 14:05:09" in the shop's zone, for exports. Called twice per exported sale, so it is
 * arithmetic on cached parts: one Intl call per quarter hour, one date string per day.
 */
export function localDateTime(epochMs: number, timeZone: string): string {
  const local = epochMs + offsetAt(epochMs, timeZone);
  const day = Math.floor(local / DAY_MS);
  let date = isoDates.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (isoDates.size > 50_000) isoDates.clear();
    isoDates.set(day, date);
  }
  const seconds = Math.floor((local - day * DAY_MS) / 1000);
  return `${date} ${twoDigits(Math.floor(seconds / 3600))}:${twoDigits(Math.floor(seconds / 60) % 60)}:${twoDigits(seconds % 60)}`;
}

/** Every business day from `from` to `to` inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const [y, m, d] = parseDate(from);
  for (let i = 0; ; i++) {
    const day = new Date(Date.UTC(y, m, d + i)).toISOString().slice(0, 10);
    if (day > to) break;
    days.push(day);
  }
  return days;
}
