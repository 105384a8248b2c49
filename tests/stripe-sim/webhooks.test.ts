import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRetryDelays, type StripeSimOptions, type WebhookDeliveryRecord } from '../../stripe-sim/index';
import { expectEventShape, promptPayParams, rawRequest, startTestSim, type TestSim } from './sim-fixture';
import { startWebhookReceiver, type ReceivedWebhook, type WebhookReceiver } from './webhook-receiver';

const SECRET = 'whsec_chamra_test_secret';

let receiver: WebhookReceiver;
let t: TestSim | null = null;
beforeEach(async () => {
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await t?.sim.close();
  t = null;
  await receiver.close();
});

async function simWithEndpoint(options: StripeSimOptions = {}, secret = SECRET): Promise<TestSim> {
  t = await startTestSim({ webhookRetryDelaysMs: [50, 50, 50], ...options });
  t.sim.webhooks.add({ url: receiver.url, secret });
  return t;
}

function verify(stripe: Stripe, hook: ReceivedWebhook, secret = SECRET): Stripe.Event {
  return stripe.webhooks.constructEvent(hook.body, hook.headers['stripe-signature'] as string, secret);
}

const v1Count = (hook: ReceivedWebhook) => (hook.headers['stripe-signature'] as string).split(',').filter((p) => p.startsWith('v1=')).length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('webhook delivery', () => {
  it('POSTs each event signed like Stripe: the SDK verifies it with the secret and refuses a wrong one', async () => {
    const { sim, stripe } = await simWithEndpoint();
    const pi = await stripe.paymentIntents.create(promptPayParams(), { idempotencyKey: 'sale-W1' });
    const hooks = await receiver.waitFor(2);
    expect(hooks.map((h) => h.eventType).sort()).toEqual(['payment_intent.created', 'payment_intent.requires_action']);
    for (const hook of hooks) {
      expect(hook.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(hook.headers['user-agent']).toBe('Stripe/1.0 (+https://stripe.com/docs/webhooks)');
      expect(hook.headers['stripe-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      const event = verify(stripe, hook);
      expectEventShape(event);
      expect((event.data.object as Stripe.PaymentIntent).id).toBe(pi.id);
      expect(event.request).toEqual({ id: pi.lastResponse.requestId, idempotency_key: 'sale-W1' });
      // The body is the event from GET /v1/events (pending_webhooks counted at send time).
      const listed = await stripe.events.retrieve(event.id);
      expect({ ...JSON.parse(hook.body), pending_webhooks: 0 }).toEqual(JSON.parse(JSON.stringify(listed)));
      expect(event.pending_webhooks).toBe(1);

      expect(() => verify(stripe, hook, 'whsec_wrong')).toThrow(Stripe.errors.StripeSignatureVerificationError);
      // The exact bytes are signed: a re-serialized body does not verify.
      expect(() => stripe.webhooks.constructEvent(JSON.stringify(JSON.parse(hook.body)), hook.headers['stripe-signature'] as string, SECRET)).toThrow(
        Stripe.errors.StripeSignatureVerificationError,
      );
    }
    await sim.webhooks.idle();
    // pending_webhooks drops to 0 once the endpoint answered 2xx.
    expect((await stripe.events.list()).data.map((e) => e.pending_webhooks)).toEqual([0, 0]);
    expect(sim.webhooks.deliveries().map((d) => [d.attempt, d.status, d.outcome])).toEqual([
      [1, 200, 'succeeded'],
      [1, 200, 'succeeded'],
    ]);
  });

  it('delivers succeeded, payment_failed and canceled events too', async () => {
    const { sim, stripe } = await simWithEndpoint();
    const paid = await stripe.paymentIntents.create(promptPayParams());
    const failed = await stripe.paymentIntents.create(promptPayParams());
    const canceled = await stripe.paymentIntents.create(promptPayParams());
    await sim.succeed(paid.id);
    await sim.expire(failed.id);
    await stripe.paymentIntents.cancel(canceled.id);
    const hooks = await receiver.waitFor(9);
    const byType = (type: string) => hooks.filter((h) => h.eventType === type).map((h) => (verify(stripe, h).data.object as Stripe.PaymentIntent).id);
    expect(byType('payment_intent.succeeded')).toEqual([paid.id]);
    expect(byType('payment_intent.payment_failed')).toEqual([failed.id]);
    expect(byType('payment_intent.canceled')).toEqual([canceled.id]);
  });

  it('never blocks the API response on a slow endpoint', async () => {
    const { stripe } = await simWithEndpoint({ webhookTimeoutMs: 5_000 });
    receiver.stall(10, 2_000);
    const started = Date.now();
    await stripe.paymentIntents.create(promptPayParams());
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('only sends the event types an endpoint enabled', async () => {
    t = await startTestSim();
    const { sim, stripe } = t;
    const narrow = await startWebhookReceiver();
    try {
      const only = sim.webhooks.add({ url: narrow.url, secret: SECRET, enabledEvents: ['payment_intent.succeeded'] });
      sim.webhooks.add({ url: receiver.url, secret: SECRET });
      const pi = await stripe.paymentIntents.create(promptPayParams());
      await sim.succeed(pi.id);
      await sim.webhooks.idle();
      expect(narrow.received.map((h) => h.eventType)).toEqual(['payment_intent.succeeded']);
      expect(receiver.received).toHaveLength(3);
      expect(only.enabled_events).toEqual(['payment_intent.succeeded']);
      // pending_webhooks counts only the endpoints an event goes to.
      const created = (await stripe.events.list({ type: 'payment_intent.created' })).data[0];
      expect(JSON.parse(receiver.received.find((h) => h.eventId === created.id)!.body).pending_webhooks).toBe(1);
      // A disabled endpoint gets nothing.
      sim.webhooks.update(only.id, { disabled: true });
      const second = await stripe.paymentIntents.create(promptPayParams());
      await sim.succeed(second.id);
      await sim.webhooks.idle();
      expect(narrow.received).toHaveLength(1);
    } finally {
      await narrow.close();
    }
  });
});

describe('webhook endpoints through /_sim/webhook_endpoints', () => {
  it('creates (generating a whsec_ secret), lists, updates and deletes endpoints', async () => {
    t = await startTestSim();
    const created = await rawRequest(t.sim, 'POST', '/_sim/webhook_endpoints', {
      apiKey: null,
      json: { url: receiver.url, enabled_events: ['payment_intent.*'] },
    });
    expect(created.status).toBe(200);
    const endpoint = created.json as { id: string; url: string; secret: string; enabled_events: string[] };
    expect(endpoint).toMatchObject({ url: receiver.url, enabled_events: ['payment_intent.*'] });
    expect(endpoint.id).toMatch(/^we_[A-Za-z0-9]{24}$/);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9]{32}$/);

    const listed = await rawRequest(t.sim, 'GET', '/_sim/webhook_endpoints', { apiKey: null });
    expect((listed.json as { data: { id: string }[] }).data.map((e) => e.id)).toEqual([endpoint.id]);

    await t.stripe.paymentIntents.create(promptPayParams({ confirm: false }));
    const [hook] = await receiver.waitFor(1);
    expect(verify(t.stripe, hook, endpoint.secret).type).toBe('payment_intent.created');

    const deleted = await rawRequest(t.sim, 'DELETE', `/_sim/webhook_endpoints/${endpoint.id}`, { apiKey: null });
    expect(deleted.json).toEqual({ id: endpoint.id, object: 'webhook_endpoint', deleted: true });
    expect(t.sim.webhooks.list()).toEqual([]);
    await t.stripe.paymentIntents.create(promptPayParams({ confirm: false }));
    await t.sim.webhooks.idle();
    expect(receiver.received).toHaveLength(1);
    // The event is still there for reconciliation, with nobody left to deliver it to.
    expect((await t.stripe.events.list({ limit: 1 })).data[0].pending_webhooks).toBe(0);

    const missing = await rawRequest(t.sim, 'DELETE', `/_sim/webhook_endpoints/${endpoint.id}`, { apiKey: null });
    expect(missing.status).toBe(404);
    const bad = await rawRequest(t.sim, 'POST', '/_sim/webhook_endpoints', {
      apiKey: null,
      json: { url: 'ftp://example.com' },
    });
    expect([bad.status, (bad.json as { error: { param: string } }).error.param]).toEqual([400, 'url']);
  });

  it('rolling the secret signs with new and old secrets until the old one expires, like Stripe', async () => {
    const { sim, stripe } = await simWithEndpoint();
    const [endpoint] = sim.webhooks.list();
    const rolled = await rawRequest(sim, 'POST', `/_sim/webhook_endpoints/${endpoint.id}/roll_secret`, {
      apiKey: null,
      json: { expires_in_seconds: 3600 },
    });
    const newSecret = (rolled.json as { secret: string }).secret;
    expect(newSecret).toMatch(/^whsec_/);
    expect(newSecret).not.toBe(SECRET);
    expect((rolled.json as { previous_secrets: { secret: string }[] }).previous_secrets.map((s) => s.secret)).toEqual([SECRET]);

    await stripe.paymentIntents.create(promptPayParams({ confirm: false }));
    const [hook] = await receiver.waitFor(1);
    expect(v1Count(hook)).toBe(2);
    expect(verify(stripe, hook, SECRET).type).toBe('payment_intent.created'); // a till still on the old secret
    expect(verify(stripe, hook, newSecret).type).toBe('payment_intent.created');

    // Rolling with expires_in_seconds 0 retires the current secret at once; SECRET keeps its hour.
    const latest = sim.webhooks.rollSecret(endpoint.id, { expiresInSeconds: 0 });
    expect(latest.previous_secrets.map((s) => s.secret)).toEqual([SECRET]);
    await stripe.paymentIntents.create(promptPayParams({ confirm: false }));
    const [, second] = await receiver.waitFor(2);
    expect(v1Count(second)).toBe(2);
    expect(verify(stripe, second, latest.secret).id).toBe(second.eventId);
    expect(verify(stripe, second, SECRET).id).toBe(second.eventId);
    expect(() => verify(stripe, second, newSecret)).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it('an old secret stops verifying once its expiry has passed', async () => {
    let nowMs = Date.now();
    await simWithEndpoint({ now: () => nowMs });
    const { sim, stripe } = t!;
    const [endpoint] = sim.webhooks.list();
    const rolled = sim.webhooks.rollSecret(endpoint.id, { expiresInSeconds: 60 });
    nowMs += 61_000;
    await stripe.paymentIntents.create(promptPayParams({ confirm: false }));
    const [hook] = await receiver.waitFor(1);
    expect(v1Count(hook)).toBe(1);
    // The signature's t= follows the simulator's clock, so verify with a tolerance that covers the skew.
    expect(stripe.webhooks.constructEvent(hook.body, hook.headers['stripe-signature'] as string, rolled.secret, 600).id).toBe(hook.eventId);
    expect(() => stripe.webhooks.constructEvent(hook.body, hook.headers['stripe-signature'] as string, SECRET, 600)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
  });
});

describe('webhook retries', () => {
  it('retries after 500/503 with the configured backoff until a 2xx, then stops', async () => {
    const { sim, stripe } = await simWithEndpoint({ webhookRetryDelaysMs: [50, 100, 1_000] });
    receiver.respondWith([500, 503]);
    await stripe.paymentIntents.create(promptPayParams({ confirm: false }));
    const hooks = await receiver.waitFor(3);
    await sim.webhooks.idle();
    expect(new Set(hooks.map((h) => h.eventId)).size).toBe(1);
    hooks.forEach((h) => verify(stripe, h)); // every attempt is freshly signed
    expect(hooks[1].at - hooks[0].at).toBeGreaterThanOrEqual(45);
    expect(hooks[2].at - hooks[1].at).toBeGreaterThanOrEqual(95);
    const deliveries = sim.webhooks.deliveries({ eventId: hooks[0].eventId });
    expect(deliveries.map((d) => [d.attempt, d.status, d.outcome])).toEqual([
      [1, 500, 'failed'],
      [2, 503, 'failed'],
      [3, 200, 'succeeded'],
    ]);
    expect(deliveries[0].next_retry_at).toBeGreaterThan(deliveries[0].at);
    expect(deliveries[2].next_retry_at).toBeNull();
    expect(receiver.received).toHaveLength(3);

    const http = await rawRequest(sim, 'GET', `/_sim/webhook_deliveries?event_id=${hooks[0].eventId}`, { apiKey: null });
    const listed = (http.json as { data: WebhookDeliveryRecord[] }).data;
    expect(listed.map((d) => d.status)).toEqual([500, 503, 200]);
    expect(listed[0]).toMatchObject({ event_type: 'payment_intent.created', url: receiver.url, endpoint_id: sim.webhooks.list()[0].id });
  });

  it('gives up after the last retry and the event keeps pending_webhooks', async () => {
    const { sim, stripe } = await simWithEndpoint({ webhookRetryDelaysMs: [30] });
    receiver.respondWith([500, 500, 500]);
    await stripe.paymentIntents.create(promptPayParams({ confirm: false }));
    await receiver.waitFor(2);
    await sim.webhooks.idle();
    await sleep(100);
    expect(receiver.received).toHaveLength(2);
    expect((await stripe.events.list()).data[0].pending_webhooks).toBe(1);
  });

  it('a timeout and a refused connection count as failures and are retried', async () => {
    const { sim, stripe } = await simWithEndpoint({ webhookTimeoutMs: 150 });
    receiver.stall(1, 1_000);
    await stripe.paymentIntents.create(promptPayParams({ confirm: false }));
    await receiver.waitFor(2);
    await sim.webhooks.idle();
    expect(sim.webhooks.deliveries().map((d) => [d.status, d.outcome])).toEqual([
      [null, 'timeout'],
      [200, 'succeeded'],
    ]);

    const dead = sim.webhooks.add({ url: 'http://127.0.0.1:1/nobody-home', secret: SECRET, enabledEvents: ['payment_intent.canceled'] });
    const pi = await stripe.paymentIntents.create(promptPayParams({ confirm: false }));
    await stripe.paymentIntents.cancel(pi.id);
    await sim.webhooks.idle();
    const refused = sim.webhooks.deliveries({ endpointId: dead.id });
    expect(refused.map((d) => [d.attempt, d.outcome])).toEqual([
      [1, 'network_error'],
      [2, 'network_error'],
      [3, 'network_error'],
      [4, 'network_error'],
    ]);
  });
});

describe('webhook faults', () => {
  it('drop: the next event is never delivered, but stays in /v1/events', async () => {
    const { sim, stripe } = await simWithEndpoint();
    sim.webhooks.faults.set({ drop: { next: 1 } });
    await stripe.paymentIntents.create(promptPayParams()); // created (dropped), requires_action
    await sim.webhooks.idle();
    const events = (await stripe.events.list()).data;
    expect(events.map((e) => e.type)).toEqual(['payment_intent.requires_action', 'payment_intent.created']);
    expect(receiver.received.map((h) => h.eventType)).toEqual(['payment_intent.requires_action']);
    expect(events[1].pending_webhooks).toBe(1); // never delivered
    expect(sim.webhooks.deliveries({ eventId: events[1].id })).toMatchObject([{ attempt: 0, outcome: 'dropped' }]);
    expect(sim.webhooks.faults.get().drop).toBeNull(); // next-N is used up
  });

  it('duplicate: the next event arrives twice with the same id, both correctly signed', async () => {
    const { sim, stripe } = await simWithEndpoint();
    sim.webhooks.faults.set({ duplicate: { next: 1 } });
    await stripe.paymentIntents.create(promptPayParams({ confirm: false }));
    const hooks = await receiver.waitFor(2);
    await sim.webhooks.idle();
    expect(hooks[0].eventId).toBe(hooks[1].eventId);
    hooks.forEach((h) => verify(stripe, h));
    expect(sim.webhooks.deliveries().map((d) => d.duplicate).sort()).toEqual([false, true]);
    expect((await stripe.events.list()).data[0].pending_webhooks).toBe(0);
  });

  it('reorder: holds N events and delivers them newest first', async () => {
    const { sim, stripe } = await simWithEndpoint();
    sim.webhooks.faults.set({ reorder: { hold: 3 } });
    const pi = await stripe.paymentIntents.create(promptPayParams()); // created, requires_action (held)
    await sleep(100);
    expect(receiver.received).toHaveLength(0);
    expect(sim.webhooks.faults.get().reorder).toEqual({ hold: 3, held: 2 });
    await sim.succeed(pi.id); // third event: the batch goes out, reversed
    const hooks = await receiver.waitFor(3);
    expect(hooks.map((h) => h.eventType)).toEqual(['payment_intent.succeeded', 'payment_intent.requires_action', 'payment_intent.created']);
    expect(sim.webhooks.faults.get().reorder).toBeNull();
  });

  it('reorder: flush releases a partial batch; clear releases and switches everything off', async () => {
    const { sim, stripe } = await simWithEndpoint();
    sim.webhooks.faults.set({ reorder: 5, drop: { probability: 0.5 } });
    expect(sim.webhooks.faults.get()).toMatchObject({ reorder: { hold: 5, held: 0 }, drop: { probability: 0.5 } });
    sim.webhooks.faults.clear();
    sim.webhooks.faults.set({ reorder: 5 });
    await stripe.paymentIntents.create(promptPayParams());
    const flushed = await rawRequest(sim, 'POST', '/_sim/webhook_faults/flush', { apiKey: null });
    expect((flushed.json as { released: number }).released).toBe(2);
    const hooks = await receiver.waitFor(2);
    expect(hooks.map((h) => h.eventType)).toEqual(['payment_intent.requires_action', 'payment_intent.created']);
    const cleared = await rawRequest(sim, 'DELETE', '/_sim/webhook_faults', { apiKey: null });
    expect(cleared.json).toMatchObject({ drop: null, duplicate: null, delay_ms: null, reorder: null });
  });

  it('delay_ms: delivery waits at least that long', async () => {
    const { sim, stripe } = await simWithEndpoint();
    const set = await rawRequest(sim, 'POST', '/_sim/webhook_faults', {
      apiKey: null,
      json: { delay_ms: { ms: 300, next: 1 } },
    });
    expect((set.json as { delay_ms: unknown }).delay_ms).toEqual({ ms: 300, next: 1 });
    const started = Date.now();
    await stripe.paymentIntents.create(promptPayParams({ confirm: false }));
    const [hook] = await receiver.waitFor(1);
    expect(hook.at - started).toBeGreaterThanOrEqual(290);
    expect(sim.webhooks.faults.get().delay_ms).toBeNull();
  });

  it('probabilities are reproducible with a seed', async () => {
    const { sim, stripe } = await simWithEndpoint();
    const run = async (): Promise<boolean[]> => {
      sim.webhooks.faults.set({ drop: 0.5, seed: 42 });
      for (let i = 0; i < 12; i++) await stripe.paymentIntents.create(promptPayParams({ confirm: false }));
      await sim.webhooks.idle();
      const oldestFirst = (await stripe.events.list({ limit: 12 })).data.reverse();
      return oldestFirst.map((e) => sim.webhooks.deliveries({ eventId: e.id })[0].outcome === 'dropped');
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    expect(first.some(Boolean) && !first.every(Boolean)).toBe(true);
  });

  it('refuses malformed fault settings without changing anything', async () => {
    const { sim } = await simWithEndpoint();
    sim.webhooks.faults.set({ duplicate: { next: 2 } });
    const res = await rawRequest(sim, 'POST', '/_sim/webhook_faults', {
      apiKey: null,
      json: { drop: { next: 1 }, reorder: 1 },
    });
    expect(res.status).toBe(400);
    expect(sim.webhooks.faults.get()).toMatchObject({ drop: null, duplicate: { next: 2 } });
  });
});

describe('close()', () => {
  it('returns promptly with a delivery in flight and a retry scheduled, and nothing is sent afterwards', async () => {
    const { sim, stripe } = await simWithEndpoint({ webhookRetryDelaysMs: [60_000], webhookTimeoutMs: 30_000 });
    receiver.respondWith([500]);
    receiver.stall(0, 0);
    await stripe.paymentIntents.create(promptPayParams({ confirm: false })); // fails → retry in 60 s
    await receiver.waitFor(1);
    receiver.stall(5, 10_000);
    await stripe.paymentIntents.create(promptPayParams({ confirm: false })); // in flight, endpoint stalls
    await receiver.waitFor(2);
    const started = Date.now();
    await sim.close();
    t = null;
    expect(Date.now() - started).toBeLessThan(1_000);
    await sleep(100);
    expect(receiver.received).toHaveLength(2);
  });
});

describe('retry schedule from SIM_WEBHOOK_RETRY_MS', () => {
  it('parses a comma list of milliseconds and refuses junk', () => {
    expect(parseRetryDelays('100, 200,400')).toEqual([100, 200, 400]);
    expect(parseRetryDelays('none')).toEqual([]);
    expect(() => parseRetryDelays('1s,2s')).toThrow(/SIM_WEBHOOK_RETRY_MS/);
  });
});
