import { describe, expect, it } from 'vitest';
import { addDays, businessDateOf, daysInRange, isBusinessDate, orderedRange, timeZoneOptions } from '../../../renderer/state/business-date';
import { parseRoute, routeHash, tabOf } from '../../../renderer/state/manager-route';
import { normalizeQuery, queryKind } from '../../../renderer/state/search-query';

describe('hash routes', () => {
  it('round-trips every manager route and falls back to the till for anything else', () => {
    for (const route of [{ name: 'till' }, { name: 'history' }, { name: 'report' }, { name: 'exports' }, { name: 'people' }, { name: 'settings' }, { name: 'sale', saleId: 'sale_ABCDEFGH12' }] as const) {
      expect(parseRoute(routeHash(route))).toEqual(route);
    }
    expect(parseRoute('#/sale/not-a-sale')).toEqual({ name: 'till' });
    expect(parseRoute('#/nowhere')).toEqual({ name: 'till' });
    expect(tabOf({ name: 'sale', saleId: 'sale_ABCDEFGH12' })).toBe('history');
  });
});

describe('business days', () => {
  it('uses the shop time zone, not UTC: 23:30 UTC is already tomorrow in Bangkok', () => {
    const at = Date.UTC(2026, 10, 25, 23, 30);
    expect(businessDateOf(at, 'Asia/Bangkok')).toBe('2026-11-26');
    expect(businessDateOf(at, 'UTC')).toBe('2026-11-25');
  });

  it('does calendar arithmetic and orders ranges', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(isBusinessDate('2026-02-30')).toBe(false);
    expect(orderedRange('2026-11-30', '2026-11-01')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(daysInRange('2026-11-01', '2026-11-30')).toBe(30);
    expect(timeZoneOptions('Asia/Bangkok')[0]).toBe('Asia/Bangkok');
    expect(timeZoneOptions('Pacific/Auckland')[0]).toBe('Pacific/Auckland');
  });
});

describe('history search box', () => {
  it('recognises amounts and ids, and sends amounts without ฿ or separators', () => {
    expect(queryKind('123.45')).toBe('amount');
    expect(queryKind('฿1,234.50')).toBe('amount');
    expect(normalizeQuery(' ฿1,234.50 ')).toBe('1234.50');
    expect(queryKind('pi_3Abc')).toBe('paymentIntent');
    expect(queryKind('sale_ABCDEFGH')).toBe('sale');
    expect(queryKind('iced latte')).toBe('text');
    expect(normalizeQuery('   ')).toBeUndefined();
  });

  it('reads a comma in the search box the keypad way: thousands only, else it is text', () => {
    expect(queryKind('12,500')).toBe('amount');
    expect(normalizeQuery('12,500')).toBe('12500');
    expect(normalizeQuery('฿ 12,500.')).toBe('12500');
    expect(queryKind('12,50')).toBe('text');
    expect(normalizeQuery('12,50')).toBe('12,50');
  });
});
