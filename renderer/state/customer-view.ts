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
