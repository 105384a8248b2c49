import { describe, expect, it } from 'vitest';
import { cashierKeyAction, type KeyInput } from '../../../renderer/state/cashier-keys';

const key = (k: string, extra: Partial<KeyInput> = {}): KeyInput => ({ key: k, inTextField: false, ...extra });

describe('cashier keyboard', () => {
  it('digits and the dot (main row or numpad) type into the amount while entering', () => {
    expect(cashierKeyAction(key('7'), 'entry')).toEqual({ type: 'keypad', key: '7' });
    expect(cashierKeyAction(key('.'), 'entry')).toEqual({ type: 'keypad', key: '.' });
    expect(cashierKeyAction(key('.', { code: 'NumpadDecimal' }), 'entry')).toEqual({ type: 'keypad', key: '.' });
    expect(cashierKeyAction(key('Decimal', { code: 'NumpadDecimal' }), 'entry')).toEqual({ type: 'keypad', key: '.' });
  });

  it('a comma is never a decimal point: it separates thousands in Thailand and changes nothing', () => {
    expect(cashierKeyAction(key(','), 'entry')).toBeNull();
    expect(cashierKeyAction(key(',', { code: 'Comma' }), 'entry')).toBeNull();
    // A numpad whose layout labels the decimal key with a comma: still not a dot.
    expect(cashierKeyAction(key(',', { code: 'NumpadDecimal' }), 'entry')).toBeNull();
  });

  it('Backspace deletes, Delete and Escape clear the entry', () => {
    expect(cashierKeyAction(key('Backspace'), 'entry')).toEqual({ type: 'keypad', key: 'backspace' });
    expect(cashierKeyAction(key('Delete'), 'entry')).toEqual({ type: 'keypad', key: 'clear' });
    expect(cashierKeyAction(key('Escape'), 'entry')).toEqual({ type: 'keypad', key: 'clear' });
  });

  it('Enter charges while entering and starts a new sale when finished', () => {
    expect(cashierKeyAction(key('Enter'), 'entry')).toEqual({ type: 'charge' });
    expect(cashierKeyAction(key('Enter', { code: 'NumpadEnter' }), 'entry')).toEqual({ type: 'charge' });
    expect(cashierKeyAction(key('Enter'), 'finished')).toEqual({ type: 'newSale' });
  });

  it('keys typed into the description field never reach the keypad', () => {
    expect(cashierKeyAction(key('5', { inTextField: true }), 'entry')).toBeNull();
    expect(cashierKeyAction(key('Backspace', { inTextField: true }), 'entry')).toBeNull();
    expect(cashierKeyAction(key('Escape', { inTextField: true }), 'entry')).toBeNull();
  });

  it('no key cancels or changes a sale that is awaiting payment', () => {
    for (const k of ['Escape', 'Enter', 'Delete', 'Backspace', '5']) {
      expect(cashierKeyAction(key(k), 'awaiting')).toBeNull();
      expect(cashierKeyAction(key(k), 'charging')).toBeNull();
    }
  });

  it('leaves browser shortcuts alone', () => {
    expect(cashierKeyAction(key('5', { ctrlKey: true }), 'entry')).toBeNull();
    expect(cashierKeyAction(key('Enter', { metaKey: true }), 'entry')).toBeNull();
  });
});

describe('after a paid sale', () => {
  it('a digit (any layout) starts the next sale with it; after a failed or expired sale it does nothing', () => {
    expect(cashierKeyAction(key('4'), 'finished', false, true)).toEqual({ type: 'nextSale', key: '4' });
    expect(cashierKeyAction(key('ภ', { code: 'Digit4' }), 'finished', false, true)).toEqual({ type: 'nextSale', key: '4' });
    expect(cashierKeyAction(key('4'), 'finished', true, false)).toBeNull();
    expect(cashierKeyAction(key('4', { inTextField: true }), 'finished', false, true)).toBeNull();
    expect(cashierKeyAction(key('.'), 'finished', false, true)).toBeNull();
  });
});

describe('tender keys', () => {
  it('F2 opens the cash panel and F3 takes PromptPay by hand, by physical key and even from the note field', () => {
    expect(cashierKeyAction(key('F2', { code: 'F2' }), 'entry')).toEqual({ type: 'openCash' });
    expect(cashierKeyAction(key('F3', { code: 'F3' }), 'entry')).toEqual({ type: 'chargeManual' });
    expect(cashierKeyAction(key('F2', { code: 'F2', inTextField: true }), 'entry')).toEqual({ type: 'openCash' });
    // Not while a sale is under way or finished.
    expect(cashierKeyAction(key('F2', { code: 'F2' }), 'awaiting')).toBeNull();
    expect(cashierKeyAction(key('F3', { code: 'F3' }), 'finished', false, true)).toBeNull();
  });

  it('in the cash panel digits type the cash received, Enter completes, Escape goes back (it does not clear)', () => {
    expect(cashierKeyAction(key('5'), 'entry', false, false, true)).toEqual({ type: 'keypad', key: '5' });
    expect(cashierKeyAction(key('ถ', { code: 'Digit4' }), 'entry', false, false, true)).toEqual({ type: 'keypad', key: '4' });
    expect(cashierKeyAction(key('Enter'), 'entry', false, false, true)).toEqual({ type: 'completeCash' });
    expect(cashierKeyAction(key('Escape'), 'entry', false, false, true)).toEqual({ type: 'closeCash' });
    expect(cashierKeyAction(key('Delete'), 'entry', false, false, true)).toEqual({ type: 'keypad', key: 'clear' });
    // F2 again does not reopen anything, and a charge is never started from the cash panel.
    expect(cashierKeyAction(key('F2', { code: 'F2' }), 'entry', false, false, true)).toBeNull();
  });
});
