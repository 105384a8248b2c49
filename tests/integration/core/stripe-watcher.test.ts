// One watcher for the whole till: however many sales await payment, each tick is one read of Stripe's
// event log; only the PaymentIntents it names are read back. Driven by a clock the test moves, so no
// test waits for real time. Stripe's 429s slow the watcher down and never show the till as offline.
import { afterEach, describe, expect, it } from 'vitest';
import { loadCoreConfig } from '../../../electron/core/config/core-config';
import type { PosCore } from '../../../electron/core/pos-core-types';
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

async function till(clock: ManualClock, rateLimit = 0): Promise<{ core: PosCore; sim: StripeSim }> {
  const sim = await startStripeSim({ port: 0, rateLimit });
  const config = loadCoreConfig({}, { dataDir: tempDataDir(), stripeSecretKey: 'sk_test_watcher', stripeApiBase: sim.url });
  const core = await startCore(config, { log: () => undefined, clock });
  await signedInContext(core);
  started.push({ core, sim });
  return { core, sim };
}

function requests(sim: StripeSim, route: string): number {
  return sim.stats().requests[route] ?? 0;
}

describe('the till’s one Stripe watcher', () => {
  it('reads the event log once a second however many sales are open, and reads back only the one that was paid', async () => {
    const clock = new ManualClock();
    const { core, sim } = await till(clock);
    const sales = [];
    for (let i = 0; i < 40; i += 1) sales.push(await core.payments.charge({ amount: 1_000 + i, source: 'till' }));
    sim.resetStats();

    await clock.advance(10_000, () => core.settled!());
    expect(requests(sim, 'GET /v1/events')).toBeGreaterThanOrEqual(9);
    expect(requests(sim, 'GET /v1/events')).toBeLessThanOrEqual(11);
    expect(requests(sim, 'GET /v1/payment_intents/:intent')).toBe(0);

    await sim.succeed(sales[7].paymentIntentId!);
    await clock.advance(1_000, () => core.settled!());
    expect(core.payments.find(sales[7].id)).toMatchObject({ status: 'succeeded' });
    expect(requests(sim, 'GET /v1/payment_intents/:intent')).toBe(1);
    expect(sales.filter((sale) => core.payments.find(sale.id)?.status === 'awaiting_payment')).toHaveLength(39);
  });

  it('stops reading when nothing is open, and expires each sale at its own QR timeout', async () => {
    const clock = new ManualClock();
    const { core, sim } = await till(clock);
    const sale = await core.payments.charge({ amount: 5_000, source: 'till' });
    await clock.advance(600_000, () => core.settled!());
    expect(core.payments.find(sale.id)).toMatchObject({ status: 'expired', failureCode: 'qr_timeout' });
    // After the late-payment watch (an hour), nothing is open: the watcher goes quiet.
    await clock.advance(3_610_000, () => core.settled!());
    sim.resetStats();
    await clock.advance(600_000, () => core.settled!());
    expect(sim.stats().total).toBe(0);
  });

  it('backs off on Stripe’s 429s and never shows the till as offline because of them', async () => {
    const clock = new ManualClock();
    const { core, sim } = await till(clock);
    const sale = await core.payments.charge({ amount: 5_000, source: 'till' });
    sim.rateLimit.set(1);
    const states = new Set<string>();
    core.subscribe((event) => {
      if (event.type === 'payments.path') states.add(event.data.stripe);
    });
    sim.resetStats();
    // Burn the account's budget from elsewhere (another till on the same account), then tick.
    for (let i = 0; i < 5; i += 1) await fetch(`${sim.url}/v1/events`, { headers: { authorization: 'Bearer sk_test_other_till' } });
    await clock.advance(30_000, () => core.settled!());
    expect(sim.stats().throttled).toBeGreaterThan(0);
    expect(core.paymentPath().stripe).toBe('reachable');
    expect(states.has('unreachable')).toBe(false);
    // Backing off: far fewer than one read a second over 30 s.
    expect(requests(sim, 'GET /v1/events')).toBeLessThan(20);
    sim.rateLimit.set(0);
    await sim.succeed(sale.paymentIntentId!);
    await clock.advance(70_000, () => core.settled!());
    expect(core.payments.find(sale.id)).toMatchObject({ status: 'succeeded' });
  });

  it('keeps a charge that met a 429, says Stripe is busy (not offline), and finishes it with the same key', async () => {
    const clock = new ManualClock();
    const { core, sim } = await till(clock);
    sim.rateLimit.set(1);
    for (let i = 0; i < 5; i += 1) await fetch(`${sim.url}/v1/events`, { headers: { authorization: 'Bearer sk_test_other_till' } });
    const refused = await core.payments.charge({ amount: 4_000, source: 'api', requestId: 'req-rate-limited' }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'stripe_unreachable', message: expect.stringContaining('busy') });
    expect(sim.stats().throttled).toBeGreaterThan(0);
    expect(core.paymentPath().stripe).toBe('reachable');
    sim.rateLimit.set(0);
    await clock.advance(5_000, () => core.settled!());
    const sale = await core.payments.charge({ amount: 4_000, source: 'api', requestId: 'req-rate-limited' });
    expect(sale).toMatchObject({ status: 'awaiting_payment' });
    expect(sale.qrData).not.toBeNull();
  });
});
