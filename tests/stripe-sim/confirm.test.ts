import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { expectEventShape, expectStripeShape, promptPayParams, rawRequest, startTestSim, type TestSim } from './sim-fixture';

let t: TestSim | null = null;
afterEach(async () => {
  await t?.sim.close();
  t = null;
});

const AGAIN: Stripe.PaymentIntentConfirmParams = {
  payment_method_data: { type: 'promptpay', billing_details: { email: 'shop@example.com' } },
};

async function eventTypesFor(stripe: Stripe, paymentIntentId: string): Promise<string[]> {
  const events = await stripe.events.list({ limit: 100 });
  for (const event of events.data) expectEventShape(event);
  return events.data
    .filter((e) => (e.data.object as { id: string }).id === paymentIntentId)
    .map((e) => e.type)
    .reverse();
}

async function confirmError(
  stripe: Stripe,
  id: string,
  params: Stripe.PaymentIntentConfirmParams = AGAIN,
  options: Stripe.RequestOptions = {},
): Promise<Stripe.errors.StripeError> {
  return stripe.paymentIntents.confirm(id, params, options).then(
    () => {
      throw new Error('confirm should have failed');
    },
    (e: Stripe.errors.StripeError) => e,
  );
}

describe('POST /v1/payment_intents/:id/confirm (a new QR for the same PaymentIntent)', () => {
  for (const ending of ['expire', 'fail'] as const) {
    it(`after a QR attempt that ended with ${ending}, confirm gives a new QR on the same PaymentIntent`, async () => {
      t = await startTestSim();
      const first = await t.stripe.paymentIntents.create(promptPayParams());
      await t.sim[ending](first.id);

      const again = await t.stripe.paymentIntents.confirm(first.id, AGAIN);
      expectStripeShape('payment_intent', again);
      expect([again.id, again.amount, again.status, again.last_payment_error]).toEqual([first.id, first.amount, 'requires_action', null]);
      expect(again.payment_method).toMatch(/^pm_/);
      expect(again.payment_method).not.toBe(first.payment_method);
      const firstQr = first.next_action?.promptpay_display_qr_code;
      const newQr = again.next_action?.promptpay_display_qr_code;
      expect(again.next_action?.type).toBe('promptpay_display_qr_code');
      expect(newQr?.data).toBeTruthy();
      expect(newQr?.data).not.toBe(firstQr?.data);
      expect(await eventTypesFor(t.stripe, first.id)).toEqual([
        'payment_intent.created',
        'payment_intent.requires_action',
        'payment_intent.payment_failed',
        'payment_intent.requires_action',
      ]);

      // The controls act on the current attempt: the customer pays the new QR.
      await t.sim.succeed(first.id);
      const paid = await t.stripe.paymentIntents.retrieve(first.id, { expand: ['payment_method'] });
      expect([paid.status, paid.amount_received]).toEqual(['succeeded', first.amount]);
      expect((paid.payment_method as Stripe.PaymentMethod).billing_details.email).toBe('shop@example.com');
    });
  }

  it('keeps giving new QR data in EMV mode, and the pay page serves every attempt', async () => {
    t = await startTestSim({ qrFormat: 'emv' });
    const first = await t.stripe.paymentIntents.create(promptPayParams());
    const seen = new Set([first.next_action?.promptpay_display_qr_code?.data]);
    for (let attempt = 2; attempt <= 3; attempt++) {
      await t.sim.expire(first.id);
      const again = await t.stripe.paymentIntents.confirm(first.id, AGAIN);
      const data = again.next_action?.promptpay_display_qr_code?.data;
      expect(data).toMatch(/^000201/);
      expect(seen.has(data)).toBe(false);
      seen.add(data);
    }
    const url = new URL(`${t.sim.url}/_sim/pay/${first.id}?attempt=3`);
    expect((await fetch(url)).status).toBe(200);
  });

  it('confirms a PaymentIntent created without confirm, using the payment method it already has', async () => {
    t = await startTestSim();
    const created = await t.stripe.paymentIntents.create(promptPayParams({ confirm: false }));
    const confirmed = await t.stripe.paymentIntents.confirm(created.id);
    expect([confirmed.status, confirmed.payment_method]).toEqual(['requires_action', created.payment_method]);
    expect(confirmed.next_action?.promptpay_display_qr_code?.data).toBe(`${t.sim.url}/_sim/pay/${created.id}`);
  });

  it('needs a payment method when the last one was detached by a failed attempt', async () => {
    t = await startTestSim();
    const pi = await t.stripe.paymentIntents.create(promptPayParams());
    await t.sim.expire(pi.id);
    const error = await confirmError(t.stripe, pi.id, {});
    expect([error.statusCode, error.code, error.param]).toEqual([400, 'payment_intent_unexpected_state', 'payment_method_data']);
    expect((await t.stripe.paymentIntents.retrieve(pi.id)).status).toBe('requires_payment_method');
  });

  it('replaces a QR still showing (requires_action) with a new attempt', async () => {
    t = await startTestSim();
    const pi = await t.stripe.paymentIntents.create(promptPayParams());
    const again = await t.stripe.paymentIntents.confirm(pi.id, {
      payment_method_data: { type: 'promptpay', billing_details: { email: 'a@example.com' } },
    });
    expect([again.id, again.status]).toEqual([pi.id, 'requires_action']);
    expect(again.next_action?.promptpay_display_qr_code?.data).not.toBe(pi.next_action?.promptpay_display_qr_code?.data);
  });

  for (const state of ['succeeded', 'canceled'] as const) {
    it(`is payment_intent_unexpected_state from ${state} and changes nothing`, async () => {
      t = await startTestSim();
      const pi = await t.stripe.paymentIntents.create(promptPayParams());
      if (state === 'succeeded') await t.sim.succeed(pi.id);
      if (state === 'canceled') await t.stripe.paymentIntents.cancel(pi.id);
      const before = await t.stripe.paymentIntents.retrieve(pi.id);
      const eventsBefore = await eventTypesFor(t.stripe, pi.id);

      const error = await confirmError(t.stripe, pi.id);
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect([error.statusCode, error.code]).toEqual([400, 'payment_intent_unexpected_state']);
      expect(error.message).toContain(`status of ${state}`);
      expect((error.raw as { payment_intent?: { status: string } }).payment_intent?.status).toBe(state);
      const raw = await rawRequest(t.sim, 'POST', `/v1/payment_intents/${pi.id}/confirm`, {
        form: 'payment_method_data[type]=promptpay&payment_method_data[billing_details][email]=a%40example.com',
      });
      expectStripeShape('error', raw.json);

      expect(JSON.parse(JSON.stringify(await t.stripe.paymentIntents.retrieve(pi.id)))).toEqual(JSON.parse(JSON.stringify(before)));
      expect(await eventTypesFor(t.stripe, pi.id)).toEqual(eventsBefore);
    });
  }

  it('honours the Idempotency-Key: a retry replays the same new QR and makes no second attempt', async () => {
    t = await startTestSim();
    const pi = await t.stripe.paymentIntents.create(promptPayParams());
    await t.sim.expire(pi.id);
    const once = await t.stripe.paymentIntents.confirm(pi.id, AGAIN, { idempotencyKey: 'renew-1' });
    const twice = await t.stripe.paymentIntents.confirm(pi.id, AGAIN, { idempotencyKey: 'renew-1' });
    expect(twice.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(twice.next_action?.promptpay_display_qr_code?.data).toBe(once.next_action?.promptpay_display_qr_code?.data);
    expect((await eventTypesFor(t.stripe, pi.id)).filter((type) => type === 'payment_intent.requires_action')).toHaveLength(2);

    const otherParams = await confirmError(t.stripe, pi.id, { ...AGAIN, receipt_email: 'other@example.com' }, { idempotencyKey: 'renew-1' });
    expect(otherParams).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });

  it('an unknown PaymentIntent is resource_missing, and unknown params are refused', async () => {
    t = await startTestSim();
    const missing = await confirmError(t.stripe, 'pi_doesnotexist000000000000');
    expect([missing.statusCode, missing.code]).toEqual([404, 'resource_missing']);
    const pi = await t.stripe.paymentIntents.create(promptPayParams());
    await t.sim.fail(pi.id);
    const unknown = await rawRequest(t.sim, 'POST', `/v1/payment_intents/${pi.id}/confirm`, { form: 'amount=5000' });
    expect([unknown.status, (unknown.json as { error: { code: string } }).error.code]).toEqual([400, 'parameter_unknown']);
    expect((await t.stripe.paymentIntents.retrieve(pi.id)).status).toBe('requires_payment_method');
  });
});
