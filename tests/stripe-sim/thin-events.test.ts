import { afterEach, describe, expect, it } from 'vitest';
import { promptPayParams, rawRequest, startTestSim, type TestSim } from './sim-fixture';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver';

let t: TestSim | null = null;
let receiver: WebhookReceiver | null = null;
afterEach(async () => {
  await t?.sim.close();
  await receiver?.close();
  t = null;
  receiver = null;
});

describe('thin event payloads (an event destination set to "thin")', () => {
  it('sends signed v2.core.event notifications that the SDK refuses as webhooks but reads as thin notifications', async () => {
    receiver = await startWebhookReceiver();
    t = await startTestSim();
    const created = await rawRequest(t.sim, 'POST', '/_sim/webhook_endpoints', {
      apiKey: null,
      json: { url: receiver.url, event_payload: 'thin', enabled_events: ['v1.payment_intent.succeeded'] },
    });
    const endpoint = created.json as { secret: string; event_payload: string };
    expect(endpoint.event_payload).toBe('thin');

    const pi = await t.stripe.paymentIntents.create(promptPayParams());
    await t.sim.succeed(pi.id);
    const [hook] = await receiver.waitFor(1);
    await t.sim.webhooks.idle();
    expect(receiver.received).toHaveLength(1); // only the enabled type

    const body = JSON.parse(hook.body) as Record<string, unknown>;
    const [snapshot] = (await t.stripe.events.list({ type: 'payment_intent.succeeded' })).data;
    expect(body).toEqual({
      id: expect.stringMatching(/^evt_test_[A-Za-z0-9]{24}$/),
      object: 'v2.core.event',
      type: 'v1.payment_intent.succeeded',
      livemode: false,
      created: new Date(snapshot.created * 1000).toISOString(),
      related_object: { id: pi.id, type: 'payment_intent', url: `/v1/payment_intents/${pi.id}` },
      snapshot_event: snapshot.id,
    });
    const signature = hook.headers['stripe-signature'] as string;
    // The signature is good, yet a snapshot handler cannot use it: the SDK says why.
    expect(() => t!.stripe.webhooks.constructEvent(hook.body, signature, endpoint.secret)).toThrow(/thin event notification/);
    const notification = t.stripe.parseEventNotification(hook.body, signature, endpoint.secret);
    expect(notification.type).toBe('v1.payment_intent.succeeded');
  });

  it('snapshot stays the default, and an unknown payload style is refused', async () => {
    receiver = await startWebhookReceiver();
    t = await startTestSim();
    expect(t.sim.webhooks.add({ url: receiver.url }).event_payload).toBe('snapshot');
    const bad = await rawRequest(t.sim, 'POST', '/_sim/webhook_endpoints', { apiKey: null, json: { url: receiver.url, event_payload: 'fat' } });
    expect([bad.status, (bad.json as { error: { param: string } }).error.param]).toEqual([400, 'event_payload']);
    expect(t.sim.webhooks.list()).toHaveLength(1);
  });
});
