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

describe('API keys', () => {
  it('any sk_test_ key is accepted', async () => {
    const other = sdkFor(t.sim, 'sk_test_51AnotherTill');
    await expect(other.paymentIntents.create(promptPayParams())).resolves.toMatchObject({ status: 'requires_action' });
  });

  it('a bad key is a 401 StripeAuthenticationError whose message never echoes the key', async () => {
    const secret = 'sk_live_51VerySecretLiveKeyDoNotLeak1234';
    const error = await sdkFor(t.sim, secret).paymentIntents.create(promptPayParams()).then(
      () => null,
      (e: Stripe.errors.StripeError) => e,
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error?.statusCode).toBe(401);
    expect(error?.message).toMatch(/^Invalid API Key provided: sk_live_\*+1234$/);
    expect(error?.message).not.toContain('VerySecret');
    expect(t.sim.stats().requests['POST /v1/payment_intents']).toBe(1);
  });

  it('a missing or malformed Authorization header is a 401 in Stripe’s error shape', async () => {
    for (const headers of [{}, { Authorization: 'Bearer pk_test_publishable' }, { Authorization: 'Token sk_test_x' }] as Record<string, string>[]) {
      const res = await rawRequest(t.sim, 'POST', '/v1/payment_intents', { form: PROMPTPAY_FORM, apiKey: null, headers });
      expect(res.status).toBe(401);
      expectStripeShape('error', res.json);
      expect((res.json as { error: { type: string } }).error.type).toBe('invalid_request_error');
    }
    const health = await rawRequest(t.sim, 'GET', '/_sim/health', { apiKey: null });
    expect(health.json).toMatchObject({ payment_intents: 0 });
  });

  it('HTTP Basic auth with the key as user name works like Stripe', async () => {
    const basic = Buffer.from('sk_test_basic:').toString('base64');
    const res = await rawRequest(t.sim, 'GET', '/v1/events', { apiKey: null, headers: { Authorization: `Basic ${basic}` } });
    expect(res.status).toBe(200);
  });
});

describe('response headers', () => {
  it('every response has a Request-Id, a Date and (on the API) Stripe-Version', async () => {
    const pi = await t.stripe.paymentIntents.create(promptPayParams());
    expect(pi.lastResponse.requestId).toMatch(/^req_[A-Za-z0-9]{14}$/);
    expect(pi.lastResponse.headers['stripe-version']).toBe('2026-10-28.endive');
    const date = Date.parse(pi.lastResponse.headers.date ?? '');
    expect(Math.abs(date - Date.now())).toBeLessThan(60_000);

    for (const [method, path, apiKey] of [
      ['GET', '/v1/payment_intents/pi_missing', undefined],
      ['GET', '/v1/events', null],
      ['GET', '/_sim/health', null],
      ['GET', '/nowhere', null],
    ] as const) {
      const res = await rawRequest(t.sim, method, path, { apiKey });
      expect(res.headers.get('request-id')).toMatch(/^req_/);
      expect(res.headers.get('date')).toBeTruthy();
    }
  });

  it('request ids are unique per request', async () => {
    const a = await t.stripe.paymentIntents.create(promptPayParams());
    const b = await t.stripe.paymentIntents.retrieve(a.id);
    expect(a.lastResponse.requestId).not.toBe(b.lastResponse.requestId);
  });
});

describe('request stats', () => {
  it('counts Stripe API requests per endpoint, and resets', async () => {
    const pi = await t.stripe.paymentIntents.create(promptPayParams());
    await t.stripe.paymentIntents.retrieve(pi.id);
    await t.stripe.paymentIntents.retrieve(pi.id);
    await t.stripe.events.list();
    await rawRequest(t.sim, 'GET', '/_sim/health', { apiKey: null }); // not a Stripe request
    expect(t.sim.stats()).toEqual({
      requests: { 'GET /v1/events': 1, 'GET /v1/payment_intents/:intent': 2, 'POST /v1/payment_intents': 1 },
      total: 4,
      throttled: 0,
    });
    const overHttp = await rawRequest(t.sim, 'GET', '/_sim/stats', { apiKey: null });
    expect(overHttp.json).toEqual(t.sim.stats());
    t.sim.resetStats();
    expect(t.sim.stats()).toEqual({ requests: {}, total: 0, throttled: 0 });
  });
});
