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
