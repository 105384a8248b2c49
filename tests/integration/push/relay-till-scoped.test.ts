// A real till of a chain behind a relay with bound tokens (issue 11): its PaymentIntents and refunds
// carry its shop and till (POS_SHOP_ID, POS_TILL_ID) to Stripe, the relay streams their events to this
// till only, and the till still applies them through the relay. The other shop's till's stream, read
// raw, gets none of them. stripe-sim posts signed webhooks to the relay, as Stripe would.
import path from 'node:path';
import Database from 'better-sqlite3';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCoreConfig } from '../../../electron/core/config/core-config';
import type { PosCore } from '../../../electron/core/pos-core-types';
import { startCore } from '../../../electron/core/start-core';
import { createStripeGateway } from '../../../electron/core/stripe/stripe-gateway';
import { tillRoutingMetadata } from '../../../electron/core/payments/stripe-metadata';
import type { PosEvent } from '../../../shared/pos-contract';
import { startRelay, type RelayHandle } from '../../../relay/index';
import { startStripeSim, type StripeSim } from '../../../stripe-sim';
import { tempDataDir } from '../../support/core-harness';
import { deliver, SECRET, TestClock } from '../../relay/relay-fixture';
import { openSse, type SseStream } from '../../relay/sse-client';
import { BANGRAK, SILOM, TOKEN_BANGRAK, TOKEN_SILOM, eventsUntil, idsOf, paymentIntentEvent } from '../../relay/till-scoping-fixture';
import { NO_POLLING } from './push-test-till';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** Resolves when the till's sale reaches `status` (subscribed before checking, so no change slips by). */
function saleReaches(core: PosCore, saleId: string, status: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = core.subscribe((event: PosEvent) => {
      if (event.type === 'sale.updated' && event.data.id === saleId && event.data.status === status) {
        stop();
        resolve();
      }
    });
    if (core.payments.find(saleId)?.status === status) {
      stop();
      resolve();
    }
  });
}

/** The stripe.event messages of `stream` until one whose Stripe object is `objectId` has `type`. */
async function untilEventOf(stream: SseStream, objectId: string, type: string): Promise<{ type: string; objectId: string }[]> {
  const seen: { type: string; objectId: string }[] = [];
  for (;;) {
    const message = await stream.next(15_000);
    if (message.event !== 'stripe.event') continue;
    const payload = JSON.parse((JSON.parse(message.data) as { payload: string }).payload) as { type: string; data: { object: { id: string } } };
    seen.push({ type: payload.type, objectId: payload.data.object.id });
    if (payload.data.object.id === objectId && payload.type === type) return seen;
  }
}

describe('a bound till behind the relay', () => {
  it('gets its own PaymentIntent and refund events, applies them through the relay, and the other till gets none', async () => {
    const relay: RelayHandle = await startRelay({
      host: '127.0.0.1', port: 0, dataDir: tempDataDir(), webhookSecrets: [SECRET],
      tillTokens: [{ token: TOKEN_BANGRAK, account: null }, { token: TOKEN_SILOM, account: null }],
      headOffice: { headOfficeTokens: [], tillIdentities: [BANGRAK, SILOM] },
    });
    closers.push(() => relay.close());
    const sim: StripeSim = await startStripeSim({
      port: 0, webhooks: [{ url: `${relay.url}/stripe/webhook`, secret: SECRET }], webhookRetryDelaysMs: [200, 500, 1000],
    });
    closers.push(() => sim.close());
    const dataDir = tempDataDir();
    const core = await startCore(
      loadCoreConfig({}, {
        dataDir, simPort: null, stripeSecretKey: 'sk_test_chain_bangrak', stripeApiBase: sim.url, stripeWebhookSecrets: [SECRET],
        relayUrl: relay.url, relayToken: TOKEN_BANGRAK, shopId: BANGRAK.shopId, tillId: BANGRAK.tillId,
      }),
      // No polling: a sale that moves can only have moved by a push (or the event log on start).
      { log: () => undefined, pollSchedule: NO_POLLING },
    );
    closers.push(() => core.close());
    // What each till's token receives, read raw beside the till itself.
    const bangrakStream = await openSse(`${relay.url}/events`, { token: TOKEN_BANGRAK });
    const silomStream = await openSse(`${relay.url}/events`, { token: TOKEN_SILOM });
    closers.push(async () => {
      bangrakStream.close();
      silomStream.close();
    });

    const sale = await core.payments.charge({ amount: 4_200, source: 'till' });
    const paid = saleReaches(core, sale.id, 'succeeded');
    await sim.succeed(sale.paymentIntentId!);
    await paid;
    const stripe = new Stripe('sk_test_chain_bangrak', { host: '127.0.0.1', port: Number(new URL(sim.url).port), protocol: 'http' });
    const intent = await stripe.paymentIntents.retrieve(sale.paymentIntentId!);

    // A refund the way the till's refund path creates it (the same gateway options start-core passes).
    const gateway = createStripeGateway({ secretKey: 'sk_test_chain_bangrak', apiBase: sim.url, tillMetadata: tillRoutingMetadata(BANGRAK) });
    const refund = await gateway.createRefund({
      refundId: 'rf_chain_test_1', saleId: sale.id, paymentIntentId: sale.paymentIntentId!, amount: 1_000, instructionsEmail: null, reason: null,
    });
    const atStripe = await stripe.refunds.retrieve(refund.id);
    const bangrakSaw = await untilEventOf(bangrakStream, refund.id, 'refund.created');
    // Silom's own sale last: everything before it in Silom's stream would be a leak.
    await deliver(relay, new TestClock(), paymentIntentEvent('evt_silom_marker', 'pi_silom_marker', SILOM));

    expect(intent.metadata).toMatchObject({ sale_id: sale.id, shop_id: 'bangrak', till_id: 'till-1' });
    expect(atStripe.metadata).toMatchObject({ refund_id: 'rf_chain_test_1', sale_id: sale.id, shop_id: 'bangrak', till_id: 'till-1' });
    expect(bangrakSaw).toContainEqual({ type: 'payment_intent.succeeded', objectId: sale.paymentIntentId });
    expect(bangrakSaw.every((event) => event.objectId === sale.paymentIntentId || event.objectId === refund.id)).toBe(true);
    expect(idsOf(await eventsUntil(silomStream, 'evt_silom_marker'))).toEqual(['evt_silom_marker']);
    // The till applied its payment from the relay's push.
    const ledger = new Database(path.join(dataDir, 'ledger.sqlite3'), { readonly: true });
    const via = ledger.prepare("SELECT source FROM sale_events WHERE sale_id = ? AND kind = 'payment_intent.succeeded' AND applied = 1").pluck().all(sale.id);
    ledger.close();
    expect(via).toEqual(['relay']);
  }, 60_000);
});
