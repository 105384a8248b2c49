import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectStripeShape, promptPayParams, rawRequest, startTestSim, type TestSim } from './sim-fixture';
import { stripeSchemaPropertyNames } from './stripe-schemas';

let t: TestSim;
beforeEach(async () => {
  t = await startTestSim();
});
afterEach(async () => {
  await t.sim.close();
});

async function createConfirmed(overrides: Partial<Stripe.PaymentIntentCreateParams> = {}): Promise<Stripe.PaymentIntent> {
  return t.stripe.paymentIntents.create(promptPayParams(overrides));
}

describe('creating a PromptPay PaymentIntent through the SDK', () => {
  it('create with confirm=true returns requires_action with the PromptPay QR next action', async () => {
    const pi = await createConfirmed();
    expectStripeShape('payment_intent', pi);
    expect(pi.id).toMatch(/^pi_[A-Za-z0-9]{24}$/);
    expect(pi.object).toBe('payment_intent');
    expect(pi.status).toBe('requires_action');
    expect(pi.amount).toBe(12_550);
    expect(pi.currency).toBe('thb');
    expect(pi.livemode).toBe(false);
    expect(pi.payment_method).toMatch(/^pm_[A-Za-z0-9]{24}$/);
    expect(pi.payment_method_types).toEqual(['promptpay']);
    expect(pi.capture_method).toBe('automatic');
    expect(pi.confirmation_method).toBe('automatic');
    expect(pi.client_secret).toMatch(new RegExp(`^${pi.id}_secret_`));
    expect(pi.metadata).toEqual({ sale_id: 'S-0001', order_ref: 'ORD-9', cashier: 'nok', till: 'till-1' });
    expect(pi.description).toBe('Sale S-0001');
    expect(pi.latest_charge).toBeNull();
    expect(pi.last_payment_error).toBeNull();
    expect(pi.amount_received).toBe(0);
    expect(Math.abs(pi.created - Date.now() / 1000)).toBeLessThan(5);

    const qr = pi.next_action?.promptpay_display_qr_code;
    expect(pi.next_action?.type).toBe('promptpay_display_qr_code');
    expect(Object.keys(qr ?? {}).sort()).toEqual(['data', 'hosted_instructions_url', 'image_url_png', 'image_url_svg']);
    expect(qr?.data).toBe(`${t.sim.url}/_sim/pay/${pi.id}`);
    expect(qr?.hosted_instructions_url.startsWith(`${t.sim.url}/_sim/`)).toBe(true);
    expect(qr?.image_url_png).toBe(`${t.sim.url}/_sim/qr/${pi.id}.png`);
    expect(qr?.image_url_svg).toBe(`${t.sim.url}/_sim/qr/${pi.id}.svg`);
  });

  it('returns only fields that Stripe defines for a PaymentIntent', async () => {
    const pi = await createConfirmed();
    const known = new Set(stripeSchemaPropertyNames('payment_intent'));
    expect(Object.keys(pi).filter((k) => !known.has(k))).toEqual([]);
  });

  it('create without confirm leaves the PaymentIntent in requires_confirmation with its payment method attached', async () => {
    const pi = await createConfirmed({ confirm: false });
    expectStripeShape('payment_intent', pi);
    expect(pi.status).toBe('requires_confirmation');
    expect(pi.payment_method).toMatch(/^pm_/);
    expect(pi.next_action).toBeNull();
  });

  it('create without a payment method leaves the PaymentIntent in requires_payment_method', async () => {
    const pi = await t.stripe.paymentIntents.create({ amount: 5000, currency: 'thb' });
    expectStripeShape('payment_intent', pi);
    expect(pi.status).toBe('requires_payment_method');
    expect(pi.payment_method).toBeNull();
  });

  it('retrieve returns the same stored PaymentIntent', async () => {
    const created = await createConfirmed();
    const fetched = await t.stripe.paymentIntents.retrieve(created.id);
    expectStripeShape('payment_intent', fetched);
    expect(JSON.parse(JSON.stringify(fetched))).toEqual(JSON.parse(JSON.stringify(created)));
    expect(t.sim.getPaymentIntent(created.id)).toMatchObject({ id: created.id, status: 'requires_action' });
  });

  it('retrieve with expand[]=payment_method returns the PromptPay payment method with the email', async () => {
    const created = await createConfirmed();
    const fetched = await t.stripe.paymentIntents.retrieve(created.id, { expand: ['payment_method'] });
    expect(fetched.payment_method).toMatchObject({
      object: 'payment_method',
      type: 'promptpay',
      billing_details: { email: 'customer@example.com' },
    });
  });
});

describe('Stripe-style validation errors', () => {
  async function createError(params: Record<string, unknown> | Stripe.PaymentIntentCreateParams): Promise<Stripe.errors.StripeError> {
    const error = await t.stripe.paymentIntents.create(params as unknown as Stripe.PaymentIntentCreateParams).then(
      () => null,
      (e: Stripe.errors.StripeError) => e,
    );
    if (!error) throw new Error('expected the create to fail');
    return error;
  }

  it('an amount under ฿10 is amount_too_small on param amount', async () => {
    const e = await createError({ ...promptPayParams(), amount: 999 });
    expect(e.type).toBe('StripeInvalidRequestError');
    expect([e.statusCode, e.code, e.param]).toEqual([400, 'amount_too_small', 'amount']);
  });

  it('an amount over 99,999,999 satang is amount_too_large on param amount', async () => {
    const e = await createError({ ...promptPayParams(), amount: 100_000_000 });
    expect([e.statusCode, e.code, e.param]).toEqual([400, 'amount_too_large', 'amount']);
  });

  it('the boundary amounts ฿10.00 and ฿999,999.99 are accepted', async () => {
    await expect(createConfirmed({ amount: 1000 })).resolves.toMatchObject({ status: 'requires_action' });
    await expect(createConfirmed({ amount: 99_999_999 })).resolves.toMatchObject({ status: 'requires_action' });
  });

  it('confirming a PromptPay payment without a billing email is parameter_missing, named like Stripe names it', async () => {
    const e = await createError({ ...promptPayParams(), payment_method_data: { type: 'promptpay' } });
    expect([e.statusCode, e.code, e.param]).toEqual([400, 'parameter_missing', 'payment_method_data[billing_details][email]']);
    expect(e.message).toBe('Missing required param: billing_details[email].');
  });

  it('a create without confirm may leave the email out; confirming it later asks for one', async () => {
    const pi = await createConfirmed({ confirm: false, payment_method_data: { type: 'promptpay' } });
    expectStripeShape('payment_intent', pi);
    expect(pi.status).toBe('requires_confirmation');
    const e = await t.stripe.paymentIntents.confirm(pi.id).then(
      () => null,
      (err: Stripe.errors.StripeError) => err,
    );
    expect([e?.statusCode, e?.code, e?.param]).toEqual([400, 'parameter_missing', 'payment_method_data[billing_details][email]']);
    expect((await t.stripe.paymentIntents.retrieve(pi.id)).status).toBe('requires_confirmation');
  });

  it('refuses emails Stripe refuses (email_invalid) and accepts ordinary ones', async () => {
    for (const email of ['test@test', 'otameshi@com', 'two words@example.com', 'a@-b.com']) {
      const e = await createError(promptPayParams({ payment_method_data: { type: 'promptpay', billing_details: { email } } }));
      expect([e.statusCode, e.code, e.param], email).toEqual([400, 'email_invalid', 'payment_method_data[billing_details][email]']);
      expect(e.message).toBe(`Invalid email address: ${email}`);
    }
    for (const email of ['jenny.rosen@example.com', 'shop+till1@chamra.co.th', 'receipts@chamra-pos.invalid']) {
      const pi = await createConfirmed({ payment_method_data: { type: 'promptpay', billing_details: { email } } });
      expect(pi.status, email).toBe('requires_action');
    }
  });

  it('silently drops allowed_payment_method_types it cannot use, like Stripe', async () => {
    const pi = await createConfirmed({ allowed_payment_method_types: ['card', 'promptpay', 'paynow'] });
    expectStripeShape('payment_intent', pi);
    expect(pi.payment_method_types).toEqual(['promptpay']);
    expect(pi.status).toBe('requires_action');
    const none = await createError(promptPayParams({ allowed_payment_method_types: ['card'] }));
    expect([none.statusCode, none.code, none.param]).toEqual([400, 'payment_intent_invalid_parameter', 'allowed_payment_method_types']);
  });

  it('the removed payment_method_types param is parameter_unknown', async () => {
    const { allowed_payment_method_types: _ignored, ...rest } = promptPayParams();
    const e = await createError({ ...rest, payment_method_types: ['promptpay'] });
    expect([e.statusCode, e.code, e.param]).toEqual([400, 'parameter_unknown', 'payment_method_types']);
    expect(e.message).toBe('Received unknown parameter: payment_method_types');
  });

  it('an unknown nested param is parameter_unknown with its bracket path', async () => {
    const e = await createError({ ...promptPayParams(), payment_method_data: { type: 'promptpay', billing_details: { email: 'a@b.co', fax: '1' } } });
    expect([e.code, e.param]).toEqual(['parameter_unknown', 'payment_method_data[billing_details][fax]']);
  });

  it('missing amount or currency is parameter_missing', async () => {
    expect((await createError({ currency: 'thb' })).param).toBe('amount');
    expect((await createError({ amount: 5000 })).code).toBe('parameter_missing');
  });

  it('a currency other than thb is refused for PromptPay', async () => {
    const e = await createError({ ...promptPayParams(), currency: 'usd' });
    expect([e.statusCode, e.param]).toEqual([400, 'currency']);
  });

  it('a non-integer amount is parameter_invalid_integer', async () => {
    const e = await createError({ ...promptPayParams(), amount: '12.50' });
    expect([e.code, e.param]).toEqual(['parameter_invalid_integer', 'amount']);
  });

  it('an unknown PaymentIntent id is resource_missing 404 on param intent', async () => {
    const e = await t.stripe.paymentIntents.retrieve('pi_doesnotexist000000000000').then(
      () => null,
      (err: Stripe.errors.StripeError) => err,
    );
    expect([e?.statusCode, e?.code, e?.param]).toEqual([404, 'resource_missing', 'intent']);
    expect(e?.message).toBe("No such payment_intent: 'pi_doesnotexist000000000000'");
  });

  it('every error body validates against Stripe’s error schema', async () => {
    const { sim } = t;
    const valid = 'amount=5000&currency=thb';
    const cases: [string, string, string | undefined, number][] = [
      ['POST', '/v1/payment_intents', 'amount=10&currency=thb', 400],
      ['POST', '/v1/payment_intents', 'currency=thb', 400],
      ['POST', '/v1/payment_intents', `${valid}&payment_method_types[0]=promptpay`, 400],
      ['POST', '/v1/payment_intents', `${valid}&payment_method_data[type]=promptpay&confirm=true`, 400],
      ['POST', '/v1/payment_intents', `${valid}&payment_method_data[type]=promptpay&payment_method_data[billing_details][email]=test%40test`, 400],
      ['POST', '/v1/payment_intents', `${valid}&allowed_payment_method_types[0]=card`, 400],
      ['POST', '/v1/payment_intents', 'amount=abc&currency=thb', 400],
      ['POST', '/v1/payment_intents', 'a=1&a[b]=2', 400],
      ['GET', '/v1/payment_intents/pi_nope', undefined, 404],
      ['GET', '/v1/events/evt_nope', undefined, 404],
      ['GET', '/v1/events?limit=101', undefined, 400],
      ['GET', '/v1/nothing_here', undefined, 404],
    ];
    for (const [method, path, form, status] of cases) {
      const res = await rawRequest(sim, method, path, { form });
      expect({ path, form, status: res.status }).toEqual({ path, form, status });
      expectStripeShape('error', res.json);
      expect(Object.keys((res.json as { error: object }).error).every((k) =>
        ['type', 'code', 'message', 'param', 'doc_url', 'request_log_url', 'payment_intent'].includes(k),
      )).toBe(true);
    }
  });
});

describe('cancel', () => {
  it('cancels a PaymentIntent awaiting payment with the given reason', async () => {
    const pi = await createConfirmed();
    const canceled = await t.stripe.paymentIntents.cancel(pi.id, { cancellation_reason: 'abandoned' });
    expectStripeShape('payment_intent', canceled);
    expect(canceled.status).toBe('canceled');
    expect(canceled.cancellation_reason).toBe('abandoned');
    expect(typeof canceled.canceled_at).toBe('number');
    expect(canceled.next_action).toBeNull();
  });

  it('cancel without a reason leaves cancellation_reason null', async () => {
    const pi = await createConfirmed();
    const canceled = await t.stripe.paymentIntents.cancel(pi.id);
    expect([canceled.status, canceled.cancellation_reason]).toEqual(['canceled', null]);
  });

  it('canceling a succeeded PaymentIntent is payment_intent_unexpected_state and reports the PaymentIntent', async () => {
    const pi = await createConfirmed();
    await t.sim.succeed(pi.id);
    const e = await t.stripe.paymentIntents.cancel(pi.id).then(
      () => null,
      (err: Stripe.errors.StripeError) => err,
    );
    expect([e?.statusCode, e?.code]).toEqual([400, 'payment_intent_unexpected_state']);
    expect(e?.payment_intent?.status).toBe('succeeded');
    expect(t.sim.getPaymentIntent(pi.id)).toMatchObject({ status: 'succeeded' });
  });

  it('canceling an already canceled PaymentIntent is payment_intent_unexpected_state', async () => {
    const pi = await createConfirmed();
    await t.stripe.paymentIntents.cancel(pi.id);
    const res = await rawRequest(t.sim, 'POST', `/v1/payment_intents/${pi.id}/cancel`, { form: '' });
    expect(res.status).toBe(400);
    expectStripeShape('error', res.json);
    expect((res.json as { error: { code: string } }).error.code).toBe('payment_intent_unexpected_state');
  });

  it('an invalid cancellation_reason is refused and changes nothing', async () => {
    const pi = await createConfirmed();
    const res = await rawRequest(t.sim, 'POST', `/v1/payment_intents/${pi.id}/cancel`, { form: 'cancellation_reason=bored' });
    expect(res.status).toBe(400);
    expect(t.sim.getPaymentIntent(pi.id)).toMatchObject({ status: 'requires_action' });
  });
});

describe('test controls: the customer pays, fails, or lets the QR expire', () => {
  it('succeed moves requires_action to succeeded with the amount received and a charge', async () => {
    const pi = await createConfirmed();
    await t.sim.succeed(pi.id);
    const after = await t.stripe.paymentIntents.retrieve(pi.id);
    expectStripeShape('payment_intent', after);
    expect(after.status).toBe('succeeded');
    expect(after.amount_received).toBe(pi.amount);
    expect(after.latest_charge).toMatch(/^py_[A-Za-z0-9]{24}$/); // PromptPay charges are py_…
    expect(after.next_action).toBeNull();
  });

  it('fail moves to requires_payment_method with a payment_attempt_failed error', async () => {
    const pi = await createConfirmed();
    await t.sim.fail(pi.id);
    const after = await t.stripe.paymentIntents.retrieve(pi.id);
    expectStripeShape('payment_intent', after);
    expect(after.status).toBe('requires_payment_method');
    expect(after.last_payment_error).toMatchObject({ code: 'payment_intent_payment_attempt_failed', type: 'card_error' });
    expect(after.next_action).toBeNull();
    expect(after.amount_received).toBe(0);
  });

  it('expire moves to requires_payment_method with payment_intent_payment_attempt_expired and no next action', async () => {
    const pi = await createConfirmed();
    await t.sim.expire(pi.id);
    const after = await t.stripe.paymentIntents.retrieve(pi.id);
    expectStripeShape('payment_intent', after);
    expect(after.status).toBe('requires_payment_method');
    expect(after.last_payment_error?.code).toBe('payment_intent_payment_attempt_expired');
    expect(after.next_action).toBeNull();
  });

  it('the HTTP controls return the updated PaymentIntent', async () => {
    const pi = await createConfirmed();
    const res = await rawRequest(t.sim, 'POST', `/_sim/payment_intents/${pi.id}/succeed`, { apiKey: null });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: pi.id, status: 'succeeded' });
  });

  it('a control on a PaymentIntent not awaiting the customer is a 409 with a clear JSON error', async () => {
    const pi = await createConfirmed();
    await t.sim.succeed(pi.id);
    for (const action of ['succeed', 'fail', 'expire']) {
      const res = await rawRequest(t.sim, 'POST', `/_sim/payment_intents/${pi.id}/${action}`, { apiKey: null });
      expect(res.status).toBe(409);
      expectStripeShape('error', res.json);
      expect((res.json as { error: { message: string } }).error.message).toContain('requires_action');
    }
    await expect(t.sim.fail(pi.id)).rejects.toThrow(/succeeded/);
    expect(t.sim.getPaymentIntent(pi.id)).toMatchObject({ status: 'succeeded' });
  });

  it('a control on an unknown PaymentIntent is a 404', async () => {
    const res = await rawRequest(t.sim, 'POST', '/_sim/payment_intents/pi_unknown/succeed', { apiKey: null });
    expect(res.status).toBe(404);
    expectStripeShape('error', res.json);
  });

  it('a canceled PaymentIntent cannot be paid afterwards', async () => {
    const pi = await createConfirmed();
    await t.stripe.paymentIntents.cancel(pi.id);
    await expect(t.sim.succeed(pi.id)).rejects.toThrow(/canceled/);
    expect(t.sim.getPaymentIntent(pi.id)).toMatchObject({ status: 'canceled', amount_received: 0 });
  });
});
