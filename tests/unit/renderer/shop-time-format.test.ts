// The screens' time and date formatters are kept and reused (building one per row cost the till ~20 ms
// a charge). Reuse must never mix them up: every zone, language and kind formats as a formatter built
// fresh for it would, whatever was formatted before.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { businessDateOf, formatBusinessDate, formatShopDateTime, formatShopTime } from '../../../renderer/state/business-date';
import { translatorFor } from '../../../renderer/ui/translator';

const ZONES = ['Asia/Bangkok', 'Europe/London', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Kiritimati'];
const LOCALES = ['th-TH', 'en-GB'];

function fresh(locale: string, options: Intl.DateTimeFormatOptions, at: number): string {
  return new Intl.DateTimeFormat(locale, options).format(at);
}

type Kind = 'time' | 'seconds' | 'dateTime' | 'day' | 'dayName';

/** What the screens' formatter says, and what a formatter built just now says. */
function bothWays(at: number, zone: string, locale: string, kind: Kind): [string, string] {
  const time = { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  switch (kind) {
    case 'time':
      return [formatShopTime(at, locale, zone), fresh(locale, time, at)];
    case 'seconds':
      return [formatShopTime(at, locale, zone, true), fresh(locale, { ...time, second: '2-digit' }, at)];
    case 'dateTime':
      return [formatShopDateTime(at, locale, zone), fresh(locale, { ...time, day: 'numeric', month: 'short', year: 'numeric', second: '2-digit' }, at)];
    case 'day':
      return [businessDateOf(at, zone), day];
    case 'dayName':
      return [formatBusinessDate(day, locale), fresh(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }, Date.parse(`${day}T12:00:00Z`))];
  }
}

describe('shop times and dates, formatted with kept formatters', () => {
  it('format every zone, language and kind as a new formatter would, in any order', () => {
    const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) });
    const call = fc.record({ at: instant, zone: fc.constantFrom(...ZONES), locale: fc.constantFrom(...LOCALES), kind: fc.constantFrom<Kind>('time', 'seconds', 'dateTime', 'day', 'dayName') });
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 12 }), (calls) => {
        for (const { at, zone, locale, kind } of calls) {
          const [kept, made] = bothWays(at, zone, locale, kind);
          expect(kept).toBe(made);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('shows the same instant at each zone’s own hour', () => {
    const at = Date.UTC(2026, 11, 3, 10, 5, 9);
    expect(formatShopTime(at, 'en-GB', 'Asia/Bangkok')).toBe('17:05');
    expect(formatShopTime(at, 'en-GB', 'Europe/London')).toBe('10:05');
    expect(formatShopTime(at, 'en-GB', 'Asia/Bangkok', true)).toBe('17:05:09');
    expect(formatShopTime(at, 'en-GB', 'America/Los_Angeles')).toBe('02:05');
  });

  it('refuses an unknown zone every time (a failed formatter is not kept)', () => {
    expect(() => formatShopTime(0, 'en-GB', 'Mars/Olympus')).toThrow(RangeError);
    expect(() => formatShopTime(0, 'en-GB', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('translators', () => {
  it('are one per language, so a screen’s t keeps its identity across renders', () => {
    expect(translatorFor('th')).toBe(translatorFor('th'));
    expect(translatorFor('en')).toBe(translatorFor('en'));
    expect(translatorFor('th')).not.toBe(translatorFor('en'));
    expect(translatorFor('th')('cashier.recentTitle')).not.toBe(translatorFor('en')('cashier.recentTitle'));
    expect(translatorFor('en').lang).toBe('en');
  });
});
