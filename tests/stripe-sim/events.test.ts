import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectEventShape, expectStripeShape, promptPayParams, rawRequest, startTestSim, type TestSim } from './sim-fixture';

// A controllable clock so `created` filters can be tested without sleeping.
let nowMs = Date.UTC(2026, 10, 26, 3, 0, 0);
let t: TestSim;
beforeEach(async () => {
  nowMs = Date.UTC(2026, 10, 26, 3, 0, 0);
  t = await startTestSim({ now: () => nowMs });
});
afterEach(async () => {
  await t.sim.close();
});

const advanceSeconds = (s: number) => {
  nowMs += s * 1000;
};

async function listAll(params: Stripe.EventListParams): Promise<Stripe.ApiList<Stripe.Event>> {
  const list = await t.stripe.events.list(params);
  expectStripeShape('event_list', list);
  list.data.forEach(expectEventShape);
  return list;
}

describe('events for the PaymentIntent lifecycle', () => {
  it('a create+confirm records payment_intent.created then payment_intent.requires_action with the request id and idempotency key', async () => {
    const pi = await t.stripe.paymentIntents.create(promptPayParams(), { idempotencyKey: 'sale-S-0001' });
    const list = await listAll({});
    expect(list.data.map((e) => e.type)).toEqual(['payment_intent.requires_action', 'payment_intent.created']);
    for (const event of list.data) {
      expect(event.id).toMatch(/^evt_[A-Za-z0-9]{24}$/);
      expect(event.object).toBe('event');
      expect(event.api_version).toBe('2026-10-28.endive');
      expect(event.livemode).toBe(false);
      expect(event.pending_webhooks).toBe(0);
      expect(event.request).toEqual({ id: pi.lastResponse.requestId, idempotency_key: 'sale-S-0001' });
      expect((event.data.object as Stripe.PaymentIntent).id).toBe(pi.id);
    }
    expect(list).toMatchObject({ object: 'list', has_more: false, url: '/v1/events' });
  });

  it('succeed, fail and cancel record succeeded, payment_failed and canceled events with snapshots', async () => {
    const paid = await t.stripe.paymentIntents.create(promptPayParams());
    const failed = await t.stripe.paymentIntents.create(promptPayParams());
    const expired = await t.stripe.paymentIntents.create(promptPayParams());
    const canceled = await t.stripe.paymentIntents.create(promptPayParams());
    await t.sim.succeed(paid.id);
    await t.sim.fail(failed.id);
    await t.sim.expire(expired.id);
    await t.stripe.paymentIntents.cancel(canceled.id);

    const list = await listAll({ limit: 4 });
    expect(list.data.map((e) => [e.type, (e.data.object as Stripe.PaymentIntent).id])).toEqual([
      ['payment_intent.canceled', canceled.id],
      ['payment_intent.payment_failed', expired.id],
      ['payment_intent.payment_failed', failed.id],
      ['payment_intent.succeeded', paid.id],
    ]);
    const snapshot = (i: number) => list.data[i].data.object as Stripe.PaymentIntent;
    expect(snapshot(0).status).toBe('canceled');
    expect(snapshot(1).last_payment_error?.code).toBe('payment_intent_payment_attempt_expired');
    expect(snapshot(2).last_payment_error?.code).toBe('payment_intent_payment_attempt_failed');
    expect([snapshot(3).status, snapshot(3).amount_received]).toEqual(['succeeded', paid.amount]);
    // A background transition was not caused by an API request.
    expect(list.data[3].request).toEqual({ id: null, idempotency_key: null });
  });

  it('an event snapshot does not change when the PaymentIntent changes later', async () => {
    const pi = await t.stripe.paymentIntents.create(promptPayParams());
    await t.sim.succeed(pi.id);
    const created = (await listAll({ type: 'payment_intent.created' })).data[0];
    expect((created.data.object as Stripe.PaymentIntent).status).toBe('requires_action');
  });

  it('retrieves one event by id, and an unknown id is resource_missing on param id', async () => {
    await t.stripe.paymentIntents.create(promptPayParams());
    const [first] = (await listAll({ limit: 1 })).data;
    const fetched = await t.stripe.events.retrieve(first.id);
    expectEventShape(fetched);
    expect(fetched.id).toBe(first.id);
    const e = await t.stripe.events.retrieve('evt_missing').then(
      () => null,
      (err: Stripe.errors.StripeError) => err,
    );
    expect([e?.statusCode, e?.code, e?.param]).toEqual([404, 'resource_missing', 'id']);
  });
});

describe('listing events', () => {
  it('filters by type, by a types[] list and by a type wildcard', async () => {
    const a = await t.stripe.paymentIntents.create(promptPayParams());
    await t.stripe.paymentIntents.create(promptPayParams());
    await t.sim.succeed(a.id);
    expect((await listAll({ type: 'payment_intent.succeeded' })).data.map((e) => e.type)).toEqual(['payment_intent.succeeded']);
    expect((await listAll({ type: 'payment_intent.created' })).data).toHaveLength(2);
    expect((await listAll({ types: ['payment_intent.succeeded', 'payment_intent.created'] })).data).toHaveLength(3);
    expect((await listAll({ type: 'payment_intent.*' })).data).toHaveLength(5);
    expect((await listAll({ type: 'charge.refunded' })).data).toEqual([]);
  });

  it('filters by created[gt], created[gte], created[lt], created[lte] and an exact created', async () => {
    const start = Math.floor(nowMs / 1000);
    await t.stripe.paymentIntents.create(promptPayParams()); // 2 events at start
    advanceSeconds(10);
    const later = await t.stripe.paymentIntents.create(promptPayParams()); // 2 events at start+10
    advanceSeconds(10);
    await t.sim.succeed(later.id); // 1 event at start+20

    expect((await listAll({ created: { gt: start } })).data).toHaveLength(3);
    expect((await listAll({ created: { gte: start } })).data).toHaveLength(5);
    expect((await listAll({ created: { lt: start + 10 } })).data).toHaveLength(2);
    expect((await listAll({ created: { lte: start + 10 } })).data).toHaveLength(4);
    expect((await listAll({ created: { gt: start, lt: start + 20 } })).data.every((e) => e.created === start + 10)).toBe(true);
    expect((await listAll({ created: start + 20 })).data.map((e) => e.type)).toEqual(['payment_intent.succeeded']);
  });

  it('paginates newest first with limit, starting_after and ending_before', async () => {
    for (let i = 0; i < 6; i++) {
      await t.stripe.paymentIntents.create(promptPayParams({ confirm: false })); // one created event each
      advanceSeconds(1);
    }
    const all = await listAll({ limit: 100 });
    expect(all.data).toHaveLength(6);
    expect(all.data.map((e) => e.created)).toEqual([...all.data.map((e) => e.created)].sort((x, y) => y - x));

    const page1 = await listAll({ limit: 4 });
    expect(page1.has_more).toBe(true);
    const page2 = await listAll({ limit: 4, starting_after: page1.data[3].id });
    expect(page2.has_more).toBe(false);
    expect([...page1.data, ...page2.data].map((e) => e.id)).toEqual(all.data.map((e) => e.id));

    const back = await listAll({ limit: 2, ending_before: all.data[4].id });
    expect(back.data.map((e) => e.id)).toEqual([all.data[2].id, all.data[3].id]);
    expect(back.has_more).toBe(true);
  });

  it('the SDK auto-pager walks every page', async () => {
    for (let i = 0; i < 5; i++) await t.stripe.paymentIntents.create(promptPayParams({ confirm: false }));
    const seen = await t.stripe.events.list({ limit: 2 }).autoPagingToArray({ limit: 50 });
    expect(seen).toHaveLength(5);
    expect(new Set(seen.map((e) => e.id)).size).toBe(5);
  });

  it('defaults to 10 events and refuses a limit over 100', async () => {
    for (let i = 0; i < 6; i++) await t.stripe.paymentIntents.create(promptPayParams()); // 12 events
    const list = await listAll({});
    expect([list.data.length, list.has_more]).toEqual([10, true]);
    const res = await rawRequest(t.sim, 'GET', '/v1/events?limit=101');
    expect(res.status).toBe(400);
    expect((res.json as { error: { param: string } }).error.param).toBe('limit');
  });

  it('an unknown starting_after cursor is resource_missing', async () => {
    const res = await rawRequest(t.sim, 'GET', '/v1/events?starting_after=evt_nope');
    expect(res.status).toBe(404);
    expect((res.json as { error: { code: string; param: string } }).error).toMatchObject({ code: 'resource_missing', param: 'starting_after' });
  });
});
