// PromptPay cannot work offline: the till must say so before a charge, and pick up by itself when
// the link comes back. A proxy in front of the simulator plays the internet going down.
import { afterEach, describe, expect, it } from 'vitest';
import { loadCoreConfig } from '../../../electron/core/config/core-config';
import type { PosCore } from '../../../electron/core/pos-core-types';
import { startCore } from '../../../electron/core/start-core';
import type { PaymentPathStatus, PosEvent } from '../../../shared/pos-contract';
import { startStripeSim, type StripeSim } from '../../../stripe-sim';
import { tempDataDir } from '../../support/core-harness';
import { startStripeProxy, type StripeProxy } from '../../support/stripe-proxy';

let core: PosCore | null = null;
let proxy: StripeProxy | null = null;
let sim: StripeSim | null = null;
afterEach(async () => {
  await core?.close();
  await proxy?.close();
  await sim?.close();
  core = proxy = sim = null;
});

function pathReaches(pos: PosCore, predicate: (status: PaymentPathStatus) => boolean): Promise<PaymentPathStatus> {
  return new Promise((resolve) => {
    if (predicate(pos.paymentPath())) return resolve(pos.paymentPath());
    const stop = pos.subscribe((event: PosEvent) => {
      if (event.type === 'payments.path' && predicate(event.data)) {
        stop();
        resolve(event.data);
      }
    });
  });
}

describe('when the internet drops', () => {
  it('reports Stripe unreachable, refuses the charge plainly, and notices by itself when the link is back', async () => {
    sim = await startStripeSim({ port: 0 });
    proxy = await startStripeProxy(sim.url);
    core = await startCore(loadCoreConfig({}, { dataDir: tempDataDir(), stripeSecretKey: 'sk_test_offline', stripeApiBase: proxy.url }), { log: () => undefined });
    expect(core.paymentPath().stripe).toBe('reachable');

    // The test proxy answers 500 with Stripe-Should-Retry: false, i.e. a failure Stripe stores for the
    // key: the charge fails plainly (never retried under a new key), and the link shows as down.
    proxy.refuse = () => true;
    const refused = await core.payments.charge({ amount: 5000, source: 'till' }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'stripe_error' });
    expect(core.paymentPath().stripe).toBe('unreachable');

    proxy.refuse = () => false;
    const back = await pathReaches(core, (status) => status.stripe === 'reachable');
    expect(back.stripe).toBe('reachable');
  }, 20_000);
});
