import { describe, expect, it } from 'vitest';
import type { KeypadKey } from '../../../shared/money';
import { checkEntry, displayEntry, entryAsBaht, pressKey } from '../../../renderer/state/amount-entry';

const typeKeys = (keys: KeypadKey[]): string => keys.reduce(pressKey, '');

describe('amount entry', () => {
  it('builds the amount from keypad presses without floats', () => {
    expect(typeKeys(['1', '2', '3', '.', '4', '5'])).toBe('123.45');
    expect(typeKeys(['1', '00'])).toBe('100');
    expect(typeKeys(['.', '5'])).toBe('0.5');
  });

  it('ignores a press that would make the entry malformed', () => {
    expect(typeKeys(['1', '.', '2', '3', '4'])).toBe('1.23');
    expect(typeKeys(['1', '.', '.', '5'])).toBe('1.5');
    expect(typeKeys(['0', '0', '7'])).toBe('7');
  });

  it('backspace removes the last character and clear empties the entry', () => {
    expect(typeKeys(['1', '2', 'backspace'])).toBe('1');
    expect(typeKeys(['1', '2', 'clear'])).toBe('');
  });

  it('rejects empty, too small and too large amounts with a translatable message', () => {
    expect(checkEntry('')).toEqual({ ok: false, problem: 'empty', messageKey: 'error.amount_empty' });
    expect(checkEntry('9.99')).toMatchObject({ ok: false, messageKey: 'error.amount_too_small' });
    expect(checkEntry('1000000')).toMatchObject({ ok: false, messageKey: 'error.amount_too_large' });
    expect(checkEntry('10')).toEqual({ ok: true, satang: 1000 });
    expect(checkEntry('999999.99')).toEqual({ ok: true, satang: 99_999_999 });
  });

  it('shows what was typed, grouped, and 0.00 when nothing was', () => {
    expect(displayEntry('')).toBe('0.00');
    expect(displayEntry('1234567')).toBe('1,234,567');
    expect(displayEntry('1234.')).toBe('1,234.');
    expect(displayEntry('0.5')).toBe('0.5');
  });

  it('formats a valid entry as baht for the Charge button, and nothing for an invalid one', () => {
    expect(entryAsBaht('1234.5', 'th-TH')).toBe('฿1,234.50');
    expect(entryAsBaht('5', 'th-TH')).toBeNull();
  });
});

describe('the amount pad stops at the largest charge', () => {
  it('takes digits up to ฿999,999.99 and no further', () => {
    let text = '';
    for (const digit of '99999999') text = pressKey(text, digit as '9');
    expect(text).toBe('999999');
    text = pressKey(pressKey(pressKey(text, '.'), '9'), '9');
    expect(text).toBe('999999.99');
    expect(checkEntry(text)).toEqual({ ok: true, satang: 99_999_999 });
    expect(pressKey('100000', '0')).toBe('100000');
    expect(pressKey('100000', '00')).toBe('100000');
    expect(pressKey('99999', '00')).toBe('99999');
    expect(pressKey('99999', '9')).toBe('999999');
  });
});
