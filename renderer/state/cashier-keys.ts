// Physical keyboard and numpad on the till, mapped to what the on-screen buttons do.
import type { KeypadKey } from '../../shared/money';
import type { CashierPhase } from './cashier-view';
import { digitOf, isDecimalPoint } from './physical-keys';

export type CashierKeyAction =
  | { type: 'keypad'; key: KeypadKey }
  | { type: 'charge' }
  | { type: 'openCash' }
  | { type: 'closeCash' }
  | { type: 'completeCash' }
  | { type: 'chargeManual' }
  | { type: 'renew' }
  | { type: 'newSale' }
  | { type: 'nextSale'; key: KeypadKey };

export interface KeyInput {
  key: string;
  code?: string;
  shiftKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** True when the key went to a text field (the description): then it is the field's, not the keypad's. */
  inTextField: boolean;
}

/**
 * Tender keys, read by physical key (KeyboardEvent.code) so any layout works: function keys type
 * nothing, so they never clash with digits, Thai letters or the note field.
 */
export const TENDER_KEYS = { cash: 'F2', manual: 'F3' } as const;

/**
 * Decides what a key press does. Escape never cancels a sale: while a sale is awaiting payment only
 * the on-screen Cancel button does, so a stray key cannot cancel a customer mid-scan. On a finished
 * sale that can get a new QR (`renewable`), Enter asks for it and Escape starts a new sale.
 */
export function cashierKeyAction(input: KeyInput, phase: CashierPhase, renewable = false, paid = false, cashOpen = false): CashierKeyAction | null {
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  const isEnter = input.key === 'Enter' || input.code === 'NumpadEnter';
  const fKey = input.code ?? input.key;

  if (phase === 'entry' && cashOpen) {
    // The cash panel: the keypad types the cash handed over; Esc goes back to the amount.
    if (isEnter) return { type: 'completeCash' };
    if (input.key === 'Escape') return { type: 'closeCash' };
    if (input.inTextField) return null;
    const digit = digitOf(input);
    if (digit) return { type: 'keypad', key: digit };
    if (isDecimalPoint(input)) return { type: 'keypad', key: '.' };
    if (input.key === 'Backspace') return { type: 'keypad', key: 'backspace' };
    if (input.key === 'Delete') return { type: 'keypad', key: 'clear' };
    return null;
  }
  if (phase === 'entry') {
    if (isEnter) return { type: 'charge' };
    if (fKey === TENDER_KEYS.cash) return { type: 'openCash' };
    if (fKey === TENDER_KEYS.manual) return { type: 'chargeManual' };
    if (input.inTextField) return null;
    const digit = digitOf(input);
    if (digit) return { type: 'keypad', key: digit };
    // Only a dot is a decimal point. In Thailand a comma groups thousands ("12,500"), and the display
    // groups digits by itself, so a comma press changes nothing (taking it as a dot would charge ฿12.50).
    if (isDecimalPoint(input)) return { type: 'keypad', key: '.' };
    if (input.key === 'Backspace') return { type: 'keypad', key: 'backspace' };
    if (input.key === 'Delete' || input.key === 'Escape') return { type: 'keypad', key: 'clear' };
    return null;
  }
  if (phase === 'finished') {
    if (isEnter) return renewable ? { type: 'renew' } : { type: 'newSale' };
    // After a paid sale the next customer is waiting: a digit starts the next sale with it.
    const digit = input.inTextField ? null : digitOf(input);
    if (digit && paid) return { type: 'nextSale', key: digit };
    if (!input.inTextField && input.key === 'Escape') return { type: 'newSale' };
  }
  return null;
}
