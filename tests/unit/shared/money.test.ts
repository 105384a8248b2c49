import { describe, expect, it } from 'vitest';
import { applyKeypadKey, checkChargeAmount, formatBaht, parseBaht, parseBahtInput, satangToDecimal, type KeypadKey } from '../../../shared/money';

describe('parseBahtInput', () => {
  it('reads baht and satang exactly, without floating point', () => {
    expect(parseBahtInput('123.45')).toEqual({ ok: true, satang: 12345 });
    expect(parseBahtInput('10')).toEqual({ ok: true, satang: 1000 });
    expect(parseBahtInput('10.5')).toEqual({ ok: true, satang: 1050 });
    // 0.1 + 0.2 style traps: 1.15 * 100 is 114.99999999999999 in floating point.
    expect(parseBahtInput('1001.15')).toEqual({ ok: true, satang: 100115 });
    expect(parseBahtInput('999999.99')).toEqual({ ok: true, satang: 99_999_999 });
  });

  it('reads commas as thousands separators, only where they group thousands', () => {
    expect(parseBahtInput('12,500')).toEqual({ ok: true, satang: 1_250_000 });
    expect(parseBahtInput('1,234,567.89')).toEqual({ ok: false, problem: 'too_large' });
    expect(parseBahtInput('999,999.99')).toEqual({ ok: true, satang: 99_999_999 });
    expect(parseBaht('1,234,567.89')).toEqual({ ok: true, satang: 123_456_789 });
    // Never a decimal point, and a misplaced comma is not an amount (not a different amount).
    for (const text of ['12,50', '12,5', '1,2', ',500', '12,', '1,2345', '12,500,', '12.500,00', '1,000.5,0']) {
      expect(parseBaht(text)).toEqual({ ok: false, problem: 'malformed' });
    }
  });

  it('reads refund-sized amounts without the charge minimum', () => {
    expect(parseBaht('0.29')).toEqual({ ok: true, satang: 29 });
    expect(parseBaht('0')).toEqual({ ok: true, satang: 0 });
    expect(parseBaht('1234567890')).toEqual({ ok: false, problem: 'too_large' });
  });

  it('refuses empty, malformed, too small and too large amounts with the reason', () => {
    expect(parseBahtInput('')).toEqual({ ok: false, problem: 'empty' });
    expect(parseBahtInput('.')).toEqual({ ok: false, problem: 'empty' });
    expect(parseBahtInput('12.345')).toEqual({ ok: false, problem: 'malformed' });
    expect(parseBahtInput('1.2.3')).toEqual({ ok: false, problem: 'malformed' });
    expect(parseBahtInput('-50')).toEqual({ ok: false, problem: 'malformed' });
    expect(parseBahtInput('1e3')).toEqual({ ok: false, problem: 'malformed' });
    expect(parseBahtInput('9.99')).toEqual({ ok: false, problem: 'too_small' });
    expect(parseBahtInput('1000000')).toEqual({ ok: false, problem: 'too_large' });
    expect(parseBahtInput('99999999999999999999')).toEqual({ ok: false, problem: 'too_large' });
  });

  it('checks satang amounts against the THB limits', () => {
    expect(checkChargeAmount(999)).toEqual({ ok: false, problem: 'too_small' });
    expect(checkChargeAmount(1000)).toEqual({ ok: true, satang: 1000 });
    expect(checkChargeAmount(100_000_000)).toEqual({ ok: false, problem: 'too_large' });
    expect(checkChargeAmount(12.5)).toEqual({ ok: false, problem: 'malformed' });
  });
});

describe('applyKeypadKey', () => {
  const type = (keys: KeypadKey[]) => keys.reduce(applyKeypadKey, '');

  it('builds 123.45 from keypad presses', () => {
    expect(type(['1', '2', '3', '.', '4', '5'])).toBe('123.45');
  });

  it('ignores a second dot, a third decimal and leading zeros', () => {
    expect(type(['1', '.', '.', '5'])).toBe('1.5');
    expect(type(['1', '.', '2', '3', '4'])).toBe('1.23');
    expect(type(['0', '0', '7'])).toBe('7');
    expect(type(['.', '5'])).toBe('0.5');
  });

  it('types 00 as two zeros but only as many as fit', () => {
    expect(type(['5', '00'])).toBe('500');
    expect(type(['5', '.', '00'])).toBe('5.00');
    expect(type(['5', '.', '1', '00'])).toBe('5.10');
  });

  it('stops at eight digits of baht', () => {
    expect(type(['1', '2', '3', '4', '5', '6', '7', '8', '9'])).toBe('12345678');
  });

  it('backspace removes one character and clear empties', () => {
    expect(type(['1', '2', 'backspace'])).toBe('1');
    expect(type(['1', '2', 'clear'])).toBe('');
  });
});

describe('formatting', () => {
  it('shows satang as baht', () => {
    expect(formatBaht(12345, 'en-GB')).toBe('฿123.45');
    expect(formatBaht(123456789, 'th-TH')).toBe('฿1,234,567.89');
    expect(satangToDecimal(12345)).toBe('123.45');
    expect(satangToDecimal(5)).toBe('0.05');
    expect(satangToDecimal(-1050)).toBe('-10.50');
  });
});
