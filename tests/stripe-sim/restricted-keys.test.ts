import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { expectStripeShape, promptPayParams, rawRequest, sdkFor, startTestSim, type TestSim } from './sim-fixture';

let t: TestSim | null = null;
afterEach(async () => {
  await t?.sim.close();
  t = null;
});

const TILL_KEY = 'rk_test_till1permissions0001';

async function outcome<T>(call: Promise<T>): Promise<'ok' | Stripe.errors.StripeError> {
  return call.then(
    () => 'ok' as const,
    (e: Stripe.errors.StripeError) => e,
  );
}

describe('restricted keys (rk_test_…) with permissions', () => {
  it('a key with PaymentIntents write, Refunds write and Events read can run a sale, a refund and catch-up', async () => {
    t = await startTestSim({
      restrictedKeys: [{ key: TILL_KEY, permissions: { payment_intents: 'write', refunds: 'write', events: 'read' } }],
    });
    const till = sdkFor(t.sim, TILL_KEY);
    const pi = await till.paymentIntents.create(promptPayParams());
    await t.sim.succeed(pi.id);
    expect((await till.paymentIntents.retrieve(pi.id)).status).toBe('succeeded'); // write includes read
    const refund = await till.refunds.create({ payment_intent: pi.id, amount: 1_000 });
    expect(await outcome(till.refunds.retrieve(refund.id))).toBe('ok');
    expect(await outcome(till.events.list({ limit: 1 }))).toBe('ok');
  });

  it('answers Stripe’s 403 naming the missing permission, before looking at the params, and changes nothing', async () => {
    t = await startTestSim({ account: { id: 'acct_1TestShopTH' } });
    const { key } = t.sim.restrictedKeys.add({ permissions: { payment_intents: 'read', refunds: 'none' } });
    expect(key).toMatch(/^rk_test_[A-Za-z0-9]{32}$/);
    const till = sdkFor(t.sim, key);
    const cases: [Promise<unknown>, string][] = [
      [till.events.list({ limit: 1 }), 'rak_event_read'],
      [till.paymentIntents.create(promptPayParams()), 'rak_payment_intent_write'],
      [till.refunds.list(), 'rak_refund_read'],
      [till.refunds.create({ payment_intent: 'pi_x' }), 'rak_refund_write'],
    ];
    for (const [call, permission] of cases) {
      const error = await outcome(call);
      expect(error).toBeInstanceOf(Stripe.errors.StripePermissionError);
      const e = error as Stripe.errors.StripeError;
      expect([e.statusCode, e.rawType]).toEqual([403, 'invalid_request_error']);
      expect(e.message).toMatch(
        new RegExp(
          `^The provided key 'rk_test_\\*+[A-Za-z0-9]{4}' does not have the required permissions for this endpoint on account 'acct_1TestShopTH'\\. Having the '${permission}' permission would allow this request to continue\\.$`,
        ),
      );
      expect(e.message).not.toContain(key);
    }
    // Permission comes before validation: even an empty create is a 403, not a 400.
    const raw = await rawRequest(t.sim, 'POST', '/v1/payment_intents', { apiKey: key, form: '' });
    expect(raw.status).toBe(403);
    expectStripeShape('error', raw.json);
    expect((await rawRequest(t.sim, 'GET', '/_sim/health', { apiKey: null })).json).toMatchObject({ payment_intents: 0 });
    // Read is enough to read.
    const pi = await t.stripe.paymentIntents.create(promptPayParams());
    expect(await outcome(till.paymentIntents.retrieve(pi.id))).toBe('ok');
    expect(await outcome(till.paymentIntents.cancel(pi.id))).toBeInstanceOf(Stripe.errors.StripePermissionError);
  });

  it('an unregistered or removed restricted key is an invalid API key (401)', async () => {
    t = await startTestSim();
    expect(await outcome(sdkFor(t.sim, 'rk_test_neverregistered00').events.list())).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    const added = await rawRequest(t.sim, 'POST', '/_sim/restricted_keys', {
      apiKey: null,
      json: { key: TILL_KEY, permissions: { events: 'read' } },
    });
    expect([added.status, added.json]).toEqual([
      200,
      { key: TILL_KEY, permissions: { payment_intents: 'none', refunds: 'none', events: 'read', charges: 'none', balance: 'none' } },
    ]);
    expect((await rawRequest(t.sim, 'GET', '/_sim/restricted_keys', { apiKey: null })).json).toEqual({ object: 'list', data: [added.json] });
    expect(await outcome(sdkFor(t.sim, TILL_KEY).events.list())).toBe('ok');
    expect((await rawRequest(t.sim, 'DELETE', `/_sim/restricted_keys/${TILL_KEY}`, { apiKey: null })).status).toBe(200);
    expect(await outcome(sdkFor(t.sim, TILL_KEY).events.list())).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });

  it('refuses malformed registrations with a clear 400 and registers nothing', async () => {
    t = await startTestSim();
    for (const body of [
      { key: 'sk_test_notrestricted', permissions: {} },
      { key: 'rk_test_short', permissions: {} },
      { permissions: { payment_intents: 'admin' } },
      { permissions: { customers: 'read' } },
      { permissions: {}, extra: true },
      {},
    ]) {
      const res = await rawRequest(t.sim, 'POST', '/_sim/restricted_keys', { apiKey: null, json: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.json as { error: { message: string } }).error.message).toMatch(/^Invalid restricted key: /);
    }
    expect(t.sim.restrictedKeys.list()).toEqual([]);
  });
});

describe('GET /v1/account', () => {
  it('describes the Thai test account, for any key', async () => {
    t = await startTestSim({ account: { id: 'acct_1ShopTH', displayName: 'Khun Somchai Noodles' } });
    const { key } = t.sim.restrictedKeys.add({ permissions: {} });
    for (const stripe of [t.stripe, sdkFor(t.sim, key)]) {
      const account = await stripe.accounts.retrieveCurrent();
      expect(account).toMatchObject({
        id: 'acct_1ShopTH',
        object: 'account',
        country: 'TH',
        default_currency: 'thb',
        charges_enabled: true,
        settings: { dashboard: { display_name: 'Khun Somchai Noodles' } },
      });
    }
    expect(await outcome(sdkFor(t.sim, 'sk_live_realkey000000').accounts.retrieveCurrent())).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
  });
});
