import type { SimStore } from './sim-state';
import type { Charge, PaymentIntent } from './stripe-objects';

/**
 * The Charge behind a succeeded PaymentIntent (its `latest_charge`). Created when the customer
 * pays; rebuilt on demand for PaymentIntents saved before charges were stored. No charge.*
 * events are emitted for it except charge.refunded.
 */
export function ensureCharge(store: SimStore, intent: PaymentIntent, createdAt: number): Charge | null {
  if (intent.status !== 'succeeded' || !intent.latest_charge) return null;
  const existing = store.data.charges[intent.latest_charge];
  if (existing) return existing;
  const paymentMethod = intent.payment_method ? store.data.paymentMethods[intent.payment_method] : undefined;
  const charge: Charge = {
    id: intent.latest_charge,
    object: 'charge',
    amount: intent.amount_received,
    amount_captured: intent.amount_received,
    amount_refunded: 0,
    balance_transaction: null,
    billing_details: paymentMethod ? structuredClone(paymentMethod.billing_details) : null,
    captured: true,
    created: createdAt,
    currency: intent.currency,
    description: intent.description,
    disputed: false,
    livemode: false,
    metadata: { ...intent.metadata },
    paid: true,
    payment_intent: intent.id,
    payment_method: intent.payment_method,
    payment_method_details: { type: 'promptpay', promptpay: { reference: intent.id.slice(3, 23).toUpperCase() } },
    receipt_email: intent.receipt_email,
    refunded: false,
    status: 'succeeded',
  };
  store.data.charges[charge.id] = charge;
  return charge;
}
