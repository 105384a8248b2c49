import Stripe from 'stripe';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rateLimitFromEnv } from '../../stripe-sim/rate-limit';
import { expectStripeShape, promptPayParams, rawRequest, sdkFor, startTestSim, type TestSim } from './sim-fixture';

let t: TestSim | null = null;
afterEach(async () => {
  await t?.sim.close();
  t = null;
  vi.unstubAllEnvs();
});

/** A clock the test moves by hand, so refills happen exactly when the test says. */
function manualClock(startMs = Date.UTC(2026, 11, 2, 9, 0, 0)) {
  let now = startMs;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

async function listEvents(stripe: Stripe): Promise<'ok' | Stripe.errors.StripeError> {
  return stripe.events.list({ limit: 1 }).then(
    () => 'ok' as const,
    (e: Stripe.errors.StripeError) => e,
  );
}

describe('rate limit (Stripe: requests per second per account)', () => {
  it('answers the request over the limit with Stripe 429 rate_limit, then refills with time', async () => {
    const clock = manualClock();
    t = await startTestSim({ rateLimit: 3, now: clock.now });
    for (let i = 0; i < 3; i++) expect(await listEvents(t.stripe)).toBe('ok');

    const error = await listEvents(t.stripe);
    expect(error).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    const rateError = error as Stripe.errors.StripeError;
    expect([rateError.statusCode, rateError.rawType, rateError.code]).toEqual([429, 'invalid_request_error', 'rate_limit']);
    expect(rateError.headers?.['stripe-should-retry']).toBe('false');

    const raw = await rawRequest(t.sim, 'GET', '/v1/events');
    expect(raw.status).toBe(429);
    expectStripeShape('error', raw.json);
    expect(raw.json).toMatchObject({ error: { type: 'invalid_request_error', code: 'rate_limit', message: expect.stringMatching(/rate limit/i) } });
    expect(t.sim.stats()).toMatchObject({ throttled: 2, total: 5 });

    clock.advance(334); // one request's worth of refill (3 per second)
    expect(await listEvents(t.stripe)).toBe('ok');
    expect(await listEvents(t.stripe)).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    clock.advance(1000); // a full second refills the whole bucket, not more
    for (let i = 0; i < 3; i++) expect(await listEvents(t.stripe)).toBe('ok');
    expect(await listEvents(t.stripe)).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
  });

  it('is one budget for the account: every key and every till share it', async () => {
    const clock = manualClock();
    t = await startTestSim({ rateLimit: 4, now: clock.now });
    const tillA = sdkFor(t.sim, 'sk_test_till_a');
    const tillB = sdkFor(t.sim, 'sk_test_till_b');
    expect(await listEvents(tillA)).toBe('ok');
    expect(await listEvents(tillB)).toBe('ok');
    expect(await listEvents(tillA)).toBe('ok');
    expect(await listEvents(tillB)).toBe('ok');
    expect(await listEvents(tillA)).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(await listEvents(tillB)).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
  });

  it('a throttled create is not stored under its Idempotency-Key: the later retry creates the PaymentIntent', async () => {
    const clock = manualClock();
    t = await startTestSim({ rateLimit: 1, now: clock.now });
    expect(await listEvents(t.stripe)).toBe('ok');
    const throttled = await t.stripe.paymentIntents.create(promptPayParams(), { idempotencyKey: 'sale-rl' }).catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect((await rawRequest(t.sim, 'GET', '/_sim/health', { apiKey: null })).json).toMatchObject({ payment_intents: 0 });
    clock.advance(1000);
    const created = await t.stripe.paymentIntents.create(promptPayParams(), { idempotencyKey: 'sale-rl' });
    expect(created.lastResponse.headers['idempotent-replayed']).toBeUndefined();
    expect(created.status).toBe('requires_action');
  });

  it('is off by default in-process, set per instance in code and over /_sim/rate_limit', async () => {
    vi.stubEnv('SIM_RATE_LIMIT', '');
    const clock = manualClock();
    t = await startTestSim({ now: clock.now });
    expect(t.sim.rateLimit.get()).toEqual({ limit_per_second: 0, throttled: 0 });
    for (let i = 0; i < 40; i++) expect(await listEvents(t.stripe)).toBe('ok');

    expect(t.sim.rateLimit.set(2)).toEqual({ limit_per_second: 2, throttled: 0 });
    const set = await rawRequest(t.sim, 'POST', '/_sim/rate_limit', { apiKey: null, json: { limit_per_second: 1 } });
    expect([set.status, set.json]).toEqual([200, { limit_per_second: 1, throttled: 0 }]);
    expect(await listEvents(t.stripe)).toBe('ok');
    expect(await listEvents(t.stripe)).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect((await rawRequest(t.sim, 'GET', '/_sim/rate_limit', { apiKey: null })).json).toEqual({ limit_per_second: 1, throttled: 1 });
    expect((await rawRequest(t.sim, 'GET', '/_sim/stats', { apiKey: null })).json).toMatchObject({ throttled: 1 });
    await rawRequest(t.sim, 'POST', '/_sim/stats/reset', { apiKey: null });
    expect(t.sim.stats()).toEqual({ requests: {}, total: 0, throttled: 0 });

    for (const bad of [{ limit_per_second: -1 }, { limit_per_second: 2.5 }, { limit_per_second: '5' }, { other: 1 }]) {
      const refused = await rawRequest(t.sim, 'POST', '/_sim/rate_limit', { apiKey: null, json: bad });
      expect(refused.status, JSON.stringify(bad)).toBe(400);
    }
    expect(t.sim.rateLimit.get().limit_per_second).toBe(1);
    // Controls are never rate limited: only Stripe's API is.
    for (let i = 0; i < 5; i++) expect((await rawRequest(t.sim, 'GET', '/_sim/health', { apiKey: null })).status).toBe(200);
  });

  it('takes SIM_RATE_LIMIT from the environment (empty = unset) and refuses nonsense', async () => {
    vi.stubEnv('SIM_RATE_LIMIT', '7');
    t = await startTestSim();
    expect(t.sim.rateLimit.get().limit_per_second).toBe(7);
    expect(rateLimitFromEnv('', 25)).toBe(25);
    expect(rateLimitFromEnv(undefined, 25)).toBe(25);
    expect(rateLimitFromEnv('0', 25)).toBe(0);
    for (const bad of ['-1', '2.5', 'fast']) expect(() => rateLimitFromEnv(bad, 25), bad).toThrow(/SIM_RATE_LIMIT/);
  });
});
