// New QR: after a QR expires or fails, Stripe keeps the PaymentIntent alive and it can be confirmed
// again. The sale gets a new QR on the same PaymentIntent (same sale, amount and note), and the one
// transition function still only moves forward: a new attempt is an explicit step, and news from an
// earlier attempt never moves the new one.
import { describe, expect, it } from 'vitest';
import type { Sale } from '../../../shared/sale';
import { call, paymentIntentsCreated, signedInContext, simControl, stripeFor, useTestCores, waitForSale } from '../../support/core-harness';

const core = useTestCores();

describe('sales.renew', () => {
  it('gives an expired sale a new QR on the same PaymentIntent, which the customer can then pay', async () => {
    const pos = await core();
    const sale = await call(pos, 'sales.charge', { amount: 4_500, description: 'Som tam' });
    const expired = waitForSale(pos, sale.id, (s) => s.status === 'expired');
    await simControl(pos, sale.paymentIntentId!, 'expire');
    await expired;

    expect(sale.qrAttempt).toBe(1);
    const published: Sale[] = [];
    pos.subscribe((event) => {
      if (event.type === 'sale.updated' && event.data.id === sale.id) published.push(event.data);
    });
    const renewed = await call(pos, 'sales.renew', { saleId: sale.id });
    expect(renewed).toMatchObject({ id: sale.id, status: 'awaiting_payment', amount: 4_500, description: 'Som tam', paymentIntentId: sale.paymentIntentId, failureCode: null });
    // Screens tell the new QR from a stale update by its attempt.
    expect(renewed.qrAttempt).toBe(2);
    expect(published.at(-1)).toMatchObject({ status: 'awaiting_payment', qrAttempt: 2 });
    expect(await call<Sale>(pos, 'sales.get', { saleId: sale.id })).toMatchObject({ qrAttempt: 2 });
    expect(renewed.qrData).not.toBeNull();
    expect(renewed.qrData).not.toBe(sale.qrData);
    expect(renewed.qrExpiresAt!).toBeGreaterThan(sale.qrExpiresAt!);
    expect(await paymentIntentsCreated(pos)).toBe(1);

    const paid = waitForSale(pos, sale.id, (s) => s.status === 'succeeded');
    await simControl(pos, sale.paymentIntentId!, 'succeed');
    expect(await paid).toMatchObject({ flagged: false });
    const detail = await call<{ timeline: { kind: string; applied: boolean }[] }>(pos, 'sales.detail', { saleId: sale.id });
    expect(detail.timeline.filter((entry) => entry.applied).map((entry) => entry.kind)).toContain('sale.qr_renewed');
  });

  it('is idempotent per attempt: renewing an awaiting sale changes nothing and makes no Stripe call', async () => {
    const pos = await core();
    const sale = await call(pos, 'sales.charge', { amount: 2_000 });
    expect(await call(pos, 'sales.renew', { saleId: sale.id })).toMatchObject({ status: 'awaiting_payment', qrData: sale.qrData });
  });

  it('refuses, with a clear error and no change, a paid sale, a canceled sale and an unknown sale', async () => {
    const pos = await core();
    const context = await signedInContext(pos);
    const canceled = await call(pos, 'sales.charge', { amount: 2_000 });
    await call(pos, 'sales.cancel', { saleId: canceled.id });
    expect(await pos.dispatch('sales.renew', { saleId: canceled.id }, context)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const paid = await call(pos, 'sales.charge', { amount: 3_000 });
    const done = waitForSale(pos, paid.id, (s) => s.status === 'succeeded');
    await simControl(pos, paid.paymentIntentId!, 'succeed');
    await done;
    expect(await pos.dispatch('sales.renew', { saleId: paid.id }, context)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await pos.dispatch('sales.renew', { saleId: 'sale_0mx5xv9mrdRqY0ViMB3SBAz5t' }, context)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call<Sale>(pos, 'sales.get', { saleId: canceled.id })).toMatchObject({ status: 'canceled' });
  });

  it('never lets the event log’s news about the earlier attempt expire the new QR', async () => {
    const pos = await core();
    const sale = await call(pos, 'sales.charge', { amount: 6_000 });
    const expired = waitForSale(pos, sale.id, (s) => s.status === 'expired');
    await simControl(pos, sale.paymentIntentId!, 'expire');
    await expired;
    expect((await stripeFor(pos).paymentIntents.retrieve(sale.paymentIntentId!)).status).toBe('requires_payment_method');
    await call(pos, 'sales.renew', { saleId: sale.id });
    // The event log still holds attempt 1's payment_failed: the watcher reads it again (overlap) and
    // the read-back shows the new attempt; the sale stays awaiting.
    await pos.settled?.();
    expect(await call<Sale>(pos, 'sales.get', { saleId: sale.id })).toMatchObject({ status: 'awaiting_payment' });
  });
});
