import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCoreConfig } from '../../../electron/core/config/core-config';
import type { PosCore } from '../../../electron/core/pos-core-types';
import { startCore } from '../../../electron/core/start-core';
import { startStripeSim } from '../../../stripe-sim';
import { tempDataDir } from '../../support/core-harness';
import { startStripeProxy } from '../../support/stripe-proxy';
import { NO_POLLING } from './push-test-till';

const cores: PosCore[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
});

describe('catching up from Stripe’s event log', () => {
  it('applies what happened while the till was down with one event-log stream, not one request per sale', async () => {
    const dataDir = tempDataDir();
    const config = loadCoreConfig({}, { dataDir, simPort: null });
    const first = await startCore(config, { log: () => undefined, pollSchedule: NO_POLLING });
    const sales = [];
    for (const amount of [1000, 2000, 3000, 4000]) sales.push(await first.payments.charge({ amount, source: 'till' }));
    await first.close();

    // While the till is down, Stripe moves on: two paid, one expired, one still waiting.
    const stripe = await startStripeSim({ port: 0, stateFile: path.join(dataDir, 'stripe-sim-state.json') });
    await stripe.succeed(sales[0].paymentIntentId!);
    await stripe.succeed(sales[1].paymentIntentId!);
    await stripe.expire(sales[2].paymentIntentId!);
    await stripe.close();

    const second = await startCore(config, { log: () => undefined, pollSchedule: NO_POLLING });
    cores.push(second);
    expect(sales.map((sale) => second.payments.find(sale.id)?.status)).toEqual(['succeeded', 'succeeded', 'expired', 'awaiting_payment']);

    const stats = await (await fetch(`${second.simulatorUrl}/_sim/stats`)).json() as { requests: Record<string, number> };
    expect(Object.keys(stats.requests).some((route) => route.startsWith('GET /v1/events'))).toBe(true);
    // The log is read once for all sales; only the three sales it names are read back (an event is a
    // hint, the till's own read is the proof), not the one still waiting.
    expect(stats.requests['GET /v1/payment_intents/:intent']).toBe(3);
  });

  it('falls back to reading each unfinished PaymentIntent when the event log cannot be read', async () => {
    const dataDir = tempDataDir();
    const stripe = await startStripeSim({ port: 0, stateFile: path.join(dataDir, 'stripe-sim-state.json') });
    const proxy = await startStripeProxy(stripe.url);
    const config = loadCoreConfig({}, { dataDir, stripeSecretKey: 'sk_test_fallback', stripeApiBase: proxy.url });
    try {
      const first = await startCore(config, { log: () => undefined, pollSchedule: NO_POLLING });
      const sale = await first.payments.charge({ amount: 1500, source: 'till' });
      await first.close();
      await stripe.succeed(sale.paymentIntentId!);

      proxy.refuse = (request) => request.path.startsWith('/v1/events');
      const second = await startCore(config, { log: () => undefined, pollSchedule: NO_POLLING });
      cores.push(second);
      expect(second.payments.find(sale.id)?.status).toBe('succeeded');
      // The read may carry its expand (Stripe's fee comes with it): the path before the query names the PaymentIntent.
      expect(proxy.seen.some((request) => request.path.split('?')[0] === `/v1/payment_intents/${sale.paymentIntentId}`)).toBe(true);
    } finally {
      await Promise.all(cores.splice(0).map((core) => core.close()));
      await proxy.close();
      await stripe.close();
    }
  });
});
