import { afterEach, describe, expect, it } from 'vitest';
import type { Sale } from '../../../shared/sale';
import { waitForSale } from '../../support/core-harness';
import { OLD_WEBHOOK_SECRET, paymentIntentEvent, postWebhook, sign, startPushTestTill, WEBHOOK_SECRET, type PushTestTill } from './push-test-till';

const tills: PushTestTill[] = [];
async function till(overrides = {}): Promise<PushTestTill> {
  const started = await startPushTestTill(overrides);
  tills.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(tills.splice(0).map((t) => t.close()));
});

async function awaitingSale(t: PushTestTill): Promise<Sale> {
  const sale = await t.core.payments.charge({ amount: 12345, source: 'till' });
  expect(sale.status).toBe('awaiting_payment');
  return sale;
}

async function paidInStripe(t: PushTestTill, sale: Sale): Promise<string> {
  await fetch(`${t.core.simulatorUrl}/_sim/payment_intents/${sale.paymentIntentId}/succeed`, { method: 'POST' });
  return paymentIntentEvent(t, sale.paymentIntentId!, 'payment_intent.succeeded');
}

describe('POST /payments/webhook', () => {
  it('marks the sale paid from a correctly signed event and tells the screens', async () => {
    const t = await till();
    const sale = await awaitingSale(t);
    const body = await paidInStripe(t, sale);
    const paid = waitForSale(t.core, sale.id, (s) => s.status === 'succeeded');
    const response = await postWebhook(t, body, sign(body));
    expect(response).toMatchObject({ status: 200, json: { received: true, outcome: 'applied' } });
    expect((await paid).paymentIntentStatus).toBe('succeeded');
    expect(t.core.paymentPath()).toMatchObject({ live: 'webhook', webhook: 'ready' });
  });

  it('refuses a wrong secret, a missing header, a stale timestamp, malformed JSON and an oversized body, and changes nothing', async () => {
    const t = await till();
    const sale = await awaitingSale(t);
    const body = await paidInStripe(t, sale);
    const stale = Math.floor(Date.now() / 1000) - 301;
    const cases: [string, Promise<{ status: number; json: Record<string, unknown> }>, number][] = [
      ['wrong secret', postWebhook(t, body, sign(body, 'whsec_wrong')), 400],
      ['missing header', postWebhook(t, body), 400],
      ['stale timestamp', postWebhook(t, body, sign(body, WEBHOOK_SECRET, stale)), 400],
      ['malformed JSON', postWebhook(t, '{"id": "evt_1", ', sign('{"id": "evt_1", ')), 400],
      ['altered body', postWebhook(t, body.replace('"succeeded"', '"canceled"'), sign(body)), 400],
      ['oversized body', postWebhook(t, Buffer.alloc(600 * 1024, 'a'), sign('x')), 413],
    ];
    for (const [name, request, status] of cases) {
      const response = await request;
      expect(response.status, name).toBe(status);
      expect(response.json.error, name).toBeDefined();
    }
    expect(t.core.payments.find(sale.id)).toMatchObject({ status: 'awaiting_payment' });
  });

  it('says plainly that a thin-payload destination cannot work (not "bad signature"), and changes nothing', async () => {
    const t = await till();
    const sale = await awaitingSale(t);
    const body = JSON.stringify({
      id: 'evt_thin_1',
      object: 'v2.core.event',
      type: 'v1.payment_intent.succeeded',
      created: new Date().toISOString(),
      livemode: false,
      related_object: { id: sale.paymentIntentId, type: 'payment_intent', url: `/v1/payment_intents/${sale.paymentIntentId}` },
    });
    const response = await postWebhook(t, body, sign(body));
    expect(response.status).toBe(400);
    expect(response.json.error).toMatchObject({ code: 'thin_payload' });
    expect(String((response.json.error as { message: string }).message)).toMatch(/snapshot/i);
    expect(t.core.payments.find(sale.id)).toMatchObject({ status: 'awaiting_payment' });
  });

  it('applies a duplicate once and never lets a late event move a paid sale backwards', async () => {
    const t = await till();
    const sale = await awaitingSale(t);
    const requiresAction = await paymentIntentEvent(t, sale.paymentIntentId!, 'payment_intent.requires_action');
    const succeeded = await paidInStripe(t, sale);

    const paid = waitForSale(t.core, sale.id, (s) => s.status === 'succeeded');
    expect((await postWebhook(t, succeeded, sign(succeeded))).json.outcome).toBe('applied');
    expect((await postWebhook(t, succeeded, sign(succeeded))).json.outcome).toBe('duplicate');
    await paid;
    // Delivered out of order: the older requires_action snapshot arrives after the payment.
    expect((await postWebhook(t, requiresAction, sign(requiresAction))).status).toBe(200);
    expect(t.core.payments.find(sale.id)).toMatchObject({ status: 'succeeded', flagged: false });
  });

  it('reads a paid PaymentIntent back once, however many pushes for it arrive at once, and not again for a final sale', async () => {
    const t = await till();
    const sale = await awaitingSale(t);
    await fetch(`${t.core.simulatorUrl}/_sim/payment_intents/${sale.paymentIntentId}/succeed`, { method: 'POST' });
    const bodies = await Promise.all([1, 2, 3].map(() => paymentIntentEvent(t, sale.paymentIntentId!, 'payment_intent.succeeded')));
    const reads = async () => ((await (await fetch(`${t.core.simulatorUrl}/_sim/stats`)).json()) as { requests: Record<string, number> }).requests['GET /v1/payment_intents/:intent'] ?? 0;
    const before = await reads();
    const paid = waitForSale(t.core, sale.id, (s) => s.status === 'succeeded');
    await Promise.all(bodies.map((body) => postWebhook(t, body, sign(body))));
    await paid;
    await t.core.settled?.();
    expect(await reads()).toBe(before + 1);
    // Another genuine push for the now-final sale costs nothing.
    const late = await paymentIntentEvent(t, sale.paymentIntentId!, 'payment_intent.succeeded');
    const afterLate = await reads();
    await postWebhook(t, late, sign(late));
    await t.core.settled?.();
    expect(await reads()).toBe(afterLate);
  });

  it('still accepts events signed with the previous secret while a secret is being rolled', async () => {
    const t = await till({ stripeWebhookSecrets: [WEBHOOK_SECRET, OLD_WEBHOOK_SECRET] });
    const sale = await awaitingSale(t);
    const body = await paidInStripe(t, sale);
    const paid = waitForSale(t.core, sale.id, (s) => s.status === 'succeeded');
    expect((await postWebhook(t, body, sign(body, OLD_WEBHOOK_SECRET))).status).toBe(200);
    await paid;
  });

  it('accepts Stripe’s double signature during a roll when the till already has only the new secret', async () => {
    const t = await till();
    const sale = await awaitingSale(t);
    const body = await paidInStripe(t, sale);
    const timestamp = Math.floor(Date.now() / 1000);
    const oldPart = sign(body, OLD_WEBHOOK_SECRET, timestamp).split(',').find((part) => part.startsWith('v1='))!;
    const header = `${sign(body, WEBHOOK_SECRET, timestamp)},${oldPart}`;
    const paid = waitForSale(t.core, sale.id, (s) => s.status === 'succeeded');
    expect((await postWebhook(t, body, header)).status).toBe(200);
    await paid;
  });

  it('says plainly that thin events cannot work, and that a live-mode event does not belong to a test till', async () => {
    const t = await till();
    const sale = await awaitingSale(t);
    const thin = JSON.stringify({ id: 'evt_thin_1', object: 'v2.core.event', type: 'v1.payment_intent.succeeded', created: new Date().toISOString(), related_object: { id: sale.paymentIntentId, type: 'payment_intent' } });
    const thinAnswer = await postWebhook(t, thin, sign(thin));
    expect(thinAnswer.status).toBe(400);
    expect(JSON.stringify(thinAnswer.json)).toMatch(/thin event.*Snapshot/i);

    const live = JSON.stringify({ ...(JSON.parse(await paidInStripe(t, sale)) as object), livemode: true });
    const liveAnswer = await postWebhook(t, live, sign(live));
    expect(liveAnswer.status).toBe(400);
    expect(JSON.stringify(liveAnswer.json)).toMatch(/live-mode event for a test-mode till/);
    expect(t.core.payments.find(sale.id)).toMatchObject({ status: 'awaiting_payment' });
  });

  it('acknowledges and ignores events for PaymentIntents this till does not know', async () => {
    const t = await till();
    const other = await t.stripe.paymentIntents.create({
      amount: 5000, currency: 'thb', allowed_payment_method_types: ['promptpay'], confirm: true,
      payment_method_data: { type: 'promptpay', billing_details: { email: 'x@example.com' } },
    });
    const body = await paymentIntentEvent(t, other.id, 'payment_intent.requires_action');
    expect(await postWebhook(t, body, sign(body))).toMatchObject({ status: 200, json: { outcome: 'unrelated' } });
  });

  it('answers an event that cannot move a sale (an endpoint sent every event) without keeping it, and changes nothing', async () => {
    const t = await till();
    const sale = await awaitingSale(t);
    for (const type of ['payment_intent.created', 'payment_intent.requires_action']) {
      const body = await paymentIntentEvent(t, sale.paymentIntentId!, type);
      // Not kept: the same delivery again is not a duplicate either.
      expect(await postWebhook(t, body, sign(body))).toMatchObject({ status: 200, json: { outcome: 'unrelated' } });
      expect(await postWebhook(t, body, sign(body))).toMatchObject({ status: 200, json: { outcome: 'unrelated' } });
    }
    expect(t.core.payments.find(sale.id)).toMatchObject({ status: 'awaiting_payment' });
    // An event that can move it is still kept (its redelivery is a duplicate).
    const paid = await paidInStripe(t, sale);
    expect(await postWebhook(t, paid, sign(paid))).toMatchObject({ status: 200, json: { outcome: 'applied' } });
    expect(await postWebhook(t, paid, sign(paid))).toMatchObject({ status: 200, json: { outcome: 'duplicate' } });
  });

  it('answers 503 with a clear message when no signing secret is configured', async () => {
    const t = await till({ stripeWebhookSecrets: [] });
    const response = await postWebhook(t, '{}', sign('{}'));
    expect(response.status).toBe(503);
    expect(JSON.stringify(response.json)).toContain('STRIPE_WEBHOOK_SECRET');
  });
});
