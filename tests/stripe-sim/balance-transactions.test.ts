/**
 * Balance transactions: Stripe's fee and net for each paid PromptPay charge and each succeeded
 * refund, read with the official SDK and checked against Stripe's own schemas.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { startStripeSim, type StripeSim } from '../../stripe-sim/index';
import { expectStripeShape, promptPayParams, rawRequest, sdkFor, startTestSim, type TestSim } from './sim-fixture';

let t: TestSim | null = null;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await t?.sim.close();
  t = null;
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const DAY = 24 * 60 * 60;
/** 2026-12-02 10:15:00 UTC, so `available_on` (a UTC midnight) differs from `created`. */
const START_MS = Date.UTC(2026, 11, 2, 10, 15, 0);

function testClock(startMs = START_MS) {
  let now = startMs;
  return { now: () => now, advanceSeconds: (s: number) => (now += s * 1000) };
}

async function paidSale(sim: StripeSim, stripe: Stripe, amount = 12_550): Promise<Stripe.PaymentIntent> {
  const pi = await stripe.paymentIntents.create(promptPayParams({ amount }));
  await sim.succeed(pi.id);
  return stripe.paymentIntents.retrieve(pi.id);
}

async function outcome<T>(call: Promise<T>): Promise<'ok' | Stripe.errors.StripeError> {
  return call.then(
    () => 'ok' as const,
    (e: Stripe.errors.StripeError) => e,
  );
}

describe('a paid PromptPay charge has a balance transaction', () => {
  it('with Stripe’s fee (1.65 % by default, rounded half up), the net, and pending until available_on', async () => {
    const clock = testClock();
    t = await startTestSim({ now: clock.now });
    const { sim, stripe } = t;
    const pi = await stripe.paymentIntents.create(promptPayParams({ amount: 12_550, description: 'Sale S-0001' }));
    expect(pi.latest_charge).toBeNull();
    await sim.succeed(pi.id);

    const expanded = await stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge.balance_transaction'] });
    expectStripeShape('payment_intent', expanded);
    const charge = expanded.latest_charge as Stripe.Charge;
    expect(charge).toMatchObject({ object: 'charge', id: expect.stringMatching(/^py_/), amount: 12_550, payment_intent: pi.id });
    const txn = charge.balance_transaction as Stripe.BalanceTransaction;
    expectStripeShape('balance_transaction', txn);
    const created = Math.floor(START_MS / 1000);
    const availableOn = Date.UTC(2026, 11, 9) / 1000; // 7 days later, at the start of the UTC day
    expect(txn).toEqual({
      id: expect.stringMatching(/^txn_[A-Za-z0-9]{24}$/),
      object: 'balance_transaction',
      amount: 12_550,
      available_on: availableOn,
      balance_type: 'payments',
      created,
      currency: 'thb',
      description: 'Sale S-0001',
      exchange_rate: null,
      fee: 207, // 12,550 × 1.65 % = 207.075 → 207
      fee_details: [{ amount: 207, application: null, currency: 'thb', description: 'Stripe processing fees', type: 'stripe_fee' }],
      net: 12_343,
      reporting_category: 'charge',
      source: charge.id,
      status: 'pending',
      type: 'charge',
    });

    // Without the nested expansion the ids are plain strings, as at Stripe.
    const shallow = await stripe.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
    expect((shallow.latest_charge as Stripe.Charge).balance_transaction).toBe(txn.id);
    expect((await stripe.paymentIntents.retrieve(pi.id)).latest_charge).toBe(charge.id);

    // The sim clock decides pending → available.
    clock.advanceSeconds(availableOn - created - 1);
    expect((await stripe.balanceTransactions.retrieve(txn.id)).status).toBe('pending');
    clock.advanceSeconds(1);
    const available = await stripe.balanceTransactions.retrieve(txn.id);
    expect(available.status).toBe('available');
    expectStripeShape('balance_transaction', available);
  });

  it('GET /v1/charges/:id, with expand[]=balance_transaction', async () => {
    t = await startTestSim();
    const pi = await paidSale(t.sim, t.stripe, 10_000);
    const charge = await t.stripe.charges.retrieve(pi.latest_charge as string, { expand: ['balance_transaction'] });
    expect(charge).toMatchObject({ id: pi.latest_charge, object: 'charge', amount: 10_000, paid: true, status: 'succeeded' });
    expect(charge.balance_transaction).toMatchObject({ object: 'balance_transaction', amount: 10_000, fee: 165, net: 9_835 });
    expect(typeof (await t.stripe.charges.retrieve(charge.id)).balance_transaction).toBe('string');

    const missing = await outcome(t.stripe.charges.retrieve('py_doesnotexist'));
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect((missing as Stripe.errors.StripeError).statusCode).toBe(404);
    const badExpand = await rawRequest(t.sim, 'GET', `/v1/charges/${charge.id}?expand[]=customer`);
    expect(badExpand.status).toBe(400);
    expectStripeShape('error', badExpand.json);
  });

  it('unpaid, failed and canceled PaymentIntents have no charge and no balance transaction', async () => {
    t = await startTestSim();
    const { sim, stripe } = t;
    const failed = await stripe.paymentIntents.create(promptPayParams());
    await sim.fail(failed.id);
    const canceled = await stripe.paymentIntents.create(promptPayParams());
    await stripe.paymentIntents.cancel(canceled.id);
    await stripe.paymentIntents.create(promptPayParams());
    const list = await stripe.balanceTransactions.list();
    expect(list.data).toEqual([]);
    expect((await stripe.paymentIntents.retrieve(failed.id, { expand: ['latest_charge'] })).latest_charge).toBeNull();
  });
});

describe('GET /v1/balance_transactions', () => {
  it('lists newest first with type, source and created filters and cursor pages the SDK can follow', async () => {
    const clock = testClock();
    t = await startTestSim({ now: clock.now });
    const { sim, stripe } = t;
    const sales: Stripe.PaymentIntent[] = [];
    for (const amount of [10_000, 20_000, 30_000]) {
      sales.push(await paidSale(sim, stripe, amount));
      clock.advanceSeconds(60);
    }
    const refund = await stripe.refunds.create({ payment_intent: sales[0].id, amount: 4_000 });
    await sim.refunds.succeed(refund.id);

    const all = await stripe.balanceTransactions.list();
    expectStripeShape('balance_transaction_list', all);
    expect(all.data.map((b) => [b.type, b.amount])).toEqual([
      ['refund', -4_000],
      ['charge', 30_000],
      ['charge', 20_000],
      ['charge', 10_000],
    ]);
    expect((await stripe.balanceTransactions.list({ type: 'charge' })).data).toHaveLength(3);
    expect((await stripe.balanceTransactions.list({ source: sales[1].latest_charge as string })).data.map((b) => b.amount)).toEqual([20_000]);
    const created = Math.floor(START_MS / 1000);
    const window = await stripe.balanceTransactions.list({ created: { gte: created + 60, lt: created + 120 } });
    expect(window.data.map((b) => b.amount)).toEqual([20_000]);

    const firstPage = await stripe.balanceTransactions.list({ limit: 2 });
    expect([firstPage.data.length, firstPage.has_more]).toEqual([2, true]);
    const secondPage = await stripe.balanceTransactions.list({ limit: 2, starting_after: firstPage.data[1].id });
    expect([secondPage.data.map((b) => b.amount), secondPage.has_more]).toEqual([[20_000, 10_000], false]);
    const back = await stripe.balanceTransactions.list({ limit: 2, ending_before: secondPage.data[0].id });
    expect(back.data.map((b) => b.id)).toEqual(firstPage.data.map((b) => b.id));
    const everything: string[] = [];
    for await (const txn of stripe.balanceTransactions.list({ limit: 1 })) everything.push(txn.id);
    expect(everything).toEqual(all.data.map((b) => b.id));

    const withSources = await stripe.balanceTransactions.list({ expand: ['data.source'] });
    expect(withSources.data.map((b) => (b.source as { object: string }).object)).toEqual(['refund', 'charge', 'charge', 'charge']);
  });

  it('refuses bad parameters with Stripe’s errors', async () => {
    t = await startTestSim();
    const cases: [string, number, string][] = [
      ['limit=0', 400, 'limit'],
      ['limit=101', 400, 'limit'],
      ['colour=red', 400, 'colour'],
      ['created[between]=1', 400, 'created[between]'],
      ['starting_after=txn_nope', 404, 'starting_after'],
      ['payout=po_123', 404, 'payout'],
      ['expand[]=source', 400, 'expand'],
    ];
    for (const [query, status, param] of cases) {
      const res = await rawRequest(t.sim, 'GET', `/v1/balance_transactions?${query}`);
      expect([query, res.status]).toEqual([query, status]);
      expectStripeShape('error', res.json);
      expect((res.json as { error: { param?: string } }).error.param).toBe(param);
    }
    const missing = await outcome(t.stripe.balanceTransactions.retrieve('txn_doesnotexist'));
    expect((missing as Stripe.errors.StripeError).statusCode).toBe(404);
  });
});

describe('refunds have a balance transaction once they succeed', () => {
  it('type refund, the negative amount, no fee; the charge keeps its fee', async () => {
    const clock = testClock();
    t = await startTestSim({ now: clock.now });
    const { sim, stripe } = t;
    const pi = await paidSale(sim, stripe, 50_000);
    const refund = await stripe.refunds.create({ payment_intent: pi.id, amount: 12_345 });
    expect(refund.balance_transaction).toBeNull(); // still waiting on the customer's bank details
    expect((await stripe.balanceTransactions.list({ type: 'refund' })).data).toEqual([]);

    await sim.refunds.submitBankDetails(refund.id);
    clock.advanceSeconds(3 * DAY);
    await sim.refunds.succeed(refund.id);
    const done = await stripe.refunds.retrieve(refund.id, { expand: ['balance_transaction', 'charge.balance_transaction'] });
    expectStripeShape('refund', done);
    const txn = done.balance_transaction as Stripe.BalanceTransaction;
    expectStripeShape('balance_transaction', txn);
    const now = Math.floor(clock.now() / 1000);
    expect(txn).toMatchObject({
      object: 'balance_transaction',
      amount: -12_345,
      fee: 0,
      fee_details: [],
      net: -12_345,
      currency: 'thb',
      type: 'refund',
      reporting_category: 'refund',
      source: refund.id,
      created: now,
      available_on: now,
      status: 'available',
    });
    const chargeTxn = (done.charge as Stripe.Charge).balance_transaction as Stripe.BalanceTransaction;
    expect([chargeTxn.amount, chargeTxn.fee, chargeTxn.net]).toEqual([50_000, 825, 49_175]);

    const updated = (await stripe.events.list({ type: 'refund.updated', limit: 1 })).data[0];
    expect((updated.data.object as Stripe.Refund).balance_transaction).toBe(txn.id);
    expect(updated.data.previous_attributes).toEqual({ status: 'pending', balance_transaction: null });
  });

  it('failed and canceled refunds move no money', async () => {
    t = await startTestSim();
    const { sim, stripe } = t;
    const pi = await paidSale(sim, stripe, 50_000);
    const failed = await stripe.refunds.create({ payment_intent: pi.id, amount: 1_000 });
    await sim.refunds.fail(failed.id);
    const canceled = await stripe.refunds.create({ payment_intent: pi.id, amount: 2_000 });
    await stripe.refunds.cancel(canceled.id);
    expect((await stripe.balanceTransactions.list({ type: 'refund' })).data).toEqual([]);
    expect((await stripe.refunds.retrieve(failed.id)).balance_transaction).toBeNull();
  });
});

describe('the fee schedule', () => {
  it('comes from the fees option; sim.fees.set and POST /_sim/fees change it for new charges only', async () => {
    t = await startTestSim({ fees: { percentBasisPoints: 290, fixedSatang: 1_000 } });
    const { sim, stripe } = t;
    const feeOf = async (pi: Stripe.PaymentIntent) => (await stripe.charges.retrieve(pi.latest_charge as string, { expand: ['balance_transaction'] })).balance_transaction as Stripe.BalanceTransaction;

    const first = await paidSale(sim, stripe, 10_050); // 10,050 × 2.9 % = 291.45 → 291, + ฿10
    expect((await feeOf(first)).fee).toBe(1_291);
    expect(await rawRequest(sim, 'GET', '/_sim/fees', { apiKey: null })).toMatchObject({
      status: 200,
      json: { percent_basis_points: 290, fixed_satang: 1_000, percent: '2.90' },
    });

    const set = await rawRequest(sim, 'POST', '/_sim/fees', { apiKey: null, json: { fixed_satang: 0 } }); // one knob; the other stays
    expect(set.json).toEqual({ percent_basis_points: 290, fixed_satang: 0, percent: '2.90' });
    const second = await paidSale(sim, stripe, 10_050);
    expect((await feeOf(second)).fee).toBe(291);

    expect(sim.fees.set({ percentBasisPoints: 0, fixedSatang: 0 })).toEqual({ percentBasisPoints: 0, fixedSatang: 0 });
    const free = await feeOf(await paidSale(sim, stripe, 10_050));
    expect([free.fee, free.fee_details, free.net]).toEqual([0, [], 10_050]);
    expectStripeShape('balance_transaction', free);
    // Earlier transactions keep the fee they were charged.
    expect((await feeOf(first)).fee).toBe(1_291);
  });

  it('refuses a bad fee schedule with a clear error and changes nothing', async () => {
    t = await startTestSim();
    const { sim } = t;
    for (const body of [{ percent_basis_points: 1.5 }, { percent_basis_points: -1 }, { percent_basis_points: 10_001 }, { fixed_satang: '10' }, { percent: 1.65 }, [1]]) {
      const res = await rawRequest(sim, 'POST', '/_sim/fees', { apiKey: null, json: body });
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      expectStripeShape('error', res.json);
    }
    expect(sim.fees.get()).toEqual({ percentBasisPoints: 165, fixedSatang: 0 });
    expect(() => sim.fees.set({ percentBasisPoints: 165.5, fixedSatang: 0 })).toThrow(/percentBasisPoints/);
    await expect(startStripeSim({ port: 0, fees: { percentBasisPoints: 165, fixedSatang: -1 } })).rejects.toThrow(/fees\.fixedSatang/);
    await expect(startStripeSim({ port: 0, settlementDelayDays: -1 })).rejects.toThrow(/settlementDelayDays/);
    expect(sim.fees.get()).toEqual({ percentBasisPoints: 165, fixedSatang: 0 });
  });

  it('is saved with the state: fees and balance transactions survive a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stripe-sim-fees-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const stateFile = join(dir, 'state.json');
    const first = await startStripeSim({ port: 0, stateFile });
    await rawRequest(first, 'POST', '/_sim/fees', { apiKey: null, json: { percent_basis_points: 200, fixed_satang: 50 } });
    const pi = await paidSale(first, sdkFor(first), 10_000);
    await first.close();

    const second = await startStripeSim({ port: 0, stateFile });
    try {
      expect(second.fees.get()).toEqual({ percentBasisPoints: 200, fixedSatang: 50 });
      const list = await sdkFor(second).balanceTransactions.list();
      expect(list.data.map((b) => [b.source, b.fee])).toEqual([[pi.latest_charge, 250]]);
    } finally {
      await second.close();
    }
    // An explicit option at start wins over the saved schedule.
    const third = await startStripeSim({ port: 0, stateFile, fees: { percentBasisPoints: 100, fixedSatang: 0 } });
    try {
      expect(third.fees.get()).toEqual({ percentBasisPoints: 100, fixedSatang: 0 });
    } finally {
      await third.close();
    }
  });
});

describe('restricted keys need the balance and charges permissions', () => {
  it('answers 403 naming rak_balance_read / rak_charge_read, also for expansions', async () => {
    t = await startTestSim({ account: { id: 'acct_1TestShopTH' } });
    const { sim, stripe } = t;
    const pi = await paidSale(sim, stripe);
    const chargeId = pi.latest_charge as string;
    const txnId = (await stripe.charges.retrieve(chargeId)).balance_transaction as string;
    const keyWith = (permissions: Parameters<StripeSim['restrictedKeys']['add']>[0]['permissions']) => sdkFor(sim, sim.restrictedKeys.add({ permissions }).key);

    const tillOnly = keyWith({ payment_intents: 'write', refunds: 'write', events: 'read' });
    const chargesOnly = keyWith({ payment_intents: 'read', charges: 'read' });
    const reports = keyWith({ payment_intents: 'read', charges: 'read', balance: 'read' });
    const denied: [Promise<unknown>, string][] = [
      [tillOnly.balanceTransactions.list(), 'rak_balance_read'],
      [tillOnly.balanceTransactions.retrieve(txnId), 'rak_balance_read'],
      [tillOnly.charges.retrieve(chargeId), 'rak_charge_read'],
      [tillOnly.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] }), 'rak_charge_read'],
      [chargesOnly.paymentIntents.retrieve(pi.id, { expand: ['latest_charge.balance_transaction'] }), 'rak_balance_read'],
      [chargesOnly.charges.retrieve(chargeId, { expand: ['balance_transaction'] }), 'rak_balance_read'],
    ];
    for (const [call, permission] of denied) {
      const error = await outcome(call);
      expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
      expect((error as Stripe.errors.StripeError).statusCode).toBe(403);
      expect((error as Stripe.errors.StripeError).message).toContain(`Having the '${permission}' permission would allow this request to continue.`);
    }
    expect(await outcome(tillOnly.paymentIntents.retrieve(pi.id))).toBe('ok');
    expect(await outcome(chargesOnly.charges.retrieve(chargeId))).toBe('ok');
    expect(await outcome(reports.balanceTransactions.list())).toBe('ok');
    const expanded = await reports.paymentIntents.retrieve(pi.id, { expand: ['latest_charge.balance_transaction'] });
    expect(((expanded.latest_charge as Stripe.Charge).balance_transaction as Stripe.BalanceTransaction).fee).toBe(207);
    // A bad key still gets 401 first.
    const raw = await rawRequest(sim, 'GET', '/v1/balance_transactions', { apiKey: 'rk_test_neverregistered00' });
    expect(raw.status).toBe(401);
  });
});
