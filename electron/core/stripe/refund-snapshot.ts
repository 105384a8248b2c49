// The part of a Stripe Refund the refund flow needs.
import type Stripe from 'stripe';
import type { RefundStatus } from '../../../shared/manager-types';

export interface RefundSnapshot {
  id: string;
  status: RefundStatus;
  amount: number;
  paymentIntentId: string | null;
  failureReason: string | null;
  /** Our refund id (metadata.refund_id), when Stripe echoes it back. */
  localRefundId: string | null;
  /** Stripe's `created` (unix seconds). */
  created: number;
}

const KNOWN: ReadonlySet<string> = new Set(['pending', 'requires_action', 'succeeded', 'failed', 'canceled']);

export function toRefundSnapshot(refund: Stripe.Refund): RefundSnapshot {
  const paymentIntent = refund.payment_intent;
  return {
    id: refund.id,
    // Stripe may add statuses; an unknown one is treated as still in progress.
    status: (refund.status && KNOWN.has(refund.status) ? refund.status : 'pending') as RefundStatus,
    amount: refund.amount,
    paymentIntentId: typeof paymentIntent === 'string' ? paymentIntent : paymentIntent?.id ?? null,
    failureReason: refund.failure_reason ?? null,
    localRefundId: refund.metadata?.refund_id ?? null,
    created: refund.created,
  };
}
