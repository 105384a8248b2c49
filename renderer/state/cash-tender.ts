// The till's tenders other than PromptPay through Stripe: which tender buttons are offered, and the
// cash panel's sums (cash handed over, change due). Pure functions; the cashier store calls them.
import type { MessageKey } from '../../shared/i18n/translate';
import type { KeypadKey } from '../../shared/money';
import { MAX_CHARGE_SATANG, applyKeypadKey, parseBaht, satangToDecimal } from '../../shared/money';
import type { PosErrorBody } from '../../shared/pos-error';
import type { Tender } from '../../shared/tender';
import { AMOUNT_PROBLEM_KEY, checkEntry, type EntryCheck } from './amount-entry';

/**
 * An amount the till records itself (cash, PromptPay by hand): Stripe's ฿10 minimum does not apply,
 * its maximum does (the core's schema says the same).
 */
export function checkHandEntry(text: string): EntryCheck {
  const parsed = parseBaht(text);
  if (!parsed.ok) return { ok: false, problem: parsed.problem, messageKey: AMOUNT_PROBLEM_KEY[parsed.problem] };
  if (parsed.satang < 1) return { ok: false, problem: 'empty', messageKey: AMOUNT_PROBLEM_KEY.empty };
  if (parsed.satang > MAX_CHARGE_SATANG) return { ok: false, problem: 'too_large', messageKey: AMOUNT_PROBLEM_KEY.too_large };
  return parsed;
}

/** Why Charge (PromptPay through Stripe) cannot take this sale; null when it can. */
export type ChargeBlock = 'offline' | 'under_minimum' | null;

export function chargeBlock(entry: string, stripeOffline: boolean): ChargeBlock {
  if (stripeOffline) return 'offline';
  const stripe = checkEntry(entry);
  return !stripe.ok && stripe.problem === 'too_small' && checkHandEntry(entry).ok ? 'under_minimum' : null;
}

export const CHARGE_BLOCK_KEY: Record<Exclude<ChargeBlock, null>, MessageKey> = {
  offline: 'tender.chargeOffline',
  under_minimum: 'tender.under10',
};

/**
 * Notes a customer hands over. A quick key SETS the cash received to that note (as Loyverse and
 * Square do): a customer hands over one note far more often than a pile the cashier must add up.
 */
export const QUICK_NOTES_SATANG = [2_000, 5_000, 10_000, 50_000, 100_000] as const;

/** Cash received as typed: the same keypad rules as the amount, up to the largest amount we take. */
export function pressTendered(text: string, key: KeypadKey): string {
  const next = applyKeypadKey(text, key);
  const parsed = parseBaht(next);
  return parsed.ok && parsed.satang > MAX_CHARGE_SATANG ? text : next;
}

/** The typed text for an amount of satang ("20" for 2,000, "12.50" for 1,250). */
export function satangAsEntry(satang: number): string {
  const decimal = satangToDecimal(satang);
  return decimal.endsWith('.00') ? decimal.slice(0, -3) : decimal;
}

export interface CashSums {
  /** Cash received in satang (0 while nothing is typed). */
  tendered: number;
  /** Change due (0 while short). */
  change: number;
  /** How much is still missing (0 once enough was handed over). */
  short: number;
  /** Enough cash: Complete may be pressed. */
  enough: boolean;
}

export function cashSums(amount: number, tenderedText: string): CashSums {
  const parsed = parseBaht(tenderedText);
  const tendered = parsed.ok ? parsed.satang : 0;
  const enough = tendered >= amount && tendered > 0;
  return { tendered, change: enough ? tendered - amount : 0, short: enough ? 0 : amount - tendered, enough };
}

/** The change a cash sale gave, or null for other tenders. */
export function changeGiven(sale: { tender: Tender; amount: number; cashTendered: number | null }): number | null {
  if (sale.tender !== 'cash' || sale.cashTendered === null) return null;
  return Math.max(0, sale.cashTendered - sale.amount);
}

export const TENDER_BADGE_KEY: Record<Tender, MessageKey> = {
  promptpay: 'tender.badge.promptpay',
  cash: 'tender.badge.cash',
  promptpay_manual: 'tender.badge.promptpay_manual',
};

/**
 * Refusals a tender can meet that the cashier can act on: no open shift for cash (the shift control
 * in the header opens one), no PromptPay ID for the shop's own QR (a manager sets it). Null: not one of these.
 */
export function tenderErrorKey(error: PosErrorBody): MessageKey | null {
  if (error.field === 'shift') return 'tender.error.noShift';
  if (error.field === 'promptPayId') return 'tender.error.noPromptPayId';
  return null;
}
