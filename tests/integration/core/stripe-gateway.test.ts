import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripeGateway, GatewayError } from '../../../electron/core/stripe/stripe-gateway';
import type { FormObject } from '../../../stripe-sim/form-body';
import { startStripeProxy, type SeenRequest, type StripeProxy } from '../../support/stripe-proxy';
import { startStripeSim, type StripeSim } from '../../../stripe-sim';
import { cancelParamsAllowed, createParamsErrors, validateAgainstStripeSchema } from '../../stripe-sim/stripe-schemas';

// A recording proxy in front of the simulator: what the gateway really puts on the wire.
let sim: StripeSim;
let proxy: StripeProxy;
let proxyUrl: string;
let seen: SeenRequest[];

beforeAll(async () => {
  sim = await startStripeSim({ port: 0 });
  proxy = await startStripeProxy(sim.url);
  proxyUrl = proxy.url;
  seen = proxy.seen;
});
afterAll(async () => {
  await proxy.close();
  await sim.close();
});

/** Form values are strings on the wire; give them back the types the SDK sent. */
function typed(form: FormObject): unknown {
  return { ...form, amount: Number(form.amount), confirm: form.confirm === 'true' };
}

describe('StripeGateway', () => {
  const gateway = () => createStripeGateway({ secretKey: 'sk_test_gateway', apiBase: proxyUrl });

  it('creates and confirms a PromptPay PaymentIntent with only parameters Stripe allows, keyed by the sale id', async () => {
    seen.length = 0;
    const snapshot = await gateway().createPromptPayIntent({ saleId: 'sale_gatewaytest01', amount: 12345, email: 'shop@example.com', description: 'Khao man gai', metadata: { sale_id: 'sale_gatewaytest01', till_id: 'till-1' } });
    expect(snapshot).toMatchObject({ status: 'requires_action', amount: 12345, currency: 'thb' });
    expect(snapshot.qrData).toEqual(expect.any(String));

    const [create] = seen;
    expect(create).toMatchObject({ method: 'POST', path: '/v1/payment_intents', idempotencyKey: 'sale_gatewaytest01', version: '2026-10-28.endive' });
    expect(createParamsErrors(typed(create.form))).toEqual([]);
    expect(create.form).toMatchObject({
      currency: 'thb',
      allowed_payment_method_types: ['promptpay'],
      payment_method_data: { type: 'promptpay', billing_details: { email: 'shop@example.com' } },
      confirm: 'true',
    });
    expect(create.form).not.toHaveProperty('payment_method_types');

    const stored = sim.getPaymentIntent(snapshot.id);
    expect(validateAgainstStripeSchema('payment_intent', stored)).toEqual([]);
  });

  it('cancels with a reason Stripe accepts and reads a PaymentIntent back', async () => {
    seen.length = 0;
    const created = await gateway().createPromptPayIntent({ saleId: 'sale_gatewaytest02', amount: 5000, email: 'a@example.com', description: null, metadata: {} });
    const canceled = await gateway().cancelPaymentIntent(created.id, 'abandoned');
    expect(canceled).toMatchObject({ status: 'canceled', cancellationReason: 'abandoned' });
    const cancel = seen.find((request) => request.path.endsWith('/cancel'))!;
    expect(cancelParamsAllowed(cancel.form)).toBe(true);
    expect((await gateway().retrievePaymentIntent(created.id)).status).toBe('canceled');
  });

  it('reports a refused create as rejected with Stripe’s code, and an unknown id as not found', async () => {
    await expect(gateway().createPromptPayIntent({ saleId: 'sale_gatewaytest03', amount: 999, email: 'a@example.com', description: null, metadata: {} }))
      .rejects.toMatchObject({ kind: 'rejected', stripeCode: 'amount_too_small' });
    await expect(gateway().retrievePaymentIntent('pi_doesnotexist')).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('reports canceling a paid PaymentIntent as an unexpected state', async () => {
    const created = await gateway().createPromptPayIntent({ saleId: 'sale_gatewaytest04', amount: 5000, email: 'a@example.com', description: null, metadata: {} });
    await sim.succeed(created.id);
    await expect(gateway().cancelPaymentIntent(created.id, 'requested_by_customer')).rejects.toMatchObject({ kind: 'unexpected_state' });
  });

  it('never repeats the secret key in an error, even when Stripe quotes it', async () => {
    const secret = 'sk_live_thisIsTheShopsRealSecretKey123';
    const error = await createStripeGateway({ secretKey: secret, apiBase: proxyUrl }).retrievePaymentIntent('pi_x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).kind).toBe('auth');
    expect(JSON.stringify({ message: (error as Error).message, stack: (error as Error).stack })).not.toContain('thisIsTheShopsRealSecretKey');
  });

  it('treats a server that does not answer as unreachable', async () => {
    const dead = createStripeGateway({ secretKey: 'sk_test_x', apiBase: 'http://127.0.0.1:9', maxNetworkRetries: 0, timeoutMs: 2_000 });
    await expect(dead.retrievePaymentIntent('pi_x')).rejects.toMatchObject({ kind: 'unreachable' });
  });
});
