// PIN entry on the big keypad (and the physical keyboard). PINs are 4–6 digits; the text never holds
// anything else, so the dots on screen always match what will be sent.
import type { MessageKey } from '../../shared/i18n/translate';
import { digitOf } from './physical-keys';

export const PIN_MIN = 4;
export const PIN_MAX = 6;

export type PinKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'backspace' | 'clear';

export function pressPin(pin: string, key: PinKey): string {
  if (key === 'clear') return '';
  if (key === 'backspace') return pin.slice(0, -1);
  return pin.length >= PIN_MAX ? pin : pin + key;
}

export function isCompletePin(pin: string): boolean {
  return /^\d+$/.test(pin) && pin.length >= PIN_MIN && pin.length <= PIN_MAX;
}

/** What a first-run owner setup still lacks, or null when it can be sent. */
export function setupProblem(name: string, pin: string, confirm: string): MessageKey | null {
  if (name.trim() === '') return 'auth.setup.nameRequired';
  if (!isCompletePin(pin)) return 'auth.pinLength';
  if (confirm !== pin) return 'auth.setup.mismatch';
  return null;
}

export type PinKeyAction = { type: 'pin'; key: PinKey } | { type: 'submit' } | null;

/** A physical key on a PIN screen: digits (top row and numpad), Backspace, Escape/Delete clear, Enter submits. */
export function pinKeyAction(input: { key: string; code?: string; shiftKey?: boolean; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; inTextField: boolean }): PinKeyAction {
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  if (input.key === 'Enter' || input.code === 'NumpadEnter') return input.inTextField ? null : { type: 'submit' };
  if (input.inTextField) return null;
  const digit = digitOf(input);
  if (digit) return { type: 'pin', key: digit };
  if (input.key === 'Backspace') return { type: 'pin', key: 'backspace' };
  if (input.key === 'Delete' || input.key === 'Escape') return { type: 'pin', key: 'clear' };
  return null;
}

/** The digit pad for PINs and pairing codes: 1–9, then clear, 0, delete (function keys flagged). */
export const DIGIT_PAD_LAYOUT: readonly { key: PinKey; label: string; fn?: true }[] = [
  { key: '1', label: '1' },
  { key: '2', label: '2' },
  { key: '3', label: '3' },
  { key: '4', label: '4' },
  { key: '5', label: '5' },
  { key: '6', label: '6' },
  { key: '7', label: '7' },
  { key: '8', label: '8' },
  { key: '9', label: '9' },
  { key: 'clear', label: 'C', fn: true },
  { key: '0', label: '0' },
  { key: 'backspace', label: '⌫', fn: true },
];
