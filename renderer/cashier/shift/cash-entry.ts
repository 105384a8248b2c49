// Cash typed at the drawer (a float, a pay-in or pay-out, the count at the close): baht on the keypad,
// no Stripe minimum, the contract's maximum; and the count by notes and coins added up.
import type { MessageKey } from '../../../shared/i18n/translate';
import { applyKeypadKey, MAX_CHARGE_SATANG, parseBaht, type KeypadKey } from '../../../shared/money';

/** The most cash the core takes in one amount (its zod schema's maximum). */
export const MAX_CASH_SATANG = 10 * MAX_CHARGE_SATANG;

export type CashCheck = { ok: true; satang: number } | { ok: false; messageKey: MessageKey };

/** The typed text as satang; `allowZero` for a float or a count (an empty drawer is a real answer). */
export function checkCash(text: string, allowZero: boolean): CashCheck {
  const parsed = parseBaht(text);
  if (!parsed.ok) {
    if (parsed.problem === 'too_large') return { ok: false, messageKey: 'shift.error.tooMuch' };
    return { ok: false, messageKey: parsed.problem === 'empty' ? 'shift.error.empty' : 'error.amount_malformed' };
  }
  if (parsed.satang > MAX_CASH_SATANG) return { ok: false, messageKey: 'shift.error.tooMuch' };
  if (parsed.satang === 0 && !allowZero) return { ok: false, messageKey: 'shift.error.zero' };
  return { ok: true, satang: parsed.satang };
}

/** One keypad press; a digit that would go past the maximum is not taken, so the display never lies. */
export function pressCashKey(text: string, key: KeypadKey): string {
  const next = applyKeypadKey(text, key);
  const parsed = parseBaht(next);
  return parsed.ok && parsed.satang > MAX_CASH_SATANG ? text : next;
}

/** Thai notes and coins, in satang, largest first. */
export const DENOMINATIONS = [100_000, 50_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100] as const;
export type Denomination = (typeof DENOMINATIONS)[number];

export function isNote(value: Denomination): boolean {
  return value >= 2_000;
}

/** The drawer counted piece by piece: counts per denomination (missing or blank: none) → satang. */
export function countTotal(counts: Partial<Record<Denomination, number>>): number {
  let total = 0;
  for (const value of DENOMINATIONS) total += value * (counts[value] ?? 0);
  return total;
}

/** A typed count of pieces: whole and not negative, else null (the field is marked). Blank is 0. */
export function parsePieces(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  if (!/^\d{1,5}$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** Satang as keypad text ("1250.5" → "1250.50"), to put a counted total into the amount entry. */
export function satangAsEntry(satang: number): string {
  const baht = Math.trunc(satang / 100);
  const rest = satang % 100;
  return rest === 0 ? String(baht) : `${baht}.${String(rest).padStart(2, '0')}`;
}

/** Over (positive), short (negative) or exactly right: how the close's big number is coloured. */
export function overShortTone(overShort: number): 'over' | 'short' | 'exact' {
  return overShort > 0 ? 'over' : overShort < 0 ? 'short' : 'exact';
}
