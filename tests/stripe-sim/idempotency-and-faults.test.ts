import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectStripeShape, PROMPTPAY_FORM, promptPayParams, rawRequest, sdkFor, startTestSim, type TestSim } from './sim-fixture';

let t: TestSim;
beforeEach(async () => {
  t = await startTestSim();
});
afterEach(async () => {
  await t.sim.close();
});

async function paymentIntentCount(): Promise<number> {
  const res = await rawRequest(t.sim, 'GET', '/_sim/health', { apiKey: null });
  return (res.json as { payment_intents: number }).payment_intents;
}

describe('Idempotency-Key', () => {
  it('the same key and params replay the original response with Idempotent-Replayed: true', async () => {
    const first = await t.stripe.paymentIntents.create(promptPayParams(), { idempotencyKey: 'sale-1' });
    const again = await t.stripe.paymentIntents.create(promptPayParams(), { idempotencyKey: 'sale-1' });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(again.lastResponse.headers['original-request']).toBe(first.lastResponse.requestId);
    expect(JSON.parse(JSON.stringify(again))).toEqual(JSON.parse(JSON.stringify(first)));
    expect(await paymentIntentCount()).toBe(1);
  });

  it('a replay returns the original body even after the PaymentIntent moved on', async () => {
    const first = await t.stripe.paymentIntents.create(promptPayParams(), { idempotencyKey: 'sale-2' });
    await t.sim.succeed(first.id);
    const again = await t.stripe.paymentIntents.create(promptPayParams(), { idempotencyKey: 'sale-2' });
    expect([again.id, again.status]).toEqual([first.id, 'requires_action']);
  });

  it('the same key with different params is an idempotency_error', async () => {
    await t.stripe.paymentIntents.create(promptPayParams(), { idempotencyKey: 'sale-3' });
    const error = await t.stripe.paymentIntents.create(promptPayParams({ amount: 99_900 }), { idempotencyKey: 'sale-3' }).then(
      () => null,
      (e: Stripe.errors.StripeError) => e,
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect([error?.statusCode, error?.rawType]).toEqual([400, 'idempotency_error']);
    expect(await paymentIntentCount()).toBe(1);

    const raw = await rawRequest(t.sim, 'POST', '/v1/payment_intents', { form: 'amount=5000&currency=thb', headers: { 'Idempotency-Key': 'sale-3' } });
    expect(raw.status).toBe(400);
    expectStripeShape('error', raw.json);
  });

  it('param order does not matter for a replay', async () => {
    const a = await rawRequest(t.sim, 'POST', '/v1/payment_intents', { form: 'amount=5000&currency=thb', headers: { 'Idempotency-Key': 'k-order' } });
    const b = await rawRequest(t.sim, 'POST', '/v1/payment_intents', { form: 'currency=thb&amount=5000', headers: { 'Idempotency-Key': 'k-order' } });
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect((b.json as { id: string }).id).toBe((a.json as { id: string }).id);
  });

  it('a key is bound to the endpoint it was first used on', async () => {
    const pi = await t.stripe.paymentIntents.create(promptPayParams(), { idempotencyKey: 'sale-4' });
    const error = await t.stripe.paymentIntents.cancel(pi.id, {}, { idempotencyKey: 'sale-4' }).then(
      () => null,
      (e: Stripe.errors.StripeError) => e,
    );
    expect(error?.rawType).toBe('idempotency_error');
    expect(t.sim.getPaymentIntent(pi.id)).toMatchObject({ status: 'requires_action' });
  });

  it('a request that failed validation is not saved, so the key can be used again', async () => {
    const bad = await t.stripe.paymentIntents.create(promptPayParams({ amount: 10 }), { idempotencyKey: 'sale-5' }).then(
      () => null,
      (e: Stripe.errors.StripeError) => e,
    );
    expect(bad?.code).toBe('amount_too_small');
    const good = await t.stripe.paymentIntents.create(promptPayParams(), { idempotencyKey: 'sale-5' });
    expect(good.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(good.status).toBe('requires_action');
  });

  it('concurrent creates with the same key give one PaymentIntent', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => rawRequest(t.sim, 'POST', '/v1/payment_intents', { form: PROMPTPAY_FORM, headers: { 'Idempotency-Key': 'sale-race' } })),
    );
    const ids = new Set(results.map((r) => (r.json as { id: string }).id));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(ids.size).toBe(1);
    expect(await paymentIntentCount()).toBe(1);
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(7);
  });

  it('concurrent SDK creates with the same key give one PaymentIntent', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => t.stripe.paymentIntents.create(promptPayParams(), { idempotencyKey: 'sale-race-sdk' })),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await paymentIntentCount()).toBe(1);
  });
});

describe('faults: simulated Stripe outages', () => {
  it('drop_after_create: the SDK retries with the same key after the dropped connection and gets the one PaymentIntent', async () => {
    t.sim.faults.failNext(1, 'drop_after_create');
    const pi = await t.stripe.paymentIntents.create(promptPayParams(), { idempotencyKey: 'sale-drop' });
    expect(pi.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(await paymentIntentCount()).toBe(1);
    expect(t.sim.stats().requests['POST /v1/payment_intents']).toBe(2);
    expect(t.sim.getPaymentIntent(pi.id)).toMatchObject({ status: 'requires_action' });
  });

  it('drop_after_create also protects the SDK’s own automatic idempotency key', async () => {
    t.sim.faults.failNext(1, 'drop_after_create');
    const pi = await t.stripe.paymentIntents.create(promptPayParams());
    expect(pi.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(await paymentIntentCount()).toBe(1);
  });

  it('drop_after_create waits for a create: other requests pass untouched', async () => {
    const existing = await t.stripe.paymentIntents.create(promptPayParams());
    t.sim.faults.failNext(1, 'drop_after_create');
    await expect(t.stripe.paymentIntents.retrieve(existing.id)).resolves.toMatchObject({ id: existing.id });
    await t.stripe.paymentIntents.create(promptPayParams(), { idempotencyKey: 'after' });
    expect(t.sim.stats().requests['POST /v1/payment_intents']).toBe(3);
  });

  it('drop_connection on every attempt surfaces a StripeConnectionError and creates nothing', async () => {
    t.sim.faults.failNext(2, 'drop_connection');
    const stripe = sdkFor(t.sim, 'sk_test_x', { maxNetworkRetries: 0 });
    const error = await stripe.paymentIntents.create(promptPayParams()).then(
      () => null,
      (e: Stripe.errors.StripeError) => e,
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeConnectionError);
    expect(await paymentIntentCount()).toBe(0);
  });

  it('http500 on a read is Stripe’s api_error without processing; the SDK retries it', async () => {
    const pi = await t.stripe.paymentIntents.create(promptPayParams());
    t.sim.faults.failNext(1, 'http500');
    const noRetry = sdkFor(t.sim, 'sk_test_x', { maxNetworkRetries: 0 });
    const error = await noRetry.paymentIntents.retrieve(pi.id).then(
      () => null,
      (e: Stripe.errors.StripeError) => e,
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(error?.statusCode).toBe(500);
    expect(error?.headers?.['stripe-should-retry']).toBeUndefined();

    t.sim.faults.failNext(1, 'http500');
    const retrying = sdkFor(t.sim, 'sk_test_x', { maxNetworkRetries: 1 });
    await expect(retrying.paymentIntents.retrieve(pi.id)).resolves.toMatchObject({ id: pi.id });
  });

  it('http500 on a POST is stored under its Idempotency-Key and replayed to every retry with that key, like Stripe', async () => {
    t.sim.faults.failNext(1, 'http500');
    const sdk = sdkFor(t.sim, 'sk_test_x', { maxNetworkRetries: 2 });
    const first = await sdk.paymentIntents.create(promptPayParams(), { idempotencyKey: 'sale-500' }).then(
      () => null,
      (e: Stripe.errors.StripeError) => e,
    );
    expect(first).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect([first?.statusCode, first?.headers?.['stripe-should-retry']]).toEqual([500, 'false']);
    expect(t.sim.stats().requests['POST /v1/payment_intents']).toBe(1); // the SDK did not retry a stored 500
    expect(await paymentIntentCount()).toBe(0);

    const replay = await rawRequest(t.sim, 'POST', '/v1/payment_intents', { form: 'amount=5000&currency=thb', headers: { 'Idempotency-Key': 'raw-500' } });
    expect(replay.status).toBe(200); // no fault left: a fresh key works
    const again = await sdk.paymentIntents.create(promptPayParams(), { idempotencyKey: 'sale-500' }).then(
      () => null,
      (e: Stripe.errors.StripeError) => e,
    );
    expect([again?.statusCode, again?.headers?.['idempotent-replayed']]).toEqual([500, 'true']);
    expect(await paymentIntentCount()).toBe(1); // only the raw one: the stored 500 never creates

    const otherKey = await sdk.paymentIntents.create(promptPayParams(), { idempotencyKey: 'sale-500-b' });
    expect(otherKey.status).toBe('requires_action');
  });

  it('faults can be queued, listed and cleared over HTTP', async () => {
    const queued = await fetch(`${t.sim.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ count: 2, kind: 'http500' }),
    });
    expect(await queued.json()).toEqual({ pending: [{ kind: 'http500', remaining: 2 }] });
    const res = await rawRequest(t.sim, 'GET', '/v1/events');
    expect(res.status).toBe(500);
    expectStripeShape('error', res.json);
    const bad = await fetch(`${t.sim.url}/_sim/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"kind":"meteor"}' });
    expect(bad.status).toBe(400);
    await fetch(`${t.sim.url}/_sim/faults`, { method: 'DELETE' });
    expect((await rawRequest(t.sim, 'GET', '/v1/events')).status).toBe(200);
  });

  it('faults.clear() cancels queued faults', async () => {
    t.sim.faults.failNext(3, 'drop_connection');
    t.sim.faults.clear();
    await expect(t.stripe.events.list()).resolves.toMatchObject({ object: 'list' });
  });
});
