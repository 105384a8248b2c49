// What the crash harness found, replayed deterministically: a till that stops (a crash = closing the
// core before its work finished, then a second core on the same ledger file) must still end every
// sale as Stripe says. A dedupe record alone never stands in for Stripe's answer, and a caller's retry
// never gets a sale without its QR.
import path from 'node:path';
import Database from 'better-sqlite3';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCoreConfig, type CoreConfig } from '../../../electron/core/config/core-config';
import type { PosCore } from '../../../electron/core/pos-core-types';
import { startCore } from '../../../electron/core/start-core';
import { startStripeSim, type StripeSim } from '../../../stripe-sim';
import { ManualClock, tempDataDir } from '../../support/core-harness';

const WEBHOOK_SECRET = 'whsec_test_crash';
/** Only what the test drives moves a sale: the watcher's own reads wait an hour. */
const NO_POLLING = { nextDelayMs: () => 3_600_000 };

const running: PosCore[] = [];
const sims: StripeSim[] = [];
afterEach(async () => {
  for (const core of running.splice(0)) await core.close();
  for (const sim of sims.splice(0)) await sim.close();
});

async function stripeSim(): Promise<StripeSim> {
  const sim = await startStripeSim({ port: 0 });
  sims.push(sim);
  return sim;
}

/** A till on `dataDir` against `sim`, on a clock the test moves. */
async function till(sim: StripeSim, dataDir: string, clock = new ManualClock()): Promise<{ core: PosCore; clock: ManualClock; config: CoreConfig }> {
  const config = loadCoreConfig({}, { dataDir, httpPort: 0, simPort: null, stripeSecretKey: 'sk_test_crash', stripeApiBase: sim.url, stripeWebhookSecrets: [WEBHOOK_SECRET] });
  const core = await startCore(config, { log: () => undefined, clock, pollSchedule: NO_POLLING });
  running.push(core);
  return { core, clock, config };
}

/** A crash: the core stops; whatever it had not finished is lost. */
async function crash(core: PosCore): Promise<void> {
  running.splice(running.indexOf(core), 1);
  await core.close();
}

/** Stripe's own event (as its event log and its webhook carry it), signed with the endpoint's secret. */
async function stripeEvent(sim: StripeSim, type: string, paymentIntentId: string): Promise<{ id: string; body: string; signature: string }> {
  const response = await fetch(`${sim.url}/v1/events?type=${type}&limit=100`, { headers: { authorization: 'Bearer sk_test_inspector' } });
  const list = (await response.json()) as { data: { id: string; data: { object: { id: string } } }[] };
  const event = list.data.find((candidate) => candidate.data.object.id === paymentIntentId)!;
  const body = JSON.stringify(event);
  return { id: event.id, body, signature: Stripe.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET }) };
}

describe('a paid sale after a crash', () => {
  it('is not "seen" while the read its push started has not changed the sale: a redelivery is applied', async () => {
    const sim = await stripeSim();
    const { core } = await till(sim, tempDataDir());
    const sale = await core.payments.charge({ amount: 4_321, source: 'till' });
    await sim.succeed(sale.paymentIntentId!);
    const event = await stripeEvent(sim, 'payment_intent.succeeded', sale.paymentIntentId!);

    // The read-back the push starts never gets an answer (the SDK's two retries too).
    sim.faults.failNext(3, 'drop_connection');
    expect(core.webhooks.receive(event.body, event.signature, 'webhook')).toMatchObject({ ok: true });
    await core.settled!();
    expect(core.payments.find(sale.id)).toMatchObject({ status: 'awaiting_payment' });

    // Stripe (or the relay) delivers it again: it was never applied, so it is no duplicate.
    core.webhooks.receive(event.body, event.signature, 'relay');
    await core.settled!();
    expect(core.payments.find(sale.id)).toMatchObject({ status: 'succeeded' });
  });

  it('is read back from Stripe at restart when the crash came between receiving the event and changing the sale', async () => {
    const sim = await stripeSim();
    const dataDir = tempDataDir();
    const first = await till(sim, dataDir);
    const sale = await first.core.payments.charge({ amount: 5_432, source: 'till' });
    await sim.succeed(sale.paymentIntentId!);
    const event = await stripeEvent(sim, 'payment_intent.succeeded', sale.paymentIntentId!);
    sim.faults.failNext(3, 'drop_connection');
    first.core.webhooks.receive(event.body, event.signature, 'webhook');
    await first.core.settled!();
    await crash(first.core);

    const second = await till(sim, dataDir);
    expect(second.core.payments.find(sale.id)).toMatchObject({ status: 'succeeded', flagged: false });
  });

  it('is found at restart even when the ledger already records its event as applied (a dedupe record is not Stripe’s answer)', async () => {
    const sim = await stripeSim();
    const dataDir = tempDataDir();
    const first = await till(sim, dataDir);
    const sale = await first.core.payments.charge({ amount: 6_543, source: 'till' });
    await crash(first.core);
    await sim.succeed(sale.paymentIntentId!);
    const event = await stripeEvent(sim, 'payment_intent.succeeded', sale.paymentIntentId!);
    // As an earlier version wrote it: the event marked applied, the sale never changed.
    const ledger = new Database(path.join(dataDir, 'ledger.sqlite3'));
    ledger.prepare("INSERT INTO stripe_events (id, type, created, received_at, via, outcome) VALUES (?, 'payment_intent.succeeded', ?, ?, 'webhook', 'applied')")
      .run(event.id, Math.floor(Date.now() / 1000), Date.now());
    ledger.close();

    const second = await till(sim, dataDir);
    expect(second.core.payments.find(sale.id)).toMatchObject({ status: 'succeeded' });
  });

  it('that our QR timeout had expired (its PaymentIntent still alive) is read back at restart, paid and flagged', async () => {
    const sim = await stripeSim();
    const dataDir = tempDataDir();
    const first = await till(sim, dataDir);
    const sale = await first.core.payments.charge({ amount: 7_654, source: 'till' });
    await first.clock.advance(601_000, () => first.core.settled!());
    expect(first.core.payments.find(sale.id)).toMatchObject({ status: 'expired', failureCode: 'qr_timeout' });
    // The customer scanned just before the timeout and pays now; the till saw the event, then died.
    await sim.succeed(sale.paymentIntentId!);
    const event = await stripeEvent(sim, 'payment_intent.succeeded', sale.paymentIntentId!);
    await crash(first.core);
    const ledger = new Database(path.join(dataDir, 'ledger.sqlite3'));
    ledger.prepare("INSERT INTO stripe_events (id, type, created, received_at, via, outcome) VALUES (?, 'payment_intent.succeeded', ?, ?, 'relay', 'applied')")
      .run(event.id, Math.floor(Date.now() / 1000), Date.now());
    ledger.close();

    const second = await till(sim, dataDir, new ManualClock(first.clock.now()));
    expect(second.core.payments.find(sale.id)).toMatchObject({ status: 'succeeded', flagged: true, flagReason: 'paid_after_expired' });
  });
});

describe('a caller retrying after a crash mid-create', () => {
  it('gets a retryable stripe_unreachable while the restart’s own create is still unanswered, never a sale without a QR', async () => {
    const sim = await stripeSim();
    const dataDir = tempDataDir();
    const first = await till(sim, dataDir);
    const request = { amount: 8_765, source: 'api' as const, requestId: 'req-after-crash' };
    sim.faults.failNext(3, 'drop_connection');
    await expect(first.core.payments.charge(request)).rejects.toMatchObject({ code: 'stripe_unreachable' });
    await crash(first.core);

    const second = await till(sim, dataDir);
    // The restart finishes the create in the background; Stripe does not answer it either.
    sim.faults.failNext(3, 'drop_connection');
    await second.clock.advance(0);
    await expect(second.core.payments.charge(request)).rejects.toMatchObject({ code: 'stripe_unreachable' });
    await second.core.settled!();

    // Once Stripe answers, the same retry gets its sale alive with its QR; one PaymentIntent in all.
    const sale = await second.core.payments.charge(request);
    expect(sale).toMatchObject({ status: 'awaiting_payment', amount: 8_765 });
    expect(sale.qrData).not.toBeNull();
    expect(sim.stats().requests['POST /v1/payment_intents'] ?? 0).toBeGreaterThanOrEqual(2);
    const created = await fetch(`${sim.url}/v1/events?type=payment_intent.created&limit=100`, { headers: { authorization: 'Bearer sk_test_inspector' } });
    expect(((await created.json()) as { data: unknown[] }).data).toHaveLength(1);
  });
});
