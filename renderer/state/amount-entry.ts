// The cashier's amount entry: keypad presses on a text, and the check made before any charge call.
import type { AmountProblem, KeypadKey } from '../../shared/money';
import { applyKeypadKey, formatBaht, parseBahtInput } from '../../shared/money';
import type { MessageKey } from '../../shared/i18n/translate';

export const AMOUNT_PROBLEM_KEY: Record<AmountProblem, MessageKey> = {
  empty: 'error.amount_empty',
  malformed: 'error.amount_malformed',
  too_small: 'error.amount_too_small',
  too_large: 'error.amount_too_large',
};

export type EntryCheck = { ok: true; satang: number } | { ok: false; problem: AmountProblem; messageKey: MessageKey };

/** Validates the typed text the same way the core will, so no call is made for a bad amount. */
export function checkEntry(text: string): EntryCheck {
  const parsed = parseBahtInput(text);
  if (parsed.ok) return parsed;
  return { ok: false, problem: parsed.problem, messageKey: AMOUNT_PROBLEM_KEY[parsed.problem] };
}

/** One press; a digit that would take the amount past the largest charge (฿999,999.99) is not taken. */
export function pressKey(text: string, key: KeypadKey): string {
  const next = applyKeypadKey(text, key);
  const checked = checkEntry(next);
  return !checked.ok && checked.problem === 'too_large' ? text : next;
}

/**
 * What the big amount display shows while typing: the digits as typed, grouped, with the decimals
 * the cashier has typed so far ("1,234." → "1,234."), so every press is visible. Empty shows 0.00.
 */
export function displayEntry(text: string): string {
  if (text === '') return '0.00';
  const [whole, fraction] = text.split('.');
  const grouped = (whole === '' ? '0' : whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** The amount as money for buttons and lists, or null while the entry is not a valid amount. */
export function entryAsBaht(text: string, locale: string): string | null {
  const parsed = parseBahtInput(text);
  return parsed.ok ? formatBaht(parsed.satang, locale) : null;
}
