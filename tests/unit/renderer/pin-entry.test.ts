import { describe, expect, it } from 'vitest';
import { isCompletePin, pinKeyAction, pressPin, setupProblem } from '../../../renderer/state/pin-entry';

describe('PIN entry', () => {
  it('takes digits up to six, deletes and clears', () => {
    let pin = '';
    for (const d of '12345678') pin = pressPin(pin, d as '1');
    expect(pin).toBe('123456');
    expect(pressPin(pin, 'backspace')).toBe('12345');
    expect(pressPin(pin, 'clear')).toBe('');
  });

  it('accepts only 4 to 6 digits as a complete PIN', () => {
    expect(isCompletePin('123')).toBe(false);
    expect(isCompletePin('1234')).toBe(true);
    expect(isCompletePin('123456')).toBe(true);
    expect(isCompletePin('12a4')).toBe(false);
  });

  it('asks for a name, a full PIN and the same PIN twice on first run', () => {
    expect(setupProblem(' ', '1234', '1234')).toBe('auth.setup.nameRequired');
    expect(setupProblem('Ploy', '12', '12')).toBe('auth.pinLength');
    expect(setupProblem('Ploy', '1234', '1243')).toBe('auth.setup.mismatch');
    expect(setupProblem('Ploy', '1234', '1234')).toBeNull();
  });

  it('maps the physical keyboard: digits and numpad, Backspace, Escape clears, Enter submits, text fields keep their keys', () => {
    expect(pinKeyAction({ key: '7', inTextField: false })).toEqual({ type: 'pin', key: '7' });
    expect(pinKeyAction({ key: 'Backspace', inTextField: false })).toEqual({ type: 'pin', key: 'backspace' });
    expect(pinKeyAction({ key: 'Escape', inTextField: false })).toEqual({ type: 'pin', key: 'clear' });
    expect(pinKeyAction({ key: 'Enter', code: 'NumpadEnter', inTextField: false })).toEqual({ type: 'submit' });
    expect(pinKeyAction({ key: '7', inTextField: true })).toBeNull();
    expect(pinKeyAction({ key: 'Enter', inTextField: true })).toBeNull();
    expect(pinKeyAction({ key: '7', ctrlKey: true, inTextField: false })).toBeNull();
  });
});
