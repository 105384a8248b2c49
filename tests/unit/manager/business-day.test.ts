import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { businessDateOf, dayBounds, daysBetween } from '../../../electron/core/reports/business-day';
import { nextBackupAt } from '../../../electron/core/backup/backup-schedule';

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('business days in the shop time zone', () => {
  it.each(['UTC', 'America/New_York', 'Asia/Tokyo', 'Pacific/Kiritimati'])(
    'puts a sale at 23:59 and one at 00:01 Bangkok time on different days when the machine runs in %s',
    (machineZone) => {
      process.env.TZ = machineZone;
      const at2359 = Date.parse('2026-03-08T23:59:00+07:00');
      const at0001 = Date.parse('2026-03-09T00:01:00+07:00');
      expect(businessDateOf(at2359, 'Asia/Bangkok')).toBe('2026-03-08');
      expect(businessDateOf(at0001, 'Asia/Bangkok')).toBe('2026-03-09');
      const day = dayBounds('2026-03-08', 'Asia/Bangkok');
      expect(at2359 >= day.startsAt && at2359 < day.endsAt).toBe(true);
      expect(at0001 >= day.endsAt).toBe(true);
      expect(day).toEqual({ startsAt: Date.parse('2026-03-08T00:00:00+07:00'), endsAt: Date.parse('2026-03-09T00:00:00+07:00') });
    },
  );

  it('makes the day DST starts 23 hours long and the day it ends 25 hours long in Los Angeles', () => {
    const spring = dayBounds('2026-03-08', 'America/Los_Angeles');
    const autumn = dayBounds('2026-11-01', 'America/Los_Angeles');
    expect((spring.endsAt - spring.startsAt) / 3_600_000).toBe(23);
    expect((autumn.endsAt - autumn.startsAt) / 3_600_000).toBe(25);
  });

  it('starts a day at 01:00 where DST skips midnight (Santiago)', () => {
    expect(new Date(dayBounds('2026-09-06', 'America/Santiago').startsAt).toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('starts a day at the first of two 01:00s when clocks go back (London, Los Angeles)', () => {
    // London 2026-10-25: 01:00 BST (00:00 UTC), then 02:00 BST becomes 01:00 GMT (01:00 UTC).
    const london = dayBounds('2026-10-25', 'Europe/London', 1);
    expect(new Date(london.startsAt).toISOString()).toBe('2026-10-25T00:00:00.000Z');
    expect(dayBounds('2026-10-24', 'Europe/London', 1).endsAt).toBe(london.startsAt);
    expect(businessDateOf(Date.parse('2026-10-25T00:30:00Z'), 'Europe/London', 1)).toBe('2026-10-25');
    expect(businessDateOf(Date.parse('2026-10-24T23:59:59Z'), 'Europe/London', 1)).toBe('2026-10-24');
    // Los Angeles 2026-11-01: the first 01:00 is PDT (08:00 UTC).
    expect(new Date(dayBounds('2026-11-01', 'America/Los_Angeles', 1).startsAt).toISOString()).toBe('2026-11-01T08:00:00.000Z');
    // A day whose start hour is not repeated is unchanged.
    expect(new Date(dayBounds('2026-10-23', 'Europe/London', 1).startsAt).toISOString()).toBe('2026-10-23T00:00:00.000Z');
  });

  it("agrees with the zone's own clock around every kind of DST change, for every start hour", () => {
    const zones = ['Europe/London', 'America/Los_Angeles', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Bangkok'];
    // Days with a DST change in one of the zones (2026), each looked at from two days before to two after.
    const changes = ['2026-03-08', '2026-03-29', '2026-04-05', '2026-09-06', '2026-10-04', '2026-10-25', '2026-11-01'];
    const clock = new Map(zones.map((zone) => [zone, new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })]));
    fc.assert(
      fc.property(fc.constantFrom(...changes), fc.integer({ min: -48 * 60, max: 48 * 60 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom(...zones), fc.integer({ min: 0, max: 11 }), (day, minute, second, zone, startHour) => {
        const at = Date.parse(`${day}T00:00:00Z`) + minute * 60_000 + second * 1000;
        const parts = Object.fromEntries(clock.get(zone)!.formatToParts(at).map((part) => [part.type, part.value]));
        const date = `${parts.year}-${parts.month}-${parts.day}`;
        const expected = Number(parts.hour) >= startHour ? date : new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        const business = businessDateOf(at, zone, startHour);
        expect(business).toBe(expected);
        const bounds = dayBounds(business, zone, startHour);
        expect(at >= bounds.startsAt && at < bounds.endsAt).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('lists every day of a range, across month and year ends', () => {
    expect(daysBetween('2025-12-30', '2026-01-02')).toEqual(['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']);
    expect(daysBetween('2026-01-02', '2026-01-01')).toEqual([]);
  });
});

describe('the daily backup time', () => {
  it('is later today when the time has not passed yet, else tomorrow, in the shop zone', () => {
    const now = Date.parse('2026-03-08T10:00:00+07:00');
    expect(nextBackupAt('22:30', 'Asia/Bangkok', now)).toBe(Date.parse('2026-03-08T22:30:00+07:00'));
    expect(nextBackupAt('09:00', 'Asia/Bangkok', now)).toBe(Date.parse('2026-03-09T09:00:00+07:00'));
    expect(nextBackupAt('10:00', 'Asia/Bangkok', now)).toBe(Date.parse('2026-03-09T10:00:00+07:00'));
  });
});

describe('local date and time for exports', () => {
  it('agree with Intl across a DST change and in a +14:00 zone', async () => {
    const { localDateTime } = await import('../../../electron/core/reports/business-day');
    const format = (ms: number, zone: string) =>
      new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(ms);
    const from = Date.parse('2026-03-08T08:00:00Z');
    for (let ms = from; ms < from + 6 * 3_600_000; ms += 7 * 60_000 + 13_000) {
      for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Bangkok']) expect(localDateTime(ms, zone), `${zone} ${ms}`).toBe(format(ms, zone));
    }
  });

  it('agree with Intl at any instant in zones with half-hour offsets and half-hour DST shifts', async () => {
    const { localDateTime } = await import('../../../electron/core/reports/business-day');
    const zones = ['Australia/Lord_Howe', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham', 'Europe/London', 'Asia/Bangkok'];
    const formats = new Map(zones.map((zone) => [zone, new Intl.DateTimeFormat('sv-SE', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })]));
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2060-01-01T00:00:00Z') }), fc.constantFrom(...zones), (ms, zone) => {
        expect(localDateTime(ms, zone)).toBe(formats.get(zone)!.format(ms));
      }),
      { numRuns: 3000 },
    );
  });
});
