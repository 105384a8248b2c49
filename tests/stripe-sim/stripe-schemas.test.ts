import { describe, expect, it } from 'vitest';
import { cancelParamsAllowed, createParamsAllowed, createParamsErrors, refundParamsAllowed, refundParamsErrors, validateAgainstStripeSchema } from './stripe-schemas';

const minimalIntent = { id: 'pi_x', object: 'payment_intent', created: 1, livemode: false, status: 'requires_action' };

describe('the Stripe schema loader used by the conformance checks', () => {
  it('accepts a well-formed object and null for nullable fields', () => {
    expect(validateAgainstStripeSchema('payment_intent', { ...minimalIntent, cancellation_reason: null, next_action: null, latest_charge: null })).toEqual([]);
  });

  it('rejects a wrong enum, a wrong type, a missing required field and a bad next_action', () => {
    expect(validateAgainstStripeSchema('payment_intent', { ...minimalIntent, status: 'paid' })).not.toEqual([]);
    expect(validateAgainstStripeSchema('payment_intent', { ...minimalIntent, amount: '100' })).not.toEqual([]);
    expect(validateAgainstStripeSchema('payment_intent', { ...minimalIntent, livemode: undefined })).not.toEqual([]);
    expect(
      validateAgainstStripeSchema('payment_intent', {
        ...minimalIntent,
        next_action: { type: 'promptpay_display_qr_code', promptpay_display_qr_code: { data: 'x' } },
      }),
    ).not.toEqual([]);
    expect(validateAgainstStripeSchema('error', { error: { type: 'authentication_error', message: 'no' } })).not.toEqual([]);
    expect(validateAgainstStripeSchema('event_list', { object: 'list', data: [], has_more: false })).not.toEqual([]);
  });

  it('knows the endive create params: allowed_payment_method_types yes, payment_method_types no', () => {
    expect(createParamsAllowed({ amount: 1000, currency: 'thb', allowed_payment_method_types: ['promptpay'] })).toBe(true);
    expect(createParamsAllowed({ amount: 1000, currency: 'thb', payment_method_types: ['promptpay'] })).toBe(false);
    expect(createParamsErrors({ currency: 'thb' })).toEqual([expect.stringContaining('amount')]);
    expect(cancelParamsAllowed({ cancellation_reason: 'abandoned' })).toBe(true);
    expect(cancelParamsAllowed({ cancellation_reason: 'expired' })).toBe(false);
  });

  it('knows the refund params and the refund object, including the PromptPay display_details next action', () => {
    expect(refundParamsAllowed({ payment_intent: 'pi_x', amount: 500, reason: 'requested_by_customer', metadata: { sale_id: 'S-1' } })).toBe(true);
    expect(refundParamsAllowed({ payment_intent: 'pi_x', instructions_email: 'a@example.com' })).toBe(true);
    expect(refundParamsErrors({ payment_intent: 'pi_x', reason: 'changed_mind' })).toEqual([expect.stringContaining('reason')]);
    expect(refundParamsAllowed({ payment_intent: 'pi_x', refund_everything: true })).toBe(false);
    const refund = { id: 're_x', object: 'refund', amount: 500, created: 1, currency: 'thb', status: 'requires_action' };
    const nextAction = { type: 'display_details', display_details: { email_sent: { email_sent_at: 1, email_sent_to: 'a@example.com' }, expires_at: 2 } };
    expect(validateAgainstStripeSchema('refund', { ...refund, next_action: nextAction })).toEqual([]);
    expect(validateAgainstStripeSchema('refund', { ...refund, next_action: { type: 'display_details', display_details: { expires_at: 2 } } })).not.toEqual([]);
    expect(validateAgainstStripeSchema('refund', { ...refund, next_action: null })).not.toEqual([]); // omitted, never null
    expect(validateAgainstStripeSchema('refund_list', { object: 'list', data: [refund], has_more: false, url: '/v1/refunds' })).toEqual([]);
  });
});
