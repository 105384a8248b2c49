import { describe, expect, it } from 'vitest';
import type { SaleRecord } from '../../../electron/core/ledger/sales-repository';
import { decideTransition, QR_EXPIRED_CODE, type SaleInput } from '../../../electron/core/payments/sale-transitions';
import type { PaymentIntentSnapshot } from '../../../electron/core/stripe/stripe-gateway';

const NOW = 1_800_000_000_000;

function sale(overrides: Partial<SaleRecord> = {}): SaleRecord {
  return {
    id: 'sale_test000001', amount: 12345, currency: 'thb', description: null, orderRef: null, status: 'created',
    paymentIntentId: null, paymentIntentStatus: null, qrData: null, qrImageUrl: null, qrExpiresAt: null,
    failureCode: null, flagged: false, flagReason: null, source: 'till', receiptNo: null, tillId: 'till-1', cashier: null,
    tender: 'promptpay', cashTendered: null, createdAt: NOW, updatedAt: NOW, email: 'a@b.invalid', metadata: {}, cancelIntent: null, ...overrides,
  };
}

function pi(status: PaymentIntentSnapshot['status'], overrides: Partial<PaymentIntentSnapshot> = {}): SaleInput {
  return {
    kind: 'payment_intent', via: 'poll', qrTimeoutMs: 600_000,
    snapshot: { id: 'pi_1', status, amount: 12345, currency: 'thb', qrData: 'qr-data', qrImageUrl: 'https://x/qr.png', lastPaymentErrorCode: null, cancellationReason: null, created: 1, fee: null, ...overrides },
  };
}

const awaiting = () => sale({ status: 'awaiting_payment', paymentIntentId: 'pi_1', paymentIntentStatus: 'requires_action', qrData: 'qr-data', qrExpiresAt: NOW + 600_000 });

describe('decideTransition', () => {
  it('moves a created sale to awaiting payment with its QR and the app-owned expiry', () => {
    const decision = decideTransition(sale(), pi('requires_action'), NOW);
    expect(decision.applied).toBe(true);
    expect(decision.patch).toMatchObject({ status: 'awaiting_payment', paymentIntentId: 'pi_1', qrData: 'qr-data', qrExpiresAt: NOW + 600_000 });
  });

  it('marks a paid PaymentIntent succeeded', () => {
    expect(decideTransition(awaiting(), pi('succeeded'), NOW).patch).toMatchObject({ status: 'succeeded', paymentIntentStatus: 'succeeded' });
  });

  it('tells an expired QR attempt from a failed one', () => {
    expect(decideTransition(awaiting(), pi('requires_payment_method', { lastPaymentErrorCode: QR_EXPIRED_CODE }), NOW).patch)
      .toMatchObject({ status: 'expired', failureCode: QR_EXPIRED_CODE });
    expect(decideTransition(awaiting(), pi('requires_payment_method', { lastPaymentErrorCode: 'payment_intent_payment_attempt_failed' }), NOW).patch)
      .toMatchObject({ status: 'failed' });
  });

  it('reports a PaymentIntent canceled by our own QR timeout as expired, and by the cashier as canceled', () => {
    expect(decideTransition({ ...awaiting(), cancelIntent: 'timeout' }, pi('canceled'), NOW).patch.status).toBe('expired');
    expect(decideTransition({ ...awaiting(), cancelIntent: 'cashier' }, pi('canceled'), NOW).patch.status).toBe('canceled');
  });

  it('never moves a finished sale backwards when a late poll or webhook arrives', () => {
    for (const status of ['succeeded', 'expired', 'failed', 'canceled'] as const) {
      const decision = decideTransition({ ...awaiting(), status }, pi('requires_action'), NOW);
      expect(decision.applied, status).toBe(false);
    }
    expect(decideTransition({ ...awaiting(), status: 'succeeded' }, pi('canceled'), NOW).applied).toBe(false);
    expect(decideTransition({ ...awaiting(), status: 'expired' }, pi('requires_payment_method', { lastPaymentErrorCode: 'x' }), NOW).applied).toBe(false);
  });

  it('ignores a duplicate of what it already knows', () => {
    expect(decideTransition(awaiting(), pi('requires_action'), NOW).applied).toBe(false);
    expect(decideTransition({ ...awaiting(), status: 'succeeded', paymentIntentStatus: 'succeeded' }, pi('succeeded'), NOW).applied).toBe(false);
  });

  it('marks a sale paid and flagged when the customer paid after the cashier gave up', () => {
    const afterCancel = decideTransition({ ...awaiting(), status: 'canceled', paymentIntentStatus: 'canceled' }, pi('succeeded'), NOW);
    expect(afterCancel.patch).toMatchObject({ status: 'succeeded', flagged: true, flagReason: 'paid_after_canceled' });
    const duringCancel = decideTransition({ ...awaiting(), cancelIntent: 'cashier' }, pi('succeeded'), NOW);
    expect(duringCancel.patch).toMatchObject({ status: 'succeeded', flagged: true, flagReason: 'paid_after_cancel_requested' });
  });

  it('ignores a PaymentIntent that belongs to another sale or has another amount', () => {
    expect(decideTransition(awaiting(), pi('succeeded', { id: 'pi_other' }), NOW).applied).toBe(false);
    expect(decideTransition(awaiting(), pi('succeeded', { amount: 99999 }), NOW).applied).toBe(false);
  });

  it('fails a created sale that Stripe refused, but not one that already moved on', () => {
    expect(decideTransition(sale(), { kind: 'create_rejected', code: 'amount_too_small' }, NOW).patch).toMatchObject({ status: 'failed', failureCode: 'amount_too_small' });
    expect(decideTransition(awaiting(), { kind: 'create_rejected', code: 'x' }, NOW).applied).toBe(false);
  });

  it('records a cancel request once and not on a finished sale', () => {
    expect(decideTransition(awaiting(), { kind: 'cancel_requested', intent: 'cashier' }, NOW).patch).toEqual({ cancelIntent: 'cashier' });
    expect(decideTransition({ ...awaiting(), cancelIntent: 'cashier' }, { kind: 'cancel_requested', intent: 'timeout' }, NOW).applied).toBe(false);
    expect(decideTransition({ ...awaiting(), status: 'succeeded' }, { kind: 'cancel_requested', intent: 'cashier' }, NOW).applied).toBe(false);
  });

  it('ends an awaiting sale expired at the app’s QR timeout, and flags money that arrives afterwards', () => {
    const timedOut = decideTransition(awaiting(), { kind: 'qr_timeout' }, NOW);
    expect(timedOut.patch).toEqual({ status: 'expired', failureCode: 'qr_timeout' });
    expect(decideTransition(sale({ status: 'succeeded' }), { kind: 'qr_timeout' }, NOW).applied).toBe(false);
    const expired = sale({ ...awaiting(), status: 'expired', failureCode: 'qr_timeout' });
    expect(decideTransition(expired, pi('succeeded'), NOW).patch).toMatchObject({ status: 'succeeded', flagged: true, flagReason: 'paid_after_expired' });
    // The PaymentIntent still shows its QR at Stripe: that does not bring the sale back.
    expect(decideTransition(expired, pi('requires_action'), NOW).applied).toBe(false);
  });

  it('starts a new QR attempt only from expired or failed, and only with a new QR from Stripe', () => {
    const expired = sale({ ...awaiting(), status: 'expired', failureCode: QR_EXPIRED_CODE, qrData: 'old-qr' });
    const renewed: SaleInput = { kind: 'qr_renewed', qrTimeoutMs: 600_000, snapshot: { ...(pi('requires_action') as { snapshot: PaymentIntentSnapshot }).snapshot, qrData: 'new-qr' } };
    expect(decideTransition(expired, renewed, NOW).patch).toMatchObject({ status: 'awaiting_payment', qrData: 'new-qr', qrExpiresAt: NOW + 600_000, failureCode: null });
    expect(decideTransition(awaiting(), renewed, NOW).applied).toBe(false);
    expect(decideTransition(sale({ ...awaiting(), status: 'canceled' }), renewed, NOW).applied).toBe(false);
    const noQr: SaleInput = { ...renewed, snapshot: { ...renewed.snapshot, status: 'requires_payment_method', qrData: null } } as SaleInput;
    expect(decideTransition(expired, noQr, NOW).applied).toBe(false);
  });

  it('ignores what Stripe said before the current QR attempt began, except money that arrived', () => {
    const attempt = { attempt: 2, startedAt: NOW };
    const staleExpiry: SaleInput = { ...pi('requires_payment_method', { lastPaymentErrorCode: QR_EXPIRED_CODE }), observedAt: NOW - 1 } as SaleInput;
    expect(decideTransition(awaiting(), staleExpiry, NOW, attempt)).toMatchObject({ applied: false, note: expect.stringContaining('attempt 1') });
    const freshExpiry: SaleInput = { ...staleExpiry, observedAt: NOW + 1 } as SaleInput;
    expect(decideTransition(awaiting(), freshExpiry, NOW, attempt).patch).toMatchObject({ status: 'expired' });
    const stalePaid: SaleInput = { ...pi('succeeded'), observedAt: NOW - 1 } as SaleInput;
    expect(decideTransition(awaiting(), stalePaid, NOW, attempt).patch).toMatchObject({ status: 'succeeded' });
  });
});

describe('decideTransition for hand tenders (cash, the shop’s own PromptPay QR)', () => {
  const cash = (overrides: Partial<SaleRecord> = {}) => sale({ tender: 'cash', cashTendered: 50_000, ...overrides });
  const manual = (overrides: Partial<SaleRecord> = {}) => sale({ tender: 'promptpay_manual', ...overrides });
  const manualAwaiting = () => manual({ status: 'awaiting_payment', qrData: 'shop-qr' });
  const renewed: SaleInput = { kind: 'qr_renewed', qrTimeoutMs: 600_000, snapshot: { ...(pi('requires_action') as { snapshot: PaymentIntentSnapshot }).snapshot, id: 'pi_1' } };
  const stripeInputs: [string, SaleInput][] = [
    ...(['requires_action', 'processing', 'succeeded', 'canceled', 'requires_payment_method'] as const).map((status): [string, SaleInput] => [`payment_intent ${status}`, pi(status, { lastPaymentErrorCode: status === 'requires_payment_method' ? 'x' : null })]),
    ['qr_renewed', renewed],
    ['create_rejected', { kind: 'create_rejected', code: 'amount_too_small' }],
    ['qr_timeout', { kind: 'qr_timeout' }],
  ];

  it('takes a cash sale from created to succeeded once, with the change on the timeline', () => {
    const decision = decideTransition(cash(), { kind: 'cash_received' }, NOW);
    expect(decision).toMatchObject({ applied: true, patch: { status: 'succeeded' } });
    expect(decision.note).toContain('change ฿376.55');
    expect(decideTransition(cash({ status: 'succeeded' }), { kind: 'cash_received' }, NOW).applied).toBe(false);
    expect(decideTransition(cash({ status: 'canceled' }), { kind: 'cash_received' }, NOW).applied).toBe(false);
  });

  it('never lets a Stripe input move a hand sale, in any status', () => {
    for (const status of ['created', 'awaiting_payment', 'succeeded', 'canceled'] as const) {
      for (const [name, input] of stripeInputs) {
        for (const hand of [cash({ status }), manual({ status, qrData: status === 'created' ? null : 'shop-qr' })]) {
          const decision = decideTransition(hand, input, NOW);
          expect(decision.applied, `${name} on ${hand.tender} ${status}`).toBe(false);
          expect(decision.note).toContain('Stripe does not move');
        }
      }
    }
  });

  it('does not confirm a cash sale by hand, nor take cash for a hand-confirmed PromptPay sale', () => {
    expect(decideTransition(cash(), { kind: 'manual_confirmed', by: 'Ploy' }, NOW).applied).toBe(false);
    expect(decideTransition(cash(), { kind: 'manual_qr_shown', qrData: 'x' }, NOW).applied).toBe(false);
    expect(decideTransition(manual(), { kind: 'cash_received' }, NOW).applied).toBe(false);
    expect(decideTransition(manualAwaiting(), { kind: 'cash_received' }, NOW).applied).toBe(false);
  });

  it('never lets the cashier’s word move a sale through Stripe: only Stripe says it is paid', () => {
    for (const stripeSale of [sale(), awaiting()]) {
      expect(decideTransition(stripeSale, { kind: 'manual_confirmed', by: 'Ploy' }, NOW).applied).toBe(false);
      expect(decideTransition(stripeSale, { kind: 'cash_received' }, NOW).applied).toBe(false);
      expect(decideTransition(stripeSale, { kind: 'manual_qr_shown', qrData: 'fake' }, NOW).applied).toBe(false);
    }
  });

  it('shows the shop’s QR without a timeout, then succeeds on the cashier’s confirmation with who confirmed it', () => {
    expect(decideTransition(manual(), { kind: 'manual_qr_shown', qrData: 'shop-qr' }, NOW).patch)
      .toEqual({ status: 'awaiting_payment', qrData: 'shop-qr', qrImageUrl: null, qrExpiresAt: null });
    expect(decideTransition(manualAwaiting(), { kind: 'manual_qr_shown', qrData: 'other' }, NOW).applied).toBe(false);
    const confirmed = decideTransition(manualAwaiting(), { kind: 'manual_confirmed', by: 'Ploy' }, NOW);
    expect(confirmed.patch).toEqual({ status: 'succeeded', confirmedBy: 'Ploy' });
    expect(confirmed.note).toContain('unverified');
    // Not before the QR is shown, not twice, not after a cancel.
    expect(decideTransition(manual(), { kind: 'manual_confirmed', by: 'Ploy' }, NOW).applied).toBe(false);
    expect(decideTransition(manual({ status: 'succeeded' }), { kind: 'manual_confirmed', by: 'Ploy' }, NOW).applied).toBe(false);
    expect(decideTransition(manual({ status: 'canceled' }), { kind: 'manual_confirmed', by: 'Ploy' }, NOW).applied).toBe(false);
  });

  it('cancels a hand sale at once (no Stripe to ask), and never a finished one', () => {
    expect(decideTransition(manualAwaiting(), { kind: 'cancel_requested', intent: 'cashier' }, NOW).patch).toEqual({ status: 'canceled', cancelIntent: 'cashier' });
    expect(decideTransition(cash(), { kind: 'cancel_requested', intent: 'interrupted' }, NOW).patch).toEqual({ status: 'canceled', cancelIntent: 'interrupted' });
    expect(decideTransition(manual({ status: 'succeeded' }), { kind: 'cancel_requested', intent: 'cashier' }, NOW).applied).toBe(false);
    expect(decideTransition(cash({ status: 'succeeded' }), { kind: 'cancel_requested', intent: 'cashier' }, NOW).applied).toBe(false);
  });
});
