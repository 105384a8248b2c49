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
  };
}
