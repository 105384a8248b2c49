import { describe, expect, it } from 'vitest';
import type { Refund } from '../../../shared/manager-types';
import { canSubmitRefund, checkRefund, EMPTY_REFUND_FORM, entryToSatang, mergeRefund, refundNeedsEmail, refundState } from '../../../renderer/state/refund-form';

const paid = { id: 'sale_ABCDEFGH12', status: 'succeeded' as const };
const form = (patch: Partial<typeof EMPTY_REFUND_FORM>) => ({ ...EMPTY_REFUND_FORM, email: 'a@b.co', ...patch });

function refund(patch: Partial<Refund>): Refund {
  return { id: 'rfd_ABCDEFGH', saleId: paid.id, tender: 'promptpay', stripeRefundId: null, amount: 100, status: 'pending', email: null, reason: null, failureReason: null, requestedBy: null, createdAt: 1, updatedAt: 1, ...patch };
}

describe('refund form', () => {
  it('parses baht without floats and without the ฿10 charge minimum', () => {
    expect(entryToSatang('0.29')).toBe(29);
    expect(entryToSatang('150.5')).toBe(15_050);
    expect(entryToSatang('abc')).toBeNull();
  });

  it('reads a comma only as a thousands separator, never as a decimal point', () => {
    expect(entryToSatang('1,500')).toBe(150_000);
    expect(entryToSatang('1,50')).toBeNull();
    expect(checkRefund(form({ mode: 'partial', entry: '1,50' }), paid, 20_000)).toMatchObject({ ok: false, field: 'amount', key: 'error.amount_malformed' });
  });

  it('refunds everything that is left in full mode', () => {
    expect(checkRefund(form({}), paid, 20_000)).toEqual({ ok: true, input: { saleId: paid.id, amount: 20_000, email: 'a@b.co', reason: 'requested_by_customer' } });
  });

  it('refuses more than what is left, zero, and an unpaid or fully refunded sale', () => {
    expect(checkRefund(form({ mode: 'partial', entry: '250' }), paid, 20_000)).toMatchObject({ ok: false, key: 'refund.error.overRefundable' });
    expect(checkRefund(form({ mode: 'partial', entry: '0' }), paid, 20_000)).toMatchObject({ ok: false, key: 'refund.error.amountZero' });
    expect(checkRefund(form({ mode: 'partial', entry: '' }), paid, 20_000)).toMatchObject({ ok: false, key: 'refund.error.amountEmpty' });
    expect(checkRefund(form({}), { ...paid, status: 'failed' }, 0)).toMatchObject({ ok: false, field: 'sale', key: 'refund.error.notPaid' });
    expect(checkRefund(form({}), paid, 0)).toMatchObject({ ok: false, key: 'refund.error.nothingLeft' });
  });

  it('asks no email for a sale the shop hands back itself (cash from the drawer, a bank transfer)', () => {
    for (const tender of ['cash', 'promptpay_manual'] as const) {
      expect(refundNeedsEmail({ tender })).toBe(false);
      expect(checkRefund(form({ email: '' }), { ...paid, tender }, 20_000)).toEqual({ ok: true, input: { saleId: paid.id, amount: 20_000, reason: 'requested_by_customer' } });
    }
    expect(refundNeedsEmail({ tender: 'promptpay' })).toBe(true);
    expect(checkRefund(form({ email: '' }), { ...paid, tender: 'promptpay' }, 1000)).toMatchObject({ ok: false, field: 'email' });
    // Amount rules are the same for every tender.
    expect(checkRefund(form({ mode: 'partial', entry: '250' }), { ...paid, tender: 'cash' }, 20_000)).toMatchObject({ ok: false, key: 'refund.error.overRefundable' });
  });

  it("requires the customer's email, which Stripe uses to collect bank details", () => {
    expect(checkRefund(form({ email: '' }), paid, 1000)).toMatchObject({ ok: false, field: 'email', key: 'refund.error.emailRequired' });
    expect(checkRefund(form({ email: 'nope' }), paid, 1000)).toMatchObject({ ok: false, field: 'email', key: 'refund.error.emailInvalid' });
  });

  it('never lets a late event move a refund back from a final status', () => {
    const done = refund({ status: 'succeeded', updatedAt: 5 });
    expect(mergeRefund([done], refund({ status: 'requires_action', updatedAt: 9 }))[0].status).toBe('succeeded');
    const waiting = refund({ status: 'requires_action', updatedAt: 5 });
    expect(mergeRefund([waiting], refund({ status: 'pending', updatedAt: 7 }))[0].status).toBe('pending');
    expect(mergeRefund([waiting], refund({ status: 'pending', updatedAt: 3 }))[0].status).toBe('requires_action');
    expect(mergeRefund([], refund({}))).toHaveLength(1);
  });
});

describe('refund states', () => {
  it('a sale is partly or fully refunded by the refunds that did not fail or get canceled', () => {
    expect(refundState(30_000, 0)).toBe('none');
    expect(refundState(30_000, 10_000)).toBe('partial');
    expect(refundState(30_000, 30_000)).toBe('full');
  });

  it('the dialog can send only an amount within what is left', () => {
    const draft = { mode: 'partial' as const, entry: '250', email: '', reason: 'requested_by_customer' as const };
    expect(canSubmitRefund(draft, 20_000)).toBe(false);
    expect(canSubmitRefund({ ...draft, entry: '200' }, 20_000)).toBe(true);
    expect(canSubmitRefund({ ...draft, entry: '' }, 20_000)).toBe(false);
    expect(canSubmitRefund({ ...draft, mode: 'full' }, 20_000)).toBe(true);
  });
});
