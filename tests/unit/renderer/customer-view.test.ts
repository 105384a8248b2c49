import { describe, expect, it } from 'vitest';
import { customerScreen, customerStatus, nextFinalSince, RESULT_HOLD_MS } from '../../../renderer/state/customer-view';
import { makeSale } from './fake-transport';

describe('customer display status', () => {
  it('is idle with no sale and shows an awaiting sale as awaiting_payment', () => {
    expect(customerStatus(null, null, 0)).toBe('idle');
    expect(customerStatus(makeSale(), null, 0)).toBe('awaiting_payment');
  });

  it('holds a result screen for ten seconds, then returns to idle', () => {
    const paid = makeSale({ status: 'succeeded' });
    expect(customerStatus(paid, 1_000, 1_000 + RESULT_HOLD_MS - 1)).toBe('succeeded');
    expect(customerStatus(paid, 1_000, 1_000 + RESULT_HOLD_MS)).toBe('idle');
  });

  it('restarts the hold when the final status changes, not when the same status repeats', () => {
    const sale = makeSale();
    const canceled = { ...sale, status: 'canceled' as const };
    const paid = { ...sale, status: 'succeeded' as const };
    expect(nextFinalSince(sale, canceled, null, 100)).toBe(100);
    expect(nextFinalSince(canceled, canceled, 100, 500)).toBe(100);
    expect(nextFinalSince(canceled, paid, 100, 900)).toBe(900);
    expect(nextFinalSince(null, sale, 100, 900)).toBeNull();
  });
});

describe('customer display screen for each tender', () => {
  it('shows Stripe PromptPay as a QR with its countdown, from created on', () => {
    const sale = makeSale({ status: 'created', qrData: null });
    expect(customerScreen(sale, 'created')).toEqual({ kind: 'pay', sale, qr: 'stripe' });
    const awaiting = { ...sale, status: 'awaiting_payment' as const, qrData: 'qr' };
    expect(customerScreen(awaiting, 'awaiting_payment')).toEqual({ kind: 'pay', sale: awaiting, qr: 'stripe' });
  });

  it("shows the shop's own PromptPay QR for a hand-confirmed sale, and 'paid' by hand once confirmed", () => {
    const sale = makeSale({ tender: 'promptpay_manual', paymentIntentId: null, paymentIntentStatus: null, qrExpiresAt: null });
    expect(customerScreen(sale, 'awaiting_payment')).toEqual({ kind: 'pay', sale, qr: 'shop' });
    const paid = { ...sale, status: 'succeeded' as const };
    expect(customerScreen(paid, 'succeeded')).toEqual({ kind: 'result', sale: paid, result: 'succeeded', byHand: true });
    const canceled = { ...sale, status: 'canceled' as const };
    expect(customerScreen(canceled, 'canceled')).toEqual({ kind: 'result', sale: canceled, result: 'canceled', byHand: true });
  });

  it('says a Stripe sale is paid without the hand-confirmed wording', () => {
    const paid = makeSale({ status: 'succeeded' });
    expect(customerScreen(paid, 'succeeded')).toEqual({ kind: 'result', sale: paid, result: 'succeeded', byHand: false });
  });

  it('shows a cash sale with the cash received and the change', () => {
    const sale = makeSale({ tender: 'cash', status: 'succeeded', amount: 12_345, cashTendered: 50_000, qrData: null, paymentIntentId: null });
    expect(customerScreen(sale, 'succeeded')).toEqual({ kind: 'cash', sale, received: 50_000, change: 37_655 });
    const exact = { ...sale, cashTendered: 12_345 };
    expect(customerScreen(exact, 'succeeded')).toEqual({ kind: 'cash', sale: exact, received: 12_345, change: 0 });
  });

  it('shows a cash sale without a recorded amount received as paid, with no change line', () => {
    const sale = makeSale({ tender: 'cash', status: 'succeeded', cashTendered: null, qrData: null });
    expect(customerScreen(sale, 'succeeded')).toEqual({ kind: 'cash', sale, received: null, change: null });
  });

  it('is idle with no sale, and once a result has been held long enough', () => {
    expect(customerScreen(null, 'idle')).toEqual({ kind: 'idle' });
    const cash = makeSale({ tender: 'cash', status: 'succeeded', cashTendered: 20_000 });
    expect(customerScreen(cash, customerStatus(cash, 0, RESULT_HOLD_MS))).toEqual({ kind: 'idle' });
  });
});
