// The part of a Stripe PaymentIntent the rest of the core needs, so nothing outside stripe/ depends
// on Stripe's object shapes.
import type Stripe from 'stripe';
import type { PaymentIntentStatus } from '../../../shared/sale-status';

/** The part of a PaymentIntent the sale state machine needs. */
export interface PaymentIntentSnapshot {
  id: string;
  status: PaymentIntentStatus;
  amount: number;
  currency: string;
  qrData: string | null;
  qrImageUrl: string | null;
  lastPaymentErrorCode: string | null;
  cancellationReason: string | null;
  /** Stripe's `created` (unix seconds). */
  created: number;
  /**
   * Stripe's fee for the payment (satang), when the read expanded `latest_charge.balance_transaction`
   * and the balance transaction exists; null otherwise (not asked for, or not settled yet).
   */
  fee: number | null;
}

/** The fee of an expanded `latest_charge.balance_transaction`; null when either is only an id or absent. */
function feeOf(pi: Stripe.PaymentIntent): number | null {
  const charge = pi.latest_charge;
  if (charge === null || typeof charge !== 'object') return null;
  const balance = charge.balance_transaction;
  if (balance === null || typeof balance !== 'object') return null;
  return Number.isInteger(balance.fee) ? balance.fee : null;
}

export function toSnapshot(pi: Stripe.PaymentIntent): PaymentIntentSnapshot {
  const qr = pi.next_action?.promptpay_display_qr_code ?? null;
  return {
    id: pi.id,
    status: pi.status as PaymentIntentStatus,
    amount: pi.amount,
    currency: pi.currency,
    qrData: qr?.data ?? null,
    qrImageUrl: qr?.image_url_png ?? null,
    lastPaymentErrorCode: pi.last_payment_error?.code ?? null,
    cancellationReason: pi.cancellation_reason ?? null,
    created: pi.created,
    fee: feeOf(pi),
  };
}
