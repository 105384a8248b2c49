// Issue 8's acceptance day, end to end through the real core, the official SDK, stripe-sim and the
// real HTTP server: a PromptPay sale through Stripe, a cash sale with change, a hand-confirmed PromptPay
// sale while Stripe is unreachable, a cash refund and a PromptPay refund. The daily report, the Z report
// and the JSON report agree by tender, and the drawer's expected cash is float + cash sales + pay-ins −
// pay-outs − cash refunds. A refund after the Z leaves the Z as it was.
// (Property tests of the drawer across shifts, start hours and zones: tests/integration/shifts/.)
import { afterEach, describe, expect, it } from 'vitest';
import Stripe from 'stripe';
import { loadCoreConfig } from '../../../electron/core/config/core-config';
import { startHttpServer, type RunningHttpServer } from '../../../electron/core/http/http-server';
import type { PosCore } from '../../../electron/core/pos-core-types';
import { businessDateOf } from '../../../electron/core/reports/business-day';
import { startCore } from '../../../electron/core/start-core';
import type { DailyReport, Refund, Shift, ZReport } from '../../../shared/manager-types';
import type { Sale } from '../../../shared/sale';
import { startStripeSim, type StripeSim } from '../../../stripe-sim';
import { call, fastPolling, signedInContext, tempDataDir, waitForRefund, waitForSale } from '../../support/core-harness';
import { startStripeProxy, type StripeProxy } from '../../support/stripe-proxy';

const SECRET = 'sk_test_one_day_by_tender';
const API_TOKEN = 'one-day-report-token-7f3a9c2e51';
const ZONE = 'Asia/Bangkok';
/** A bar's business day: from 04:00 to 04:00. */
const DAY_START_HOUR = 4;

interface Rig {
  pos: PosCore;
  sim: StripeSim;
  proxy: StripeProxy;
  server: RunningHttpServer;
  stripe: Stripe;
}
const rigs: Rig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) {
    await rig.server.close();
    await rig.pos.close();
    await rig.proxy.close();
    await rig.sim.close();
  }
});

async function startRig(): Promise<Rig> {
  const dataDir = tempDataDir();
  const sim = await startStripeSim({ port: 0, stateFile: `${dataDir}/stripe-sim-state.json` });
  const proxy = await startStripeProxy(sim.url);
  const config = loadCoreConfig({}, { dataDir, httpPort: 0, simPort: null, stripeSecretKey: SECRET, stripeApiBase: proxy.url });
  const pos = await startCore(config, { pollSchedule: fastPolling, refundPollDelayMs: () => 50, log: () => undefined });
  const server = await startHttpServer(pos, { host: '127.0.0.1', port: 0, apiToken: API_TOKEN, rateLimit: false });
  const url = new URL(sim.url);
  const stripe = new Stripe(SECRET, { host: url.hostname, port: Number(url.port), protocol: 'http' });
  const rig = { pos, sim, proxy, server, stripe };
  rigs.push(rig);
  await signedInContext(pos);
  return rig;
}

async function simPost(rig: Rig, path: string): Promise<void> {
  const response = await fetch(`${rig.sim.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (!response.ok) throw new Error(`sim ${path} answered ${response.status}: ${await response.text()}`);
}

describe('one day at the till, by tender', () => {
  it('daily, Z and JSON reports agree by tender, and the drawer adds up', async () => {
    const rig = await startRig();
    const { pos } = rig;
    await call(pos, 'settings.update', { promptPayId: '081-234-5678', dayStartHour: DAY_START_HOUR });
    const today = businessDateOf(Date.now(), ZONE, DAY_START_HOUR);

    await call<Shift>(pos, 'shifts.open', { float: 100_000 });

    // 1. PromptPay through Stripe, ฿250: only Stripe says it is paid.
    const promptpay = await call<Sale>(pos, 'sales.charge', { amount: 25_000, description: 'ข้าวมันไก่ x5' });
    const paid = waitForSale(pos, promptpay.id, (sale) => sale.status === 'succeeded');
    await simPost(rig, `/_sim/payment_intents/${promptpay.paymentIntentId}/succeed`);
    expect((await paid).tender).toBe('promptpay');

    // 2. Cash ฿85, the customer hands over ฿100: change ฿15.
    const cash = await call<Sale>(pos, 'sales.cash', { amount: 8_500, tendered: 10_000 });
    expect(cash).toMatchObject({ status: 'succeeded', tender: 'cash', cashTendered: 10_000 });

    // 3. Stripe unreachable: the shop's own PromptPay QR, confirmed by the cashier from the bank's notification.
    rig.proxy.unreachable = true;
    const seenBefore = rig.proxy.seen.length;
    const manual = await call<Sale>(pos, 'sales.manualQr', { amount: 4_500 });
    expect(manual).toMatchObject({ status: 'awaiting_payment', tender: 'promptpay_manual' });
    expect(manual.qrData).toMatch(/^000201/);
    expect(manual.qrData).toContain('0066812345678');
    const confirmed = await call<Sale>(pos, 'sales.confirmManual', { saleId: manual.id });
    expect(confirmed).toMatchObject({ status: 'succeeded', tender: 'promptpay_manual' });
    // Nothing about the hand-confirmed sale went to Stripe (the proxy cuts every connection anyway).
    expect(rig.proxy.seen.slice(seenBefore).filter((request) => request.method === 'POST')).toEqual([]);
    rig.proxy.unreachable = false;

    // The drawer: a pay-in and a pay-out with their reasons.
    await call<Shift>(pos, 'shifts.cashMovement', { kind: 'pay_in', amount: 500, reason: 'coins from the bank' });
    await call<Shift>(pos, 'shifts.cashMovement', { kind: 'pay_out', amount: 2_000, reason: 'ice' });

    // 4. A cash refund of ฿30 out of the drawer.
    const cashRefund = await call<Refund>(pos, 'refunds.create', { saleId: cash.id, amount: 3_000 });
    expect(cashRefund).toMatchObject({ status: 'succeeded', tender: 'cash', stripeRefundId: null });

    // 5. A PromptPay refund of ฿50 through Stripe (the customer gives bank details, Stripe pays it out).
    const refund = await call<Refund>(pos, 'refunds.create', { saleId: promptpay.id, amount: 5_000, email: 'customer@example.com' });
    const pending = waitForRefund(pos, refund.id, 'pending');
    await simPost(rig, `/_sim/refunds/${refund.stripeRefundId}/bank_details_submitted`);
    await pending;
    const refunded = waitForRefund(pos, refund.id, 'succeeded');
    await simPost(rig, `/_sim/refunds/${refund.stripeRefundId}/succeed`);
    await refunded;

    // The drawer: float 1,000 + cash sales 85 + pay-ins 5 − pay-outs 20 − cash refunds 30 = 1,040.
    const open = await call<Shift | null>(pos, 'shifts.current', {});
    expect(open?.cash).toMatchObject({ float: 100_000, cashSales: { count: 1, amount: 8_500 }, payIns: 500, payOuts: 2_000, cashRefunds: { count: 1, amount: 3_000 }, expected: 104_000 });
    const closed = await call<Shift>(pos, 'shifts.close', { countedCash: 103_900 });
    expect(closed).toMatchObject({ countedCash: 103_900, overShort: -100 });

    const z = await call<ZReport>(pos, 'zreports.create', { date: today });
    const daily = await call<DailyReport>(pos, 'reports.daily', { date: today });
    const response = await fetch(`${rig.server.url}/reports/daily?date=${today}&format=json`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
    expect(response.status).toBe(200);
    const json = (await response.json()) as DailyReport;

    // Stripe's own fee for the PromptPay sale, from its balance transaction.
    const atStripe = await rig.stripe.paymentIntents.retrieve(promptpay.paymentIntentId!, { expand: ['latest_charge.balance_transaction'] });
    const fee = ((atStripe.latest_charge as Stripe.Charge).balance_transaction as Stripe.BalanceTransaction).fee;
    expect(fee).toBeGreaterThan(0);

    const tenders = {
      promptpay: { count: 1, gross: 25_000, refunded: 5_000, net: 20_000 },
      cash: { count: 1, gross: 8_500, refunded: 3_000, net: 5_500 },
      promptpay_manual: { count: 1, gross: 4_500, refunded: 0, net: 4_500 },
    };
    for (const report of [daily, z, json]) {
      expect(report.tenders).toEqual(tenders);
      expect(report).toMatchObject({
        paid: { count: 3, amount: 38_000 },
        refunded: { count: 2, amount: 8_000 },
        net: 30_000,
        refundsPaidOut: { count: 2, amount: 8_000 },
        refundsWaiting: { count: 0, amount: 0 },
        stripeFees: fee,
        stripeFeesUnknown: 0,
        stripeNetPayout: 20_000 - fee,
      });
    }
    expect(z).toMatchObject({ number: 1, date: today, dayStartHour: DAY_START_HOUR, countedCash: 103_900, overShort: -100 });
    expect(z.cash).toEqual(closed.cash);
    expect(z.shifts.map((shift) => shift.id)).toEqual([closed.id]);

    // The day is closed: no new shift on it. A later refund (the shop pays back part of the hand-confirmed
    // sale) shows in the day's report; the Z never changes.
    await expect(call<Shift>(pos, 'shifts.open', { float: 50_000 })).rejects.toThrow(/Z report 1/);
    await call<Refund>(pos, 'refunds.create', { saleId: manual.id, amount: 1_000 });
    expect(await call<ZReport>(pos, 'zreports.get', { id: z.id })).toEqual(z);
    const after = await call<DailyReport>(pos, 'reports.daily', { date: today });
    expect(after.tenders.promptpay_manual).toEqual({ count: 1, gross: 4_500, refunded: 1_000, net: 3_500 });
  });
});
