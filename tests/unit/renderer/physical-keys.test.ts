import { describe, expect, it } from 'vitest';
import { cashierKeyAction } from '../../../renderer/state/cashier-keys';
import { pinKeyAction } from '../../../renderer/state/pin-entry';
import { digitOf, isDecimalPoint } from '../../../renderer/state/physical-keys';

// What Chromium reports with the Thai Kedmanee layout active: the number row's characters.
const KEDMANEE_NUMBER_ROW: [code: string, key: string][] = [
  ['Digit1', 'ๅ'],
  ['Digit2', '/'],
  ['Digit3', '-'],
  ['Digit4', 'ภ'],
  ['Digit5', 'ถ'],
  ['Digit6', 'ุ'],
  ['Digit7', 'ึ'],
  ['Digit8', 'ค'],
  ['Digit9', 'ต'],
  ['Digit0', 'จ'],
];

describe('digits by physical key (Thai Kedmanee layout)', () => {
  it('the number row types its digit whatever letter the layout puts on it', () => {
    for (const [code, key] of KEDMANEE_NUMBER_ROW) expect(digitOf({ key, code })).toBe(code.slice(-1));
  });

  it('Thai digits ๐–๙ are digits', () => {
    expect([...'๐๑๒๓๔๕๖๗๘๙'].map((key) => digitOf({ key }))).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    // Kedmanee's shifted number row types Thai digits: the digit typed counts.
    expect(digitOf({ key: '๑', code: 'Digit2', shiftKey: true })).toBe('1');
  });

  it('the numpad types digits; other keys, shifted symbols and NumLock-off navigation do not', () => {
    expect(digitOf({ key: '7', code: 'Numpad7' })).toBe('7');
    expect(digitOf({ key: 'End', code: 'Numpad1' })).toBeNull();
    expect(digitOf({ key: '!', code: 'Digit1', shiftKey: true })).toBeNull();
    expect(digitOf({ key: 'ข', code: 'Minus' })).toBeNull();
    expect(digitOf({ key: 'ม', code: 'Comma' })).toBeNull();
  });

  it('the dot key is the decimal point even when the layout types ใ on it; a comma never is', () => {
    expect(isDecimalPoint({ key: 'ใ', code: 'Period' })).toBe(true);
    expect(isDecimalPoint({ key: '.', code: 'NumpadDecimal' })).toBe(true);
    expect(isDecimalPoint({ key: 'ฬ', code: 'Period', shiftKey: true })).toBe(false);
    expect(isDecimalPoint({ key: ',', code: 'NumpadDecimal' })).toBe(false);
    expect(isDecimalPoint({ key: 'ม', code: 'Comma' })).toBe(false);
  });

  it('the amount and the PIN pads take Thai-layout presses as digits', () => {
    expect(cashierKeyAction({ key: 'ภ', code: 'Digit4', inTextField: false }, 'entry')).toEqual({ type: 'keypad', key: '4' });
    expect(cashierKeyAction({ key: '๙', inTextField: false }, 'entry')).toEqual({ type: 'keypad', key: '9' });
    expect(cashierKeyAction({ key: 'ใ', code: 'Period', inTextField: false }, 'entry')).toEqual({ type: 'keypad', key: '.' });
    expect(pinKeyAction({ key: 'จ', code: 'Digit0', inTextField: false })).toEqual({ type: 'pin', key: '0' });
    expect(pinKeyAction({ key: '๕', inTextField: false })).toEqual({ type: 'pin', key: '5' });
  });

  it('Thai letters typed into a text field (the note) stay the field’s', () => {
    expect(cashierKeyAction({ key: 'ภ', code: 'Digit4', inTextField: true }, 'entry')).toBeNull();
    expect(pinKeyAction({ key: 'ภ', code: 'Digit4', inTextField: true })).toBeNull();
  });
});
