// What the customer display shows, from the sale it follows and the time.
import type { Sale } from '../../shared/sale';
import type { CustomerScreenStatus } from '../../shared/sale-status';
import { isFinalStatus } from '../../shared/sale-status';

/** How long a paid / failed / expired / canceled screen stays before the welcome screen returns. */
export const RESULT_HOLD_MS = 10_000;

/**
 * `finalSince` is when this display first showed the sale's final status (its own clock), so the
 * result screen is held for RESULT_HOLD_MS and then gives way to idle.
 */
export function customerStatus(
  sale: Sale | null,
  finalSince: number | null,
  now: number,
  holdMs: number = RESULT_HOLD_MS,
): CustomerScreenStatus {
  if (!sale) return 'idle';
  if (!isFinalStatus(sale.status)) return sale.status;
  if (finalSince !== null && now - finalSince >= holdMs) return 'idle';
  return sale.status;
}

/** When a final status first appears (a new sale, or a status change), the hold starts again. */
export function nextFinalSince(previous: Sale | null, next: Sale, previousFinalSince: number | null, now: number): number | null {
  if (!isFinalStatus(next.status)) return null;
  if (previous && previous.id === next.id && previous.status === next.status) return previousFinalSince;
  return now;
}

/** The results a sale ends in, each with its own screen. */
export type CustomerResult = 'succeeded' | 'failed' | 'expired' | 'canceled';

/**
 * Which screen the customer sees, from the status shown and how the sale is paid:
 * - pay: a QR to scan, Stripe's (`stripe`: its countdown, and a moment of "preparing" while Stripe
 *   answers) or the shop's own PromptPay QR (`shop`: no countdown, the cashier confirms it by hand);
 * - cash: a cash sale, paid on the spot: the amount, the cash received and the change;
 * - result: paid, failed, expired or canceled. A hand-confirmed sale is paid on the cashier's word:
 *   the customer sees it paid, in words that claim no more than that (`byHand`).
 */
export type CustomerScreen =
  | { kind: 'idle' }
  | { kind: 'pay'; sale: Sale; qr: 'stripe' | 'shop' }
  | { kind: 'cash'; sale: Sale; received: number | null; change: number | null }
  | { kind: 'result'; sale: Sale; result: CustomerResult; byHand: boolean };

export function customerScreen(sale: Sale | null, status: CustomerScreenStatus): CustomerScreen {
  if (!sale || status === 'idle') return { kind: 'idle' };
  if (status === 'created' || status === 'awaiting_payment') return { kind: 'pay', sale, qr: sale.tender === 'promptpay_manual' ? 'shop' : 'stripe' };
  if (status === 'succeeded' && sale.tender === 'cash') {
    const received = sale.cashTendered;
    return { kind: 'cash', sale, received, change: received === null ? null : Math.max(0, received - sale.amount) };
  }
  return { kind: 'result', sale, result: status, byHand: sale.tender === 'promptpay_manual' };
}
