import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startStripeSim } from '../../stripe-sim/index';
import { expectStripeShape, promptPayParams, rawRequest, sdkFor, startTestSim, type TestSim } from './sim-fixture';
import { refundParamsErrors, stripeSchemaPropertyNames } from './stripe-schemas';
import { startWebhookReceiver } from './webhook-receiver';

let nowMs = Date.now();
let t: TestSim;
beforeEach(async () => {
  nowMs = Date.now();
  t = await startTestSim({ now: () => nowMs });
});
afterEach(async () => {
  await t.sim.close();
});

/** Every request the tests send must be one Stripe's own schema accepts. */
function refundParams(params: Stripe.RefundCreateParams): Stripe.RefundCreateParams {
  expect(refundParamsErrors(params)).toEqual([]);
  return params;
}

function expectRefundShape(refund: unknown): void {
  expectStripeShape('refund', refund);
  const known = stripeSchemaPropertyNames('refund');
  expect(Object.keys(refund as object).filter((k) => !known.includes(k) && k !== 'lastResponse')).toEqual([]);
}

async function paidIntent(overrides: Partial<Stripe.PaymentIntentCreateParams> = {}): Promise<Stripe.PaymentIntent> {
  const pi = await t.stripe.paymentIntents.create(promptPayParams(overrides));
  await t.sim.succeed(pi.id);
  return t.stripe.paymentIntents.retrieve(pi.id);
}

async function stripeError(promise: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  return promise.then(
    () => {
      throw new Error('expected a Stripe error');
    },
    (e: Stripe.errors.StripeError) => e,
  );
}

async function eventsOfType(type: string): Promise<Stripe.Event[]> {
  return (await t.stripe.events.list({ type, limit: 100 })).data;
}

describe('POST /v1/refunds for a PromptPay payment', () => {
  it('creates a requires_action refund that emails the customer for bank details, like Stripe', async () => {
    const pi = await paidIntent();
    const refund = await t.stripe.refunds.create(
      refundParams({ payment_intent: pi.id, amount: 5_000, reason: 'requested_by_customer', metadata: { sale_id: 'S-0001' } }),
      { idempotencyKey: 'refund-S-0001-1' },
    );
    expectRefundShape(refund);
    const now = Math.floor(nowMs / 1000);
    expect(refund).toMatchObject({
      object: 'refund',
      amount: 5_000,
      currency: 'thb',
      status: 'requires_action',
      payment_intent: pi.id,
      charge: pi.latest_charge,
      reason: 'requested_by_customer',
      metadata: { sale_id: 'S-0001' },
      next_action: {
        type: 'display_details',
        display_details: { email_sent: { email_sent_at: now, email_sent_to: 'customer@example.com' } },
      },
    });
    expect(refund.id).toMatch(/^re_[A-Za-z0-9]{24}$/);
    expect(refund.next_action?.display_details?.expires_at).toBeGreaterThan(now);
    expect(refund.instructions_email).toBeUndefined();
    await expect(t.stripe.refunds.retrieve(refund.id)).resolves.toMatchObject({ id: refund.id, status: 'requires_action' });

    const [created] = await eventsOfType('refund.created');
    expect(created.data.object).toMatchObject({ id: refund.id, status: 'requires_action' });
    expect(created.request).toEqual({ id: refund.lastResponse.requestId, idempotency_key: 'refund-S-0001-1' });
    expectStripeShape('event', created);
    const [chargeRefunded] = await eventsOfType('charge.refunded');
    expect(chargeRefunded.data.object).toMatchObject({
      id: pi.latest_charge,
      object: 'charge',
      amount: pi.amount,
      amount_refunded: 5_000,
      refunded: false,
      payment_intent: pi.id,
      currency: 'thb',
    });
    expect(chargeRefunded.data.previous_attributes).toEqual({ amount_refunded: 0, refunded: false });
  });

  it('defaults to the remaining amount, uses instructions_email when given, and tracks the charge totals', async () => {
    const pi = await paidIntent();
    const first = await t.stripe.refunds.create(refundParams({ payment_intent: pi.id, amount: 2_550 }));
    const rest = await t.stripe.refunds.create(refundParams({ charge: pi.latest_charge as string, instructions_email: 'other@example.com' }));
    expect(rest.amount).toBe(pi.amount - 2_550);
    expect(rest.instructions_email).toBe('other@example.com');
    expect(rest.next_action?.display_details?.email_sent?.email_sent_to).toBe('other@example.com');
    const charges = (await eventsOfType('charge.refunded')).map((e) => e.data.object as Stripe.Charge);
    expect(charges.map((c) => [c.amount_refunded, c.refunded])).toEqual([
      [pi.amount, true],
      [2_550, false],
    ]);
    const e = await stripeError(t.stripe.refunds.create({ payment_intent: pi.id, amount: 100 }));
    expect([e.statusCode, e.type, e.code, e.message]).toEqual([
      400,
      'StripeInvalidRequestError',
      'charge_already_refunded',
      `Charge ${pi.latest_charge} has already been refunded.`,
    ]);
    expect(first.status).toBe('requires_action');
  });

  it('refuses more than the unrefunded amount with amount_too_large and Stripe’s wording', async () => {
    const pi = await paidIntent({ amount: 125_050 });
    await t.stripe.refunds.create(refundParams({ payment_intent: pi.id, amount: 25_050 }));
    const e = await stripeError(t.stripe.refunds.create(refundParams({ payment_intent: pi.id, amount: 100_001 })));
    expect([e.statusCode, e.code, e.param]).toEqual([400, 'amount_too_large', 'amount']);
    expect(e.message).toBe('Refund amount (฿1,000.01) is greater than unrefunded amount on charge (฿1,000.00)');
    expectStripeShape('error', { error: e.raw });
  });

  it('refuses a PaymentIntent that was not paid, an unknown one, and bad params', async () => {
    const unpaid = await t.stripe.paymentIntents.create(promptPayParams());
    const e = await stripeError(t.stripe.refunds.create(refundParams({ payment_intent: unpaid.id })));
    expect([e.statusCode, e.rawType, e.code, e.param, e.message]).toEqual([
      400,
      'invalid_request_error',
      'payment_intent_unexpected_state',
      'payment_intent',
      'This PaymentIntent does not have a successful charge to refund.',
    ]);
    const missing = await stripeError(t.stripe.refunds.create(refundParams({ payment_intent: 'pi_nope' })));
    expect([missing.statusCode, missing.code, missing.param]).toEqual([404, 'resource_missing', 'payment_intent']);
    const none = await stripeError(t.stripe.refunds.create({}));
    expect([none.code, none.param]).toEqual(['parameter_missing', 'charge']);

    const pi = await paidIntent();
    const zero = await stripeError(t.stripe.refunds.create({ payment_intent: pi.id, amount: 0 }));
    expect([zero.code, zero.param]).toEqual(['parameter_invalid_integer', 'amount']);
    const reason = await rawRequest(t.sim, 'POST', '/v1/refunds', { form: `payment_intent=${pi.id}&reason=changed_mind` });
    expect([reason.status, (reason.json as { error: { param: string } }).error.param]).toEqual([400, 'reason']);
    const unknown = await rawRequest(t.sim, 'POST', '/v1/refunds', { form: `payment_intent=${pi.id}&payment_method_types[0]=card` });
    expect((unknown.json as { error: { code: string } }).error.code).toBe('parameter_unknown');
    const connect = await rawRequest(t.sim, 'POST', '/v1/refunds', { form: `payment_intent=${pi.id}&reverse_transfer=true` });
    expect([connect.status, (connect.json as { error: { param: string } }).error.param]).toEqual([400, 'reverse_transfer']);
    const email = await stripeError(t.stripe.refunds.create({ payment_intent: pi.id, instructions_email: 'not-an-email' }));
    expect(email.param).toBe('instructions_email');
    // Nothing was refunded by any of these.
    expect((await t.stripe.refunds.list({ payment_intent: pi.id })).data).toEqual([]);
  });

  it('an Idempotency-Key replays the refund instead of refunding twice', async () => {
    const pi = await paidIntent();
    const params = refundParams({ payment_intent: pi.id, amount: 1_000 });
    const first = await t.stripe.refunds.create(params, { idempotencyKey: 'refund-key-1' });
    const again = await t.stripe.refunds.create(params, { idempotencyKey: 'refund-key-1' });
    expect(again.id).toBe(first.id);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect((await t.stripe.refunds.list({ payment_intent: pi.id })).data).toHaveLength(1);
    const clash = await stripeError(t.stripe.refunds.create({ payment_intent: pi.id, amount: 2_000 }, { idempotencyKey: 'refund-key-1' }));
    expect(clash).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });
});

describe('the refund lifecycle', () => {
  it('requires_action → pending → succeeded, with refund.updated events', async () => {
    const pi = await paidIntent();
    const refund = await t.stripe.refunds.create(refundParams({ payment_intent: pi.id }));
    const submitted = await rawRequest(t.sim, 'POST', `/_sim/refunds/${refund.id}/bank_details_submitted`, { apiKey: null });
    expect(submitted.json).toMatchObject({ status: 'pending' });
    const pending = await t.stripe.refunds.retrieve(refund.id);
    expectRefundShape(pending);
    expect(pending.next_action).toBeUndefined();
    await t.sim.refunds.succeed(refund.id);
    const done = await t.stripe.refunds.retrieve(refund.id);
    expectRefundShape(done);
    expect(done.status).toBe('succeeded');
    expect(done.destination_details).toMatchObject({ type: 'th_bank_transfer', th_bank_transfer: { reference_status: 'available' } });
    const updates = (await eventsOfType('refund.updated')).reverse();
    expect(updates.map((e) => [(e.data.object as Stripe.Refund).status, (e.data.previous_attributes as { status?: string } | undefined)?.status])).toEqual([
      ['pending', 'requires_action'],
      ['succeeded', 'pending'],
    ]);
    updates.forEach((e) => expectRefundShape(e.data.object));
    const again = await rawRequest(t.sim, 'POST', `/_sim/refunds/${refund.id}/succeed`, { apiKey: null });
    expect(again.status).toBe(409);
  });

  it('a failed refund gives the amount back to refund, with refund.failed and failure_reason', async () => {
    const pi = await paidIntent();
    const refund = await t.stripe.refunds.create(refundParams({ payment_intent: pi.id }));
    await t.sim.refunds.submitBankDetails(refund.id);
    const failed = await rawRequest(t.sim, 'POST', `/_sim/refunds/${refund.id}/fail`, { apiKey: null, json: { failure_reason: 'declined' } });
    expect(failed.json).toMatchObject({ status: 'failed', failure_reason: 'declined' });
    const [event] = await eventsOfType('refund.failed');
    expect(event.data.object).toMatchObject({ id: refund.id, status: 'failed', failure_reason: 'declined' });
    // The money is back with the shop, so the sale can be refunded again.
    const retry = await t.stripe.refunds.create(refundParams({ payment_intent: pi.id }));
    expect(retry.amount).toBe(pi.amount);
  });

  it('cancel works only while the customer has not given bank details', async () => {
    const pi = await paidIntent();
    const refund = await t.stripe.refunds.create(refundParams({ payment_intent: pi.id, amount: 4_000 }));
    const canceled = await t.stripe.refunds.cancel(refund.id);
    expectRefundShape(canceled);
    expect(canceled).toMatchObject({ status: 'canceled', failure_reason: 'merchant_request' });
    expect(canceled.next_action).toBeUndefined();
    const [update] = await eventsOfType('refund.updated');
    expect(update.data.object).toMatchObject({ id: refund.id, status: 'canceled' });

    const second = await t.stripe.refunds.create(refundParams({ payment_intent: pi.id })); // the whole amount again
    expect(second.amount).toBe(pi.amount);
    await t.sim.refunds.submitBankDetails(second.id);
    const e = await stripeError(t.stripe.refunds.cancel(second.id));
    expect([e.statusCode, e.rawType]).toEqual([400, 'invalid_request_error']);
    expect(e.message).toContain('requires_action');
  });

  it('lists refunds by payment_intent, newest first, with pagination', async () => {
    const pi = await paidIntent();
    const other = await paidIntent();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await t.stripe.refunds.create(refundParams({ payment_intent: pi.id, amount: 1_000 }))).id);
      nowMs += 1_000;
    }
    await t.stripe.refunds.create(refundParams({ payment_intent: other.id, amount: 1_000 }));
    const list = await t.stripe.refunds.list({ payment_intent: pi.id });
    expectStripeShape('refund_list', list);
    expect(list.data.map((r) => r.id)).toEqual([...ids].reverse());
    const page = await t.stripe.refunds.list({ payment_intent: pi.id, limit: 2 });
    expect(page.has_more).toBe(true);
    const next = await t.stripe.refunds.list({ payment_intent: pi.id, limit: 2, starting_after: page.data[1].id });
    expect([...page.data, ...next.data].map((r) => r.id)).toEqual([...ids].reverse());
    const back = await t.stripe.refunds.list({ payment_intent: pi.id, limit: 2, ending_before: next.data[0].id });
    expect(back.data.map((r) => r.id)).toEqual(page.data.map((r) => r.id));
    const window = await t.stripe.refunds.list({ payment_intent: pi.id, created: { lte: list.data[1].created } });
    expect(window.data.map((r) => r.id)).toEqual([ids[1], ids[0]]);
    expect((await t.stripe.refunds.list({ limit: 100 })).data).toHaveLength(4);
    const missing = await stripeError(t.stripe.refunds.retrieve('re_nope'));
    expect([missing.statusCode, missing.code]).toEqual([404, 'resource_missing']);
  });

  it('refund events are delivered to webhooks like any event', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const secret = 'whsec_refunds';
      t.sim.webhooks.add({ url: receiver.url, secret, enabledEvents: ['refund.*', 'charge.refunded'] });
      const pi = await paidIntent();
      const refund = await t.stripe.refunds.create(refundParams({ payment_intent: pi.id }));
      await t.sim.refunds.fail(refund.id);
      await t.sim.webhooks.idle();
      const events = receiver.received.map((h) =>
        t.stripe.webhooks.constructEvent(h.body, h.headers['stripe-signature'] as string, secret, 600),
      );
      expect(events.map((e) => e.type).sort()).toEqual(['charge.refunded', 'refund.created', 'refund.failed', 'refund.updated']);
    } finally {
      await receiver.close();
    }
  });
});

describe('refunds in the state file', () => {
  it('refunds and charge totals survive a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stripe-sim-refunds-'));
    try {
      const stateFile = join(dir, 'state.json');
      const first = await startStripeSim({ port: 0, stateFile });
      const stripe = sdkFor(first);
      const pi = await stripe.paymentIntents.create(promptPayParams());
      await first.succeed(pi.id);
      const refund = await stripe.refunds.create({ payment_intent: pi.id, amount: 2_000 });
      await first.close();

      const second = await startStripeSim({ port: 0, stateFile });
      try {
        const again = sdkFor(second);
        await expect(again.refunds.retrieve(refund.id)).resolves.toMatchObject({ status: 'requires_action', amount: 2_000 });
        await second.refunds.succeed(refund.id);
        expect(second.refunds.get(refund.id)).toMatchObject({ status: 'succeeded' });
        const e = await stripeError(again.refunds.create({ payment_intent: pi.id, amount: pi.amount }));
        expect(e.message).toBe('Refund amount (฿125.50) is greater than unrefunded amount on charge (฿105.50)');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
