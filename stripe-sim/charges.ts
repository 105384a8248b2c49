import { expandPaths, type BalanceTransactionService } from './balance-transactions';
import type { FormObject } from './form-body';
import { assertKnownParams } from './params';
import type { SimStore } from './sim-state';
import { invalidRequest, stripeErrors } from './stripe-errors';
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

/** GET /v1/charges/:id and the Charge inside expansions (`latest_charge`, a refund's `charge`). */
export class ChargeService {
  constructor(
    private readonly store: SimStore,
    private readonly balance: BalanceTransactionService,
  ) {}

  /** The customer paid: the Charge and its balance transaction (Stripe's fee, net). The caller commits. */
  recordPayment(intent: PaymentIntent, paidAt: number): Charge | null {
    const charge = ensureCharge(this.store, intent, paidAt);
    if (charge && charge.balance_transaction === null) charge.balance_transaction = this.balance.recordCharge(charge).id;
    return charge;
  }

  retrieve(id: string, query: FormObject = {}): Record<string, unknown> {
    assertKnownParams(query, ['expand']);
    const stored = this.store.data.charges[id];
    // Charges of state files older than stored charges are rebuilt from their PaymentIntent.
    const owner = stored ? null : Object.values(this.store.data.paymentIntents).find((pi) => pi.latest_charge === id);
    const charge = stored ?? (owner ? ensureCharge(this.store, owner, owner.created) : null);
    if (!charge) throw stripeErrors.resourceMissing('charge', id, 'charge');
    return this.render(charge, expandPaths(query.expand));
  }

  /** A response copy; `balance_transaction` is the one expansion (paths relative to the charge). */
  render(charge: Charge, paths: string[]): Record<string, unknown> {
    const copy = structuredClone(charge) as unknown as Record<string, unknown>;
    for (const path of paths) {
      if (path !== 'balance_transaction')
        throw invalidRequest(undefined, `stripe-sim cannot expand ${path} on a charge; only balance_transaction can be expanded.`, 'expand');
      const transaction = charge.balance_transaction ? this.balance.get(charge.balance_transaction) : null;
      if (transaction) copy.balance_transaction = this.balance.render(transaction);
    }
    return copy;
  }
}
