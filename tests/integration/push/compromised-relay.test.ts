// Whoever runs the relay holds the webhook signing secret (it must, to check Stripe's deliveries), so a
// correctly signed event proves nothing about the money. These tests play that attacker, through both
// doors (the relay's stream and the till's own POST /payments/webhook): a forged, correctly signed
// "succeeded" for a PaymentIntent or a refund that Stripe still shows as waiting never moves the till,
// because the till reads Stripe's own answer with its own key first. A real payment still shows.
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { Refund } from '../../../shared/manager-types';
import { call, signedInContext, waitForSale } from '../../support/core-harness';
import { paymentIntentEvent, postWebhook, sign, startPushTestTill, type PushTestTill } from './push-test-till';

let fakeRelay: http.Server | null = null;
let till: PushTestTill | null = null;
afterEach(async () => {
  await till?.close();
  fakeRelay?.closeAllConnections();
  await new Promise((resolve) => (fakeRelay ? fakeRelay.close(resolve) : resolve(undefined)));
  till = fakeRelay = null;
});

/** A relay under an attacker's control: it streams whatever messages the test hands it. */
async function startFakeRelay(): Promise<{ url: string; send(seq: number, payload: string, signature: string): void; connected: Promise<void> }> {
  const clients: http.ServerResponse[] = [];
  let onConnect: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => (onConnect = resolve));
  fakeRelay = http.createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    response.write(': hello\n\n');
    clients.push(response);
    onConnect();
  });
  await new Promise<void>((resolve) => fakeRelay!.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(fakeRelay.address() as { port: number }).port}`,
    connected,
    send(seq, payload, signature) {
      const data = JSON.stringify({ seq, eventId: `evt_${seq}`, type: 'x', account: null, signature, payload });
      for (const client of clients) client.write(`id: ${seq}\nevent: stripe.event\ndata: ${data}\n\n`);
    },
  };
}

let forgeries = 0;

/** What an attacker with the signing secret can make: any event, correctly signed. */
function forge(type: string, object: Record<string, unknown>): string {
  forgeries += 1;
  return JSON.stringify({
    id: `evt_forged${Date.now()}${forgeries}`, object: 'event', api_version: '2026-10-28.endive', created: Math.floor(Date.now() / 1000),
    data: { object }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type,
  });
}

async function forgedPaid(t: PushTestTill, paymentIntentId: string): Promise<string> {
  const intent = await t.stripe.paymentIntents.retrieve(paymentIntentId);
  return forge('payment_intent.succeeded', { ...intent, status: 'succeeded', next_action: null });
}

/** Resolves once the till has read `path` from Stripe at least `times` times (its own proof-read). */
async function readsOf(t: PushTestTill, route: string): Promise<number> {
  const stats = (await (await fetch(`${t.core.simulatorUrl}/_sim/stats`)).json()) as { requests: Record<string, number> };
  return stats.requests[route] ?? 0;
}

describe('an attacker who has the webhook signing secret', () => {
  it('cannot mark a sale paid through the relay, by forging or by altering an event; a real payment still shows', async () => {
    const relay = await startFakeRelay();
    till = await startPushTestTill({ relayUrl: relay.url, relayToken: 'any-token-for-the-fake-relay' });
    await relay.connected;
    const victim = await till.core.payments.charge({ amount: 50000, source: 'till' });
    const witness = await till.core.payments.charge({ amount: 1000, source: 'till' });

    // A genuine "requires_action" event rewritten to say paid (signature no longer matches) ...
    const genuine = await paymentIntentEvent(till, victim.paymentIntentId!, 'payment_intent.requires_action');
    const altered = genuine.replace('"status":"requires_action"', '"status":"succeeded"').replace('payment_intent.requires_action', 'payment_intent.succeeded');
    relay.send(1, altered, sign(genuine));
    // ... and a brand-new "succeeded", signed with the real secret.
    const readsBefore = await readsOf(till, 'GET /v1/payment_intents/:intent');
    const forged = await forgedPaid(till, victim.paymentIntentId!);
    relay.send(2, forged, sign(forged));

    // Then a genuine event the till must accept, proving the stream was read past the forgeries.
    await fetch(`${till.core.simulatorUrl}/_sim/payment_intents/${witness.paymentIntentId}/succeed`, { method: 'POST' });
    const witnessPaid = waitForSale(till.core, witness.id, (sale) => sale.status === 'succeeded');
    const honest = await paymentIntentEvent(till, witness.paymentIntentId!, 'payment_intent.succeeded');
    relay.send(3, honest, sign(honest));
    await witnessPaid;
    await till.core.settled?.();

    expect(till.core.payments.find(victim.id)).toMatchObject({ status: 'awaiting_payment' });
    // The forged claim made the till ask Stripe (one read for it, one for the witness' payment).
    expect(await readsOf(till, 'GET /v1/payment_intents/:intent')).toBeGreaterThanOrEqual(readsBefore + 2);
  });

  it('cannot mark a sale paid through the till’s own webhook endpoint either', async () => {
    till = await startPushTestTill();
    const victim = await till.core.payments.charge({ amount: 50000, source: 'till' });
    const forged = await forgedPaid(till, victim.paymentIntentId!);
    // The endpoint accepts the event (the signature is right), yet the sale does not move.
    expect(await postWebhook(till, forged, sign(forged))).toMatchObject({ status: 200 });
    await till.core.settled?.();
    expect(till.core.payments.find(victim.id)).toMatchObject({ status: 'awaiting_payment', flagged: false });

    // Once the customer really pays, the same door works.
    await fetch(`${till.core.simulatorUrl}/_sim/payment_intents/${victim.paymentIntentId}/succeed`, { method: 'POST' });
    const paid = waitForSale(till.core, victim.id, (sale) => sale.status === 'succeeded');
    const genuine = await paymentIntentEvent(till, victim.paymentIntentId!, 'payment_intent.succeeded');
    await postWebhook(till, genuine, sign(genuine));
    expect(await paid).toMatchObject({ status: 'succeeded', flagged: false });
  });

  it('cannot make a refund succeed that Stripe still waits on, through either door', async () => {
    const relay = await startFakeRelay();
    till = await startPushTestTill({ relayUrl: relay.url, relayToken: 'any-token-for-the-fake-relay' });
    await relay.connected;
    const sale = await till.core.payments.charge({ amount: 20000, source: 'till' });
    const paid = waitForSale(till.core, sale.id, (s) => s.status === 'succeeded');
    await fetch(`${till.core.simulatorUrl}/_sim/payment_intents/${sale.paymentIntentId}/succeed`, { method: 'POST' });
    const genuine = await paymentIntentEvent(till, sale.paymentIntentId!, 'payment_intent.succeeded');
    relay.send(1, genuine, sign(genuine));
    await paid;

    await signedInContext(till.core);
    const refund = await call<Refund>(till.core, 'refunds.create', { saleId: sale.id, amount: 5000, email: 'customer@example.com' });
    expect(refund.status).not.toBe('succeeded');
    const stripeRefund = await till.stripe.refunds.retrieve(refund.stripeRefundId!);
    const forged = forge('refund.updated', { ...stripeRefund, status: 'succeeded' });
    relay.send(2, forged, sign(forged));
    const forgedAgain = forge('refund.updated', { ...stripeRefund, status: 'succeeded' });
    expect(await postWebhook(till, forgedAgain, sign(forgedAgain))).toMatchObject({ status: 200 });
    await till.core.settled?.();

    expect((await call<Refund>(till.core, 'refunds.get', { refundId: refund.id })).status).toBe(stripeRefund.status);
    expect(stripeRefund.status).not.toBe('succeeded');
  });
});
