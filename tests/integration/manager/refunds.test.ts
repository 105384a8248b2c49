// Refunds through the real core, the official SDK and stripe-sim's PromptPay refund flow.
import { describe, expect, it } from 'vitest';
import type { PosCore } from '../../../electron/core/pos-core-types';
import { businessDateOf } from '../../../electron/core/reports/business-day';
import type { DailyReport, Refund, SaleDetail } from '../../../shared/manager-types';
import type { PosEvent } from '../../../shared/pos-contract';
import type { Sale } from '../../../shared/sale';
import { call, signedInContext, stripeFor, useTestCores, waitForRefund } from '../../support/core-harness';

const core = useTestCores();

async function paidSale(pos: PosCore, amount: number): Promise<Sale> {
  const sale = await call<Sale>(pos, 'sales.charge', { amount, description: 'ข้าวผัด' });
  return call<Sale>(pos, 'demo.simulate', { saleId: sale.id, outcome: 'succeed' });
}

async function simRefund(pos: PosCore, stripeRefundId: string, action: 'bank_details_submitted' | 'succeed' | 'fail'): Promise<void> {
  const response = await fetch(`${pos.simulatorUrl}/_sim/refunds/${stripeRefundId}/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (!response.ok) throw new Error(`sim ${action} answered ${response.status}: ${await response.text()}`);
}

describe('refunds', () => {
  it("refunds part of a paid sale to the customer's email and follows Stripe to succeeded", async () => {
    const pos = await core();
    const sale = await paidSale(pos, 12_345);
    const refund = await call<Refund>(pos, 'refunds.create', { saleId: sale.id, amount: 2_345, email: 'customer@example.com', reason: 'requested_by_customer' });
    expect(refund).toMatchObject({ saleId: sale.id, amount: 2_345, status: 'requires_action', email: 'customer@example.com', requestedBy: 'Owner Somchai' });
    expect(refund.id).toMatch(/^rfd_/);
    const atStripe = await stripeFor(pos).refunds.retrieve(refund.stripeRefundId!);
    expect(atStripe).toMatchObject({ amount: 2_345, payment_intent: sale.paymentIntentId, instructions_email: 'customer@example.com', metadata: { refund_id: refund.id, sale_id: sale.id, shop_id: 'shop-1', till_id: 'till-1' } });

    const pending = waitForRefund(pos, refund.id, 'pending');
    await simRefund(pos, refund.stripeRefundId!, 'bank_details_submitted');
    await pending;
    const succeeded = waitForRefund(pos, refund.id, 'succeeded');
    await simRefund(pos, refund.stripeRefundId!, 'succeed');
    expect((await succeeded).status).toBe('succeeded');

    const detail = await call<SaleDetail>(pos, 'sales.detail', { saleId: sale.id });
    expect(detail.refundable).toBe(10_000);
    expect(detail.refunds.map((r) => r.status)).toEqual(['succeeded']);
    const kinds = detail.timeline.map((entry) => `${entry.source}:${entry.kind}`);
    expect(kinds).toEqual(expect.arrayContaining(['Owner Somchai:sale.created', 'Owner Somchai:refund.requested', 'create:refund.requires_action', 'poll:refund.pending', 'poll:refund.succeeded']));
  });

  it('uses the same Idempotency-Key as our refund id, so Stripe never refunds twice', async () => {
    const pos = await core();
    const sale = await paidSale(pos, 5_000);
    const refund = await call<Refund>(pos, 'refunds.create', { saleId: sale.id, amount: 5_000, email: 'c@example.com' });
    // The till's exact request: its refunds also carry its shop and till (the test core's defaults).
    const metadata = { refund_id: refund.id, sale_id: sale.id, shop_id: 'shop-1', till_id: 'till-1' };
    const replay = await stripeFor(pos).refunds.create({ payment_intent: sale.paymentIntentId!, amount: 5_000, metadata, instructions_email: 'c@example.com' }, { idempotencyKey: refund.id });
    expect(replay.id).toBe(refund.stripeRefundId);
    expect((await stripeFor(pos).refunds.list({ payment_intent: sale.paymentIntentId! })).data).toHaveLength(1);
  });

  it('refuses more than what is left with its own code (refund_exceeds_remaining) and a clear message, changing nothing', async () => {
    const pos = await core();
    const sale = await paidSale(pos, 10_000);
    await call<Refund>(pos, 'refunds.create', { saleId: sale.id, amount: 6_000, email: 'c@example.com' });
    const result = await pos.dispatch('refunds.create', { saleId: sale.id, amount: 4_001, email: 'c@example.com' }, await signedInContext(pos));
    expect(result).toMatchObject({ ok: false, error: { code: 'refund_exceeds_remaining', field: 'amount', message: 'At most ฿40.00 can still be refunded on this sale (asked ฿40.01). Nothing was refunded.' } });
    const detail = await call<SaleDetail>(pos, 'sales.detail', { saleId: sale.id });
    expect(detail.refunds).toHaveLength(1);
    expect(detail.refundable).toBe(4_000);
    expect((await stripeFor(pos).refunds.list({ payment_intent: sale.paymentIntentId! })).data).toHaveLength(1);
  });

  it('refuses to refund a sale that was not paid, with its own code (sale_not_refundable)', async () => {
    const pos = await core();
    const sale = await call<Sale>(pos, 'sales.charge', { amount: 3_000 });
    await call(pos, 'sales.cancel', { saleId: sale.id });
    const result = await pos.dispatch('refunds.create', { saleId: sale.id, amount: 1_000 }, await signedInContext(pos));
    expect(result).toMatchObject({ ok: false, error: { code: 'sale_not_refundable', field: 'saleId', message: 'Only a paid sale can be refunded; this sale is canceled. Nothing was refunded.' } });
    expect((await call<SaleDetail>(pos, 'sales.detail', { saleId: sale.id })).refunds).toEqual([]);
  });

  it('gives the amount back to refundable when Stripe fails the refund', async () => {
    const pos = await core();
    const sale = await paidSale(pos, 8_000);
    const refund = await call<Refund>(pos, 'refunds.create', { saleId: sale.id, amount: 8_000, email: 'c@example.com' });
    expect((await call<SaleDetail>(pos, 'sales.detail', { saleId: sale.id })).refundable).toBe(0);
    const failed = waitForRefund(pos, refund.id, 'failed');
    await simRefund(pos, refund.stripeRefundId!, 'fail');
    expect((await failed).failureReason).toBe('declined');
    expect((await call<SaleDetail>(pos, 'sales.detail', { saleId: sale.id })).refundable).toBe(8_000);
    expect((await call<Refund>(pos, 'refunds.get', { refundId: refund.id })).status).toBe('failed');
  });

  it('a push claiming a succeeded refund failed changes nothing while Stripe still says succeeded', async () => {
    // Push is a hint: the refund is read back from Stripe before it moves. (Stripe can move a refund
    // succeeded → failed when the bank returns it; stripe-sim cannot yet, so that reversal is not
    // driven end to end here.)
    const pos = await core();
    const sale = await paidSale(pos, 8_000);
    const refund = await call<Refund>(pos, 'refunds.create', { saleId: sale.id, amount: 8_000, email: 'c@example.com' });
    const succeeded = waitForRefund(pos, refund.id, 'succeeded');
    await simRefund(pos, refund.stripeRefundId!, 'succeed');
    await succeeded;
    const seen: string[] = [];
    const stop = pos.subscribe((event: PosEvent) => (event.type === 'refund.updated' ? void seen.push(event.data.status) : undefined));
    const atStripe = await stripeFor(pos).refunds.retrieve(refund.stripeRefundId!);
    const news = { id: atStripe.id, amount: atStripe.amount, paymentIntentId: sale.paymentIntentId, localRefundId: refund.id, created: atStripe.created };
    pos.manager.observeStripeRefund({ ...news, status: 'failed', failureReason: 'lost_or_stolen_card' }, 'webhook');
    // A second sale's refund, confirmed by Stripe, goes through meanwhile: the read-backs ran.
    const other = await paidSale(pos, 1_000);
    const otherRefund = await call<Refund>(pos, 'refunds.create', { saleId: other.id, amount: 1_000, email: 'c@example.com' });
    const otherDone = waitForRefund(pos, otherRefund.id, 'succeeded');
    await simRefund(pos, otherRefund.stripeRefundId!, 'succeed');
    pos.manager.observeStripeRefund({ id: otherRefund.stripeRefundId!, amount: 1_000, paymentIntentId: other.paymentIntentId, localRefundId: otherRefund.id, created: 1, status: 'succeeded', failureReason: null }, 'webhook');
    await otherDone;
    stop();
    expect(seen).not.toContain('failed');
    expect((await call<Refund>(pos, 'refunds.get', { refundId: refund.id })).status).toBe('succeeded');
    expect((await call<SaleDetail>(pos, 'sales.detail', { saleId: sale.id })).refundable).toBe(0);
    const date = businessDateOf(sale.createdAt, 'Asia/Bangkok');
    expect(await call<DailyReport>(pos, 'reports.daily', { date })).toMatchObject({ refunded: { count: 2, amount: 9_000 } });
  });

  it('a forged push never makes a refund succeed that Stripe has not; Stripe\'s own progress still shows', async () => {
    const pos = await core();
    const sale = await paidSale(pos, 4_000);
    const refund = await call<Refund>(pos, 'refunds.create', { saleId: sale.id, amount: 4_000, email: 'c@example.com' });
    const seen: string[] = [];
    const stop = pos.subscribe((event: PosEvent) => (event.type === 'refund.updated' && event.data.id === refund.id ? void seen.push(event.data.status) : undefined));
    const base = { id: refund.stripeRefundId!, amount: 4_000, paymentIntentId: sale.paymentIntentId, failureReason: null, localRefundId: refund.id, created: 1 };
    pos.manager.observeStripeRefund({ ...base, status: 'succeeded' }, 'webhook');
    const pending = waitForRefund(pos, refund.id, 'pending');
    await simRefund(pos, refund.stripeRefundId!, 'bank_details_submitted');
    await pending;
    stop();
    expect(seen).not.toContain('succeeded');
    expect((await call<Refund>(pos, 'refunds.get', { refundId: refund.id })).status).toBe('pending');
  });
});

describe('sale history', () => {
  it('finds sales by amount, description, order reference and PaymentIntent id, newest first, in pages', async () => {
    const pos = await core();
    const first = await call<Sale>(pos, 'sales.charge', { amount: 12_050, description: 'ข้าวมันไก่', orderRef: 'T-17' });
    const second = await call<Sale>(pos, 'sales.charge', { amount: 5_000, description: 'Iced tea' });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(Date.now());
    const search = (query?: string, extra = {}) => call<{ sales: Sale[]; nextCursor: string | null }>(pos, 'sales.search', { from: today, to: today, ...(query ? { query } : {}), ...extra });
    expect((await search('120.50')).sales.map((s) => s.id)).toEqual([first.id]);
    expect((await search('50')).sales.map((s) => s.id)).toEqual([second.id]);
    expect((await search('มันไก่')).sales.map((s) => s.id)).toEqual([first.id]);
    expect((await search('T-17')).sales.map((s) => s.id)).toEqual([first.id]);
    expect((await search(second.paymentIntentId!)).sales.map((s) => s.id)).toEqual([second.id]);
    const page1 = await search(undefined, { limit: 1 });
    expect(page1.sales.map((s) => s.id)).toEqual([second.id]);
    const page2 = await search(undefined, { limit: 1, cursor: page1.nextCursor });
    expect(page2).toEqual({ sales: [expect.objectContaining({ id: first.id })], nextCursor: null, mode: 'demo', account: null });
    expect((await search(undefined, { status: 'succeeded' })).sales).toEqual([]);
  });
});
