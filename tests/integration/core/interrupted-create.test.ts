// Idempotent means the same outcome: a charge whose create Stripe never answered (a dropped link, a
// crash) is finished with the same Idempotency-Key, not canceled, so the caller who retries with its
// key gets the sale it asked for, alive with its QR. A cashier who gives up on it first still never
// sees its QR, and the PaymentIntent is canceled at Stripe.
import { describe, expect, it } from 'vitest';
import type { PosCore } from '../../../electron/core/pos-core-types';
import type { PosEvent } from '../../../shared/pos-contract';
import type { Sale } from '../../../shared/sale';
import { call, paymentIntentsCreated, signedInContext, stripeFor, useTestCores, waitForSale } from '../../support/core-harness';

const core = useTestCores();

async function failNext(pos: PosCore, count: number, kind: 'drop_connection'): Promise<void> {
  const response = await fetch(`${pos.simulatorUrl}/_sim/faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count, kind }),
  });
  if (!response.ok) throw new Error(`faults answered ${response.status}`);
}

function published(pos: PosCore): Sale[] {
  const seen: Sale[] = [];
  pos.subscribe((event: PosEvent) => {
    if (event.type === 'sale.updated') seen.push(event.data);
  });
  return seen;
}

describe('a create Stripe never answered', () => {
  it('is finished in the background with the same key and then awaits payment like any sale', async () => {
    const pos = await core();
    await failNext(pos, 3, 'drop_connection');
    const result = await pos.dispatch('sales.charge', { amount: 2_222, requestId: 'req-background' }, await signedInContext(pos));
    expect(result).toMatchObject({ ok: false, error: { code: 'stripe_unreachable' } });
    const [saved] = await call<Sale[]>(pos, 'sales.list', {});
    const alive = await waitForSale(pos, saved.id, (sale) => sale.status === 'awaiting_payment');
    expect(alive.qrData).not.toBeNull();
    // The caller's retry now simply gets it.
    expect(await call(pos, 'sales.charge', { amount: 2_222, requestId: 'req-background' })).toMatchObject({ id: saved.id, status: 'awaiting_payment', qrData: alive.qrData });
    expect(await paymentIntentsCreated(pos)).toBe(1);
  });

  it('never shows its QR once the cashier canceled it, even while Stripe’s cancel fails, and cancels it at Stripe', async () => {
    const pos = await core();
    const seen = published(pos);
    await failNext(pos, 3, 'drop_connection');
    await expect(pos.payments.charge({ amount: 3_100, source: 'api' })).rejects.toMatchObject({ code: 'stripe_unreachable' });
    const saleId = seen[0].id;
    // The cashier gives up before the background finish: the create is asked again at once (same key),
    // and the first cancel at Stripe is dropped too.
    const canceled = waitForSale(pos, saleId, (sale) => sale.status === 'canceled', 20_000);
    expect(await pos.payments.cancel(saleId)).toMatchObject({ status: 'created', qrData: null });
    await failNext(pos, 3, 'drop_connection');
    const ended = await canceled;
    expect(ended.qrData).toBeNull();
    expect(seen.filter((sale) => sale.id === saleId && (sale.status === 'awaiting_payment' || sale.qrData !== null))).toEqual([]);
    expect(await paymentIntentsCreated(pos)).toBe(1);
    expect((await stripeFor(pos).paymentIntents.retrieve(ended.paymentIntentId!)).status).toBe('canceled');
  });
});
