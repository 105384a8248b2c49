// The status vocabulary shared by the ledger, the transports and both screens.

export const SALE_STATUSES = ['created', 'awaiting_payment', 'succeeded', 'expired', 'failed', 'canceled'] as const;
export type SaleStatus = (typeof SALE_STATUSES)[number];

/** Statuses a sale never leaves. */
export const FINAL_STATUSES: ReadonlySet<SaleStatus> = new Set(['succeeded', 'expired', 'failed', 'canceled']);

/**
 * How far along a sale is: created → awaiting payment → finished. Statuses only move to a higher
 * stage (the core's transition function) and screens never show a lower one (renderer merge rules).
 */
export const SALE_STAGE: Readonly<Record<SaleStatus, 0 | 1 | 2>> = {
  created: 0,
  awaiting_payment: 1,
  succeeded: 2,
  expired: 2,
  failed: 2,
  canceled: 2,
};

export function isFinalStatus(status: SaleStatus): boolean {
  return FINAL_STATUSES.has(status);
}

/** What the customer display shows: a sale's status, or idle when there is none. */
export type CustomerScreenStatus = SaleStatus | 'idle';

/** Stripe PaymentIntent statuses we may see (the REST API reports these words). */
export type PaymentIntentStatus =
  | 'requires_payment_method'
  | 'requires_confirmation'
  | 'requires_action'
  | 'processing'
  | 'requires_capture'
  | 'canceled'
  | 'succeeded';
