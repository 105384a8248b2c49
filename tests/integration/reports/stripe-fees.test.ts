// Stripe's fee for each paid PromptPay sale comes with the read-back that confirms the payment
// (`expand: latest_charge.balance_transaction`): no extra request per sale, since every till shares
// the account's rate limit. A restricted key that may not read charges or balance transactions still
// confirms payments; their fees are then unknown. Real core, real ledger, stripe-sim, a manual clock.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCoreConfig } from '../../../electron/core/config/core-config';
import type { PosCore } from '../../../electron/core/pos-core-types';
import { businessDateOf } from '../../../electron/core/reports/business-day';
import { startCore } from '../../../electron/core/start-core';
import { startStripeSim, type StripeSim } from '../../../stripe-sim';
import { ManualClock, signedInContext, tempDataDir } from '../../support/core-harness';

const started: { core: PosCore; sim: StripeSim }[] = [];
afterEach(async () => {
  for (const { core, sim } of started.splice(0)) {
    await core.close();
    await sim.close();
  }
});

async function till(clock: ManualClock, key: string, options: Parameters<typeof startStripeSim>[0] = {}): Promise<{ core: PosCore; sim: StripeSim }> {
  const sim = await startStripeSim({ port: 0, ...options });
  const config = loadCoreConfig({}, { dataDir: tempDataDir(), stripeSecretKey: key, stripeApiBase: sim.url });
  const core = await startCore(config, { log: () => undefined, clock });
  await signedInContext(core);
  started.push({ core, sim });
  return { core, sim };
}

/** The ledger's stripe_fee column, read as another process would. */
function feesInLedger(core: PosCore, saleIds: string[]): (number | null)[] {
  const db = new Database(path.join(core.config.dataDir, 'ledger.sqlite3'), { readonly: true });
  try {
    const fee = db.prepare('SELECT stripe_fee AS fee FROM sales WHERE id = ?');
    return saleIds.map((id) => (fee.get(id) as { fee: number | null }).fee);
  } finally {
    db.close();
  }
}

const today = (core: PosCore, clock: ManualClock) => businessDateOf(clock.now(), core.manager.settings().timeZone);
const requests = (sim: StripeSim, route: string) => sim.stats().requests[route] ?? 0;

describe('Stripe’s fee on a paid PromptPay sale', () => {
  it('is read with the PaymentIntent that confirms the payment: one read per paid sale, none of charges or balance transactions', async () => {
    const clock = new ManualClock();
    const { core, sim } = await till(clock, 'sk_test_fees', { fees: { percentBasisPoints: 165, fixedSatang: 300 } });
    const sales = [];
    for (const amount of [12_550, 5_000, 99_999]) sales.push(await core.payments.charge({ amount, source: 'till' }));
    sim.resetStats();
    for (const sale of sales) await sim.succeed(sale.paymentIntentId!);
    await clock.advance(2_000, () => core.settled!());

    expect(sales.map((sale) => core.payments.find(sale.id)?.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(requests(sim, 'GET /v1/payment_intents/:intent')).toBe(3);
    expect(requests(sim, 'GET /v1/charges/:charge')).toBe(0);
    expect(requests(sim, 'GET /v1/balance_transactions/:id')).toBe(0);
    expect(requests(sim, 'GET /v1/balance_transactions')).toBe(0);
    // 1.65 % rounded half up, plus ฿3.00: exactly what Stripe's balance transactions say.
    expect(feesInLedger(core, sales.map((sale) => sale.id))).toEqual([207 + 300, 83 + 300, 1_650 + 300]);
    // And the day's report: fees, and what Stripe pays out after them.
    const report = core.manager.dailyReport(today(core, clock));
    expect(report).toMatchObject({ stripeFees: 2_840, stripeFeesUnknown: 0, stripeNetPayout: 117_549 - 2_840 });
    expect(report.tenders.promptpay).toEqual({ count: 3, gross: 117_549, refunded: 0, net: 117_549 });
  });

  it('leaves an unpaid sale without a fee', async () => {
    const clock = new ManualClock();
    const { core, sim } = await till(clock, 'sk_test_fees');
    const sale = await core.payments.charge({ amount: 5_000, source: 'till' });
    await sim.fail(sale.paymentIntentId!);
    await clock.advance(2_000, () => core.settled!());
    expect(core.payments.find(sale.id)?.status).toBe('failed');
    expect(feesInLedger(core, [sale.id])).toEqual([null]);
  });

  it('confirms payments for a key that may not read balance transactions, asking for the fee only once', async () => {
    const key = 'rk_test_noBalanceRead0001';
    const clock = new ManualClock();
    const { core, sim } = await till(clock, key, {
      restrictedKeys: [{ key, permissions: { payment_intents: 'write', events: 'read', refunds: 'write', charges: 'read' } }],
    });
    const first = await core.payments.charge({ amount: 12_550, source: 'till' });
    const second = await core.payments.charge({ amount: 7_000, source: 'till' });
    sim.resetStats();

    await sim.succeed(first.paymentIntentId!);
    await clock.advance(1_000, () => core.settled!());
    expect(core.payments.find(first.id)?.status).toBe('succeeded');
    // The expanded read was refused (403), the plain one answered.
    expect(requests(sim, 'GET /v1/payment_intents/:intent')).toBe(2);

    await sim.succeed(second.paymentIntentId!);
    await clock.advance(1_000, () => core.settled!());
    expect(core.payments.find(second.id)?.status).toBe('succeeded');
    // The till no longer asks for what this key may not read.
    expect(requests(sim, 'GET /v1/payment_intents/:intent')).toBe(3);
    expect(feesInLedger(core, [first.id, second.id])).toEqual([null, null]);
    expect(core.manager.dailyReport(today(core, clock))).toMatchObject({ stripeFees: 0, stripeFeesUnknown: 2, stripeNetPayout: 19_550 });
  });
});
