import { describe, expect, it } from 'vitest';
import { checkCash, countTotal, MAX_CASH_SATANG, overShortTone, parsePieces, pressCashKey, satangAsEntry } from '../../../renderer/cashier/shift/cash-entry';

describe('cash typed at the drawer', () => {
  it('takes a float of zero, refuses a zero pay-out, refuses empty and junk', () => {
    expect(checkCash('0', true)).toEqual({ ok: true, satang: 0 });
    expect(checkCash('0', false)).toEqual({ ok: false, messageKey: 'shift.error.zero' });
    expect(checkCash('', true)).toEqual({ ok: false, messageKey: 'shift.error.empty' });
    expect(checkCash('1,00', true)).toEqual({ ok: false, messageKey: 'error.amount_malformed' });
    expect(checkCash('1000', true)).toEqual({ ok: true, satang: 100_000 });
    expect(checkCash('5.5', false)).toEqual({ ok: true, satang: 550 });
  });

  it('has no Stripe minimum and stops at the contract’s maximum while typing', () => {
    expect(checkCash('1', false)).toEqual({ ok: true, satang: 100 });
    expect(checkCash('9999999.90', true)).toEqual({ ok: true, satang: MAX_CASH_SATANG });
    expect(checkCash('9999999.91', true)).toEqual({ ok: false, messageKey: 'shift.error.tooMuch' });
    let text = '';
    for (const key of ['9', '9', '9', '9', '9', '9', '9', '9'] as const) text = pressCashKey(text, key);
    expect(text).toBe('9999999');
    expect(pressCashKey('9999999.9', '9')).toBe('9999999.9');
    expect(pressCashKey('12', 'backspace')).toBe('1');
  });

  it('adds up a count by notes and coins; a blank count is none, a bad one is refused', () => {
    expect(countTotal({ 100_000: 1, 10_000: 2, 2_000: 1, 100: 3 })).toBe(122_300);
    expect(countTotal({})).toBe(0);
    expect(parsePieces('')).toBe(0);
    expect(parsePieces(' 12 ')).toBe(12);
    expect(parsePieces('-1')).toBeNull();
    expect(parsePieces('1.5')).toBeNull();
  });

  it('puts a counted total back as keypad text and colours over/short', () => {
    expect(satangAsEntry(122_300)).toBe('1223');
    expect(satangAsEntry(122_305)).toBe('1223.05');
    expect(checkCash(satangAsEntry(987_654_321), true)).toEqual({ ok: true, satang: 987_654_321 });
    expect(overShortTone(1)).toBe('over');
    expect(overShortTone(0)).toBe('exact');
    expect(overShortTone(-1)).toBe('short');
  });
});
