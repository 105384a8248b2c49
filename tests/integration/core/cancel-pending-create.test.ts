// Regression: when a cancel was requested while the create was in flight and Stripe's cancel then failed, the 'requires_action' answer was applied anyway: the
// sale became awaiting_payment with its QR, published to the customer display. The QR of a sale someone
// gave up on must never be stored or shown; the cancel is retried until Stripe confirms it.
import path from 'node:path';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCoreConfig } from '../../../electron/core/config/core-config';
import type { PosCore } from '../../../electron/core/pos-core-types';
import { startCore } from '../../../electron/core/start-core';
import type { PosEvent } from '../../../shared/pos-contract';
import type { Sale } from '../../../shared/sale';
import { startStripeSim, type StripeSim } from '../../../stripe-sim';
import { fastPolling, tempDataDir, waitForSale } from '../../support/core-harness';
import { startStripeProxy, type StripeProxy } from '../../support/stripe-proxy';

const SECRET = 'sk_test_cancel_pending';

interface Rig {
  pos: PosCore;
  proxy: StripeProxy;
  sim: StripeSim;
  /** Every sale.updated the screens were sent. */
  published: Sale[];
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const started of rigs.splice(0)) {
    await started.pos.close();
    await started.proxy.close();
    await started.sim.close();
  }
});

/** The real core against stripe-sim, through a proxy that can refuse chosen requests. */
async function rig(): Promise<Rig> {
  const dataDir = tempDataDir();
  const sim = await startStripeSim({ port: 0, stateFile: path.join(dataDir, 'stripe-sim-state.json') });
  const proxy = await startStripeProxy(sim.url);
  const config = loadCoreConfig({}, { dataDir, stripeSecretKey: SECRET, stripeApiBase: proxy.url });
  const pos = await startCore(config, { pollSchedule: fastPolling, log: () => undefined });
  const published: Sale[] = [];
  pos.subscribe((event: PosEvent) => {
    if (event.type === 'sale.updated') published.push(event.data);
  });
  const made = { pos, proxy, sim, published };
  rigs.push(made);
  return made;
}

/** Refuses the first `count` requests matching `test`, lets every other one through. */
function refuseFirst(proxy: StripeProxy, count: number, test: (request: { method: string; path: string }) => boolean): void {
  let left = count;
  proxy.refuse = (request) => {
    if (!test(request) || left === 0) return false;
    left -= 1;
    return true;
  };
}

const isCancel = (request: { method: string; path: string }) => request.method === 'POST' && /^\/v1\/payment_intents\/pi_[^/]+\/cancel$/.test(request.path);

function stripeFor(sim: StripeSim): Stripe {
  const url = new URL(sim.url);
  return new Stripe(SECRET, { host: url.hostname, port: Number(url.port), protocol: 'http' });
}

function expectQrNeverShown(published: Sale[], saleId: string): void {
  const mine = published.filter((sale) => sale.id === saleId);
  expect(mine.length).toBeGreaterThan(0);
  expect(mine.filter((sale) => sale.status === 'awaiting_payment' || sale.qrData !== null)).toEqual([]);
}

describe('a cancel that Stripe does not confirm at once', () => {
  it('keeps the QR of a sale canceled during its create off every screen, and cancels it on a later try', async () => {
    const { pos, proxy, sim, published } = await rig();
    refuseFirst(proxy, 1, isCancel);
    // The cashier gives up while the create is still on its way to Stripe.
    let canceling: Promise<Sale> | null = null;
    const stop = pos.subscribe((event: PosEvent) => {
      if (event.type === 'sale.updated' && event.data.status === 'created' && !canceling) canceling = pos.payments.cancel(event.data.id);
    });
    const charged = await pos.payments.charge({ amount: 2_500, source: 'till' });
    stop();
    await canceling;
    expect(charged).toMatchObject({ status: 'created', qrData: null, paymentIntentId: null });
    expect(pos.payments.find(charged.id)).toMatchObject({ status: 'created', qrData: null });

    const canceled = await waitForSale(pos, charged.id, (sale) => sale.status === 'canceled', 15_000);
    expect(canceled.qrData).toBeNull();
    expectQrNeverShown(published, charged.id);
    // One PaymentIntent: the retry asked again with the same Idempotency-Key, then canceled it.
    const creates = proxy.seen.filter((request) => request.method === 'POST' && request.path === '/v1/payment_intents');
    expect(new Set(creates.map((request) => request.idempotencyKey))).toEqual(new Set([charged.id]));
    const created = await stripeFor(sim).events.list({ type: 'payment_intent.created', limit: 10 });
    expect(created.data).toHaveLength(1);
    expect((await stripeFor(sim).paymentIntents.retrieve(canceled.paymentIntentId!)).status).toBe('canceled');
    // What the customer display asks for shows no QR either.
    const current = await pos.dispatch('sales.current', {}, { transport: 'http' });
    expect(current).toMatchObject({ ok: true, value: { id: charged.id, status: 'canceled', qrData: null } });
  });
});
