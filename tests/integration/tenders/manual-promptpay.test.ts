// Hand-confirmed PromptPay through the real core: the shop's own EMVCo QR with the amount, built
// without Stripe (it works with Stripe failing or unreachable), confirmed or canceled by the cashier,
// never asked about at Stripe — not by the watcher, not by the restart's reconciliation.
import { parse } from 'promptparse';
import { anyId } from 'promptparse/validate';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCoreConfig } from '../../../electron/core/config/core-config';
import type { PosCore } from '../../../electron/core/pos-core-types';
import { startCore } from '../../../electron/core/start-core';
import type { AuditEntryView, SaleDetail } from '../../../shared/manager-types';
import type { Sale } from '../../../shared/sale';
import { startStripeSim, type StripeSim } from '../../../stripe-sim';
import { call, fastPolling, signedInContext, simControl, startTestCore, tempDataDir, useTestCores, waitForSale } from '../../support/core-harness';
import { startStripeProxy, type StripeProxy } from '../../support/stripe-proxy';
import { ledgerRow, openShift, refusal, stripeRequests } from './tender-support';

const core = useTestCores();
const SHOP_PHONE = '0812345678';

/** What a banking app reads from the QR: proxy type, the shop's ID and the amount; null if invalid. */
function readQr(payload: string) {
  const qr = parse(payload, true);
  return { crcOk: qr?.validate('63') ?? false, amountText: qr?.getTagValue('54'), pointOfInitiation: qr?.getTagValue('01'), ...anyId(payload) };
}

describe('sales.manualQr', () => {
  it('refuses until a manager sets the shop’s PromptPay ID, recording nothing', async () => {
    const pos = await core();
    const error = await refusal(pos, 'sales.manualQr', { amount: 12_345 }, await signedInContext(pos));
    expect(error).toMatchObject({ code: 'conflict', field: 'promptPayId' });
    expect(error.message).toContain('PromptPay ID');
    expect(ledgerRow<{ n: number }>(pos, 'SELECT count(*) AS n FROM sales')!.n).toBe(0);
  });

  it('shows the shop’s own QR with the exact amount and a correct checksum, with no timeout and no Stripe request', async () => {
    const pos = await core();
    await call(pos, 'settings.update', { promptPayId: SHOP_PHONE });
    await pos.settled!();
    const before = await stripeRequests(pos);
    const sale = await call(pos, 'sales.manualQr', { amount: 12_345, description: 'Noodles' });
    expect(sale).toMatchObject({ status: 'awaiting_payment', tender: 'promptpay_manual', paymentIntentId: null, qrImageUrl: null, qrExpiresAt: null, cashTendered: null });
    expect(readQr(sale.qrData!)).toEqual({ crcOk: true, amountText: '123.45', pointOfInitiation: '12', type: 'MSISDN', target: SHOP_PHONE, amount: 123.45 });
    // Under Stripe's ฿10 minimum, and with no shift open: no drawer involved.
    const small = await call(pos, 'sales.manualQr', { amount: 5 });
    expect(readQr(small.qrData!)).toMatchObject({ crcOk: true, amountText: '0.05', target: SHOP_PHONE });
    expect(ledgerRow(pos, 'SELECT tender, shift_id, status FROM sales WHERE id = ?', small.id)).toEqual({ tender: 'promptpay_manual', shift_id: null, status: 'awaiting_payment' });
    // The customer display shows it, as the current sale.
    expect(await call<Sale | null>(pos, 'sales.current', {})).toMatchObject({ id: small.id, qrData: small.qrData });
    await pos.settled!();
    expect(await stripeRequests(pos)).toEqual(before);
  });

  it('builds a QR for a 13-digit tax ID and records the open shift', async () => {
    const pos = await core();
    // Typed with dashes; stored as its 13 digits.
    await call(pos, 'settings.update', { promptPayId: '0-1055-55123-45-0' });
    const taxId = '0105555123450';
    expect(await call(pos, 'settings.get', {})).toMatchObject({ promptPayId: taxId });
    const shiftId = await openShift(pos);
    const sale = await call(pos, 'sales.manualQr', { amount: 99_999_999 });
    expect(readQr(sale.qrData!)).toMatchObject({ crcOk: true, type: 'NATID', target: taxId, amountText: '999999.99' });
    expect(ledgerRow(pos, 'SELECT shift_id FROM sales WHERE id = ?', sale.id)).toEqual({ shift_id: shiftId });
  });

  it('puts the exact amount in the QR for every satang value (no float rounding)', async () => {
    const { promptPayQrPayload } = await import('../../../electron/core/payments/promptpay-qr');
    for (let satang = 1; satang <= 100_000; satang += 37) {
      const text = `${Math.trunc(satang / 100)}.${String(satang % 100).padStart(2, '0')}`;
      expect(readQr(promptPayQrPayload(SHOP_PHONE, satang)).amountText, String(satang)).toBe(text);
    }
  });
});

describe('sales.confirmManual and sales.cancel on a hand-confirmed sale', () => {
  it('marks it paid on the cashier’s word, with who confirmed it in the ledger, the timeline and the audit log', async () => {
    const pos = await core();
    await call(pos, 'settings.update', { promptPayId: SHOP_PHONE });
    const sale = await call(pos, 'sales.manualQr', { amount: 4_200 });
    const paid = await call(pos, 'sales.confirmManual', { saleId: sale.id });
    expect(paid).toMatchObject({ id: sale.id, status: 'succeeded', tender: 'promptpay_manual', flagged: false });
    expect(ledgerRow(pos, 'SELECT confirmed_by, paid_at IS NOT NULL AS paid FROM sales WHERE id = ?', sale.id)).toEqual({ confirmed_by: 'Owner Somchai', paid: 1 });
    const detail = await call<SaleDetail>(pos, 'sales.detail', { saleId: sale.id });
    expect(detail.timeline.find((entry) => entry.kind === 'manual_confirmed')).toMatchObject({ applied: true, fromStatus: 'awaiting_payment', toStatus: 'succeeded' });
    const audit = await call<AuditEntryView[]>(pos, 'audit.list', {});
    expect(audit.find((entry) => entry.action === 'sale.manual_confirmed')).toMatchObject({ actor: 'Owner Somchai', saleId: sale.id });
    // Confirming again changes nothing; canceling a paid sale is refused.
    expect(await call(pos, 'sales.confirmManual', { saleId: sale.id })).toMatchObject({ status: 'succeeded' });
    const context = await signedInContext(pos);
    expect(await refusal(pos, 'sales.cancel', { saleId: sale.id }, context)).toMatchObject({ code: 'conflict' });
  });

  it('cancels it at once without Stripe, and then it cannot be confirmed', async () => {
    const pos = await core();
    await call(pos, 'settings.update', { promptPayId: SHOP_PHONE });
    await pos.settled!();
    const before = await stripeRequests(pos);
    const sale = await call(pos, 'sales.manualQr', { amount: 4_200 });
    expect(await call(pos, 'sales.cancel', { saleId: sale.id })).toMatchObject({ status: 'canceled' });
    const context = await signedInContext(pos);
    expect(await refusal(pos, 'sales.confirmManual', { saleId: sale.id }, context)).toMatchObject({ code: 'conflict', field: 'saleId' });
    expect(await call(pos, 'sales.get', { saleId: sale.id })).toMatchObject({ status: 'canceled' });
    await pos.settled!();
    expect(await stripeRequests(pos)).toEqual(before);
  });

  it('refuses to confirm by hand a sale through Stripe (only Stripe says it is paid) or a cash sale', async () => {
    const pos = await core();
    const context = await signedInContext(pos);
    const stripeSale = await call(pos, 'sales.charge', { amount: 12_345 });
    const refused = await refusal(pos, 'sales.confirmManual', { saleId: stripeSale.id }, context);
    expect(refused).toMatchObject({ code: 'conflict', field: 'saleId' });
    expect(await call(pos, 'sales.get', { saleId: stripeSale.id })).toMatchObject({ status: 'awaiting_payment' });
    await openShift(pos);
    const cash = await call(pos, 'sales.cash', { amount: 1_000, tendered: 1_000 });
    expect(await refusal(pos, 'sales.confirmManual', { saleId: cash.id }, context)).toMatchObject({ code: 'conflict', field: 'saleId' });
    // The Stripe sale still follows Stripe.
    const paid = waitForSale(pos, stripeSale.id, (s) => s.status === 'succeeded');
    await simControl(pos, stripeSale.paymentIntentId!, 'succeed');
    await paid;
  });

  it('keeps Stripe traffic flat however many hand sales are rung up', async () => {
    const pos = await core();
    await call(pos, 'settings.update', { promptPayId: SHOP_PHONE });
    await openShift(pos);
    await pos.settled!();
    const before = await stripeRequests(pos);
    for (let i = 0; i < 10; i++) {
      const manual = await call(pos, 'sales.manualQr', { amount: 1_000 + i });
      if (i % 3 === 0) await call(pos, 'sales.cancel', { saleId: manual.id });
      else await call(pos, 'sales.confirmManual', { saleId: manual.id });
      await call(pos, 'sales.cash', { amount: 2_000 + i, tendered: 5_000 });
    }
    // One left awaiting the cashier: the watcher has nothing at Stripe to watch for it.
    await call(pos, 'sales.manualQr', { amount: 777 });
    await pos.settled!();
    expect(await stripeRequests(pos)).toEqual(before);
  });
});

describe('with Stripe failing or unreachable', () => {
  const rigs: { pos: PosCore; proxy: StripeProxy; sim: StripeSim }[] = [];
  afterEach(async () => {
    for (const started of rigs.splice(0)) {
      await started.pos.close();
      await started.proxy.close();
      await started.sim.close();
    }
  });

  async function rig() {
    const dataDir = tempDataDir();
    const sim = await startStripeSim({ port: 0 });
    const proxy = await startStripeProxy(sim.url);
    const pos = await startCore(loadCoreConfig({}, { dataDir, stripeSecretKey: 'sk_test_hand_tenders', stripeApiBase: proxy.url }), { pollSchedule: fastPolling, log: () => undefined });
    rigs.push({ pos, proxy, sim });
    await signedInContext(pos);
    await call(pos, 'settings.update', { promptPayId: SHOP_PHONE });
    await pos.settled!();
    return { pos, proxy };
  }

  it('takes a hand-confirmed PromptPay sale and a cash sale while every Stripe request fails, making none', async () => {
    const { pos, proxy } = await rig();
    proxy.refuse = () => true;
    const seen = proxy.seen.length;
    // The Stripe path really is down.
    expect((await pos.dispatch('sales.charge', { amount: 12_345 }, await signedInContext(pos))).ok).toBe(false);
    const afterCharge = proxy.seen.length;
    expect(afterCharge).toBeGreaterThan(seen);
    const sale = await call(pos, 'sales.manualQr', { amount: 12_345 });
    expect(await call(pos, 'sales.confirmManual', { saleId: sale.id })).toMatchObject({ status: 'succeeded' });
    await openShift(pos);
    expect(await call(pos, 'sales.cash', { amount: 500, tendered: 1_000 })).toMatchObject({ status: 'succeeded' });
    await pos.settled!();
    // Only the failed charge's own retries (its sale id is their Idempotency-Key) may follow: nothing for the hand sales.
    const stripeSale = ledgerRow<{ id: string }>(pos, "SELECT id FROM sales WHERE tender = 'promptpay'")!.id;
    expect(proxy.seen.slice(seen).filter((request) => request.idempotencyKey !== stripeSale)).toEqual([]);
  });

  it('takes a hand-confirmed PromptPay sale with no connection to Stripe at all', async () => {
    const { pos, proxy } = await rig();
    proxy.unreachable = true;
    const seen = proxy.seen.length;
    const sale = await call(pos, 'sales.manualQr', { amount: 900 });
    expect(readQr(sale.qrData!)).toMatchObject({ crcOk: true, amountText: '9.00' });
    expect(await call(pos, 'sales.confirmManual', { saleId: sale.id })).toMatchObject({ status: 'succeeded' });
    expect(proxy.seen.length).toBe(seen);
  });
});

describe('after a restart', () => {
  const started: PosCore[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((pos) => pos.close()));
  });

  it('leaves a hand-confirmed sale awaiting the cashier, asks Stripe nothing about it, and still shows it to the customer', async () => {
    const dataDir = tempDataDir();
    const first = await startTestCore({ dataDir });
    await signedInContext(first);
    await call(first, 'settings.update', { promptPayId: SHOP_PHONE });
    const sale = await call(first, 'sales.manualQr', { amount: 3_300 });
    await first.close();

    const again = await startTestCore({ dataDir });
    started.push(again);
    await again.settled!();
    const requests = await stripeRequests(again);
    expect(Object.keys(requests.requests).filter((endpoint) => endpoint.includes('payment_intents'))).toEqual([]);
    await signedInContext(again);
    expect(await call(again, 'sales.get', { saleId: sale.id })).toMatchObject({ status: 'awaiting_payment', qrData: sale.qrData, paymentIntentId: null });
    expect(await call<Sale | null>(again, 'sales.current', {})).toMatchObject({ id: sale.id, status: 'awaiting_payment' });
    const detail = await call<SaleDetail>(again, 'sales.detail', { saleId: sale.id });
    const kinds = detail.timeline.map((entry) => entry.kind);
    expect(kinds).toContain('manual_qr_shown');
    expect(kinds.filter((kind) => kind.startsWith('payment_intent') || kind.startsWith('stripe') || kind === 'create_rejected')).toEqual([]);
    // The cashier can still confirm it after the restart.
    expect(await call(again, 'sales.confirmManual', { saleId: sale.id })).toMatchObject({ status: 'succeeded' });
  });
});
