// A Stripe event in the core's terms, whether it came by webhook, relay or the event log.
import type Stripe from 'stripe';
import { toSnapshot, type PaymentIntentSnapshot } from './payment-intent-snapshot';
import { toRefundSnapshot, type RefundSnapshot } from './refund-snapshot';

export interface StripeEventView {
  id: string;
  type: string;
  /** Unix seconds. */
  created: number;
  account: string | null;
  /** Stripe's `livemode`: a live-mode event for a test-mode till (or the reverse) is not ours. */
  livemode: boolean;
  /** For payment_intent.* events: the PaymentIntent as Stripe saw it when the event happened. */
  paymentIntent: PaymentIntentSnapshot | null;
  /** For refund.* events: the Refund as Stripe saw it when the event happened. */
  refund: RefundSnapshot | null;
  /** The raw `data.object`, for other event families. */
  object: Record<string, unknown>;
}

export function toStripeEventView(event: Stripe.Event): StripeEventView {
  const object = (event.data?.object ?? {}) as unknown as Record<string, unknown>;
  return {
    id: event.id,
    type: event.type,
    created: event.created,
    account: event.account ?? null,
    livemode: event.livemode === true,
    paymentIntent: object.object === 'payment_intent' ? toSnapshot(object as unknown as Stripe.PaymentIntent) : null,
    refund: object.object === 'refund' ? toRefundSnapshot(object as unknown as Stripe.Refund) : null,
    object,
  };
}
