// POST /v1/payment_intents/:id through the official SDK: receipt_email set on a succeeded PromptPay
// payment is kept on the PaymentIntent and its Charge (Stripe emails its receipt to it), an invalid
// address is refused like Stripe refuses it and changes nothing, the Idempotency-Key replays, and
// updates the simulator does not model are refused by name.
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { expectStripeShape, promptPayParams, startTestSim, type TestSim } from './sim-fixture';

let t: TestSim | null = null;
afterEach(async () => {
  await t?.sim.close();
  t = null;
});

async function updateError(stripe: Stripe, id: string, params: Stripe.PaymentIntentUpdateParams, options: Stripe.RequestOptions = {}): Promise<Stripe.errors.StripeError> {
  return stripe.paymentIntents.update(id, params, options).then(
    () => {
      throw new Error('the update should have been refused');
    },
    (error: Stripe.errors.StripeError) => error,
  );
}

describe('POST /v1/payment_intents/:id (receipt_email)', () => {
  it('keeps receipt_email on a succeeded PaymentIntent and its Charge; the same key replays', async () => {
    t = await startTestSim();
    const created = await t.stripe.paymentIntents.create(promptPayParams());
    expect(created.receipt_email).toBeNull();
    await t.sim.succeed(created.id);

    const updated = await t.stripe.paymentIntents.update(created.id, { receipt_email: 'somsri@example.co.th' }, { idempotencyKey: 'receipt-email:1' });
    expectStripeShape('payment_intent', updated);
    expect([updated.id, updated.status, updated.receipt_email]).toEqual([created.id, 'succeeded', 'somsri@example.co.th']);
    const read = await t.stripe.paymentIntents.retrieve(created.id, { expand: ['latest_charge'] });
    expect(read.receipt_email).toBe('somsri@example.co.th');
    expect((read.latest_charge as Stripe.Charge).receipt_email).toBe('somsri@example.co.th');

    const again = await t.stripe.paymentIntents.update(created.id, { receipt_email: 'somsri@example.co.th' }, { idempotencyKey: 'receipt-email:1' });
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    // Another address under the same key is a different request: refused, nothing changes.
    const reused = await updateError(t.stripe, created.id, { receipt_email: 'other@example.com' }, { idempotencyKey: 'receipt-email:1' });
    expect(reused.type).toBe('StripeIdempotencyError');
    expect((await t.stripe.paymentIntents.retrieve(created.id)).receipt_email).toBe('somsri@example.co.th');
  });

  it('refuses an invalid address with email_invalid and changes nothing', async () => {
    t = await startTestSim();
    const created = await t.stripe.paymentIntents.create(promptPayParams());
    await t.sim.succeed(created.id);
    await t.stripe.paymentIntents.update(created.id, { receipt_email: 'first@example.com' });
    for (const bad of ['test@test', 'no-at-sign', 'a b@example.com']) {
      const error = await updateError(t.stripe, created.id, { receipt_email: bad });
      expect(error.statusCode).toBe(400);
      expect([error.code, error.param]).toEqual(['email_invalid', 'receipt_email']);
    }
    expect((await t.stripe.paymentIntents.retrieve(created.id)).receipt_email).toBe('first@example.com');
  });

  it('unsets receipt_email with an empty value, sets description, and refuses what it does not model', async () => {
    t = await startTestSim();
    const created = await t.stripe.paymentIntents.create({ ...promptPayParams(), receipt_email: 'a@example.com' });
    const updated = await t.stripe.paymentIntents.update(created.id, { receipt_email: '', description: 'Table 4' });
    expect(updated.receipt_email).toBeNull();
    expect(updated.description).toBe('Table 4');
    const metadata = await updateError(t.stripe, created.id, { metadata: { a: '1' } });
    expect([metadata.statusCode, metadata.param]).toEqual([400, 'metadata']);
    const amount = await updateError(t.stripe, created.id, { amount: 5000 });
    expect([amount.statusCode, amount.param]).toEqual([400, 'amount']);
    const missing = await updateError(t.stripe, 'pi_doesNotExist000000', { receipt_email: 'a@example.com' });
    expect(missing.statusCode).toBe(404);
  });
});
