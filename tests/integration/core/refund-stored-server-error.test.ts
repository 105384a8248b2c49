// A refund whose create Stripe answered with a 500 it stored for the key: every retry with that key
// gets the same 500, so the refund must not wait for a different answer. Stripe is asked whether a
// refund exists for our id; with none, the refund fails plainly and a new refund can be made.
import { describe, expect, it } from 'vitest';
import type { PosCore } from '../../../electron/core/pos-core-types';
import type { Refund, SaleDetail } from '../../../shared/manager-types';
import type { Sale } from '../../../shared/sale';
import { call, signedInContext, stripeFor, useTestCores } from '../../support/core-harness';

const core = useTestCores();

async function paidSale(pos: PosCore, amount: number): Promise<Sale> {
  const sale = await call<Sale>(pos, 'sales.charge', { amount });
  return call<Sale>(pos, 'demo.simulate', { saleId: sale.id, outcome: 'succeed' });
}

async function failNextWith500(pos: PosCore): Promise<void> {
  const response = await fetch(`${pos.simulatorUrl}/_sim/faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: 1, kind: 'http500' }),
  });
  if (!response.ok) throw new Error(`faults answered ${response.status}`);
}

describe('a refund Stripe answered with a stored 500', () => {
  it('ends failed with a clear reason (nothing was refunded at Stripe), and a new refund goes through', async () => {
    const pos = await core();
    const sale = await paidSale(pos, 9_000);
    await failNextWith500(pos);
    const result = await pos.dispatch('refunds.create', { saleId: sale.id, amount: 3_000, email: 'c@example.com' }, await signedInContext(pos));
    expect(result).toMatchObject({ ok: false, error: { code: 'stripe_error', message: expect.stringMatching(/nothing was refunded/i) } });

    // Its checks (every 50 ms here) have nothing left to do: it stays failed, and Stripe holds no refund.
    await pos.settled!();
    const detail = await call<SaleDetail>(pos, 'sales.detail', { saleId: sale.id });
    expect(detail.refunds).toHaveLength(1);
    expect(detail.refunds[0]).toMatchObject({ status: 'failed', failureReason: 'stripe_server_error', stripeRefundId: null });
    expect(detail.refundable).toBe(9_000);
    expect((await stripeFor(pos).refunds.list({ payment_intent: sale.paymentIntentId! })).data).toHaveLength(0);

    // The manager tries again: a new refund, a new key, one refund at Stripe.
    const again = await call<Refund>(pos, 'refunds.create', { saleId: sale.id, amount: 3_000, email: 'c@example.com' });
    expect(again.id).not.toBe(detail.refunds[0].id);
    expect(again).toMatchObject({ status: 'requires_action' });
    const atStripe = (await stripeFor(pos).refunds.list({ payment_intent: sale.paymentIntentId! })).data;
    expect(atStripe.map((refund) => refund.metadata?.refund_id)).toEqual([again.id]);
  });
});
