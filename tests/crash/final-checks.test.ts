// The verdict must be able to fail: each check is shown catching the fault it exists for.
import { describe, expect, it } from 'vitest';
import { judge, receiptNumberProblems, saleAgreesWithStripe, type LedgerReceipt, type LedgerSale, type LedgerView, type StripeIntent, type StripeView } from './final-checks';

function ledger(sales: LedgerSale[], refunds: LedgerView['refunds'] = []): LedgerView {
  return { sales: new Map(sales.map((sale) => [sale.id, sale])), refunds };
}

const awaiting: LedgerSale = { id: 'sale_a', status: 'awaiting_payment', paymentIntentId: 'pi_a' };
const intentA: StripeIntent = { id: 'pi_a', saleId: 'sale_a', status: 'requires_action', lastErrorCode: null };
const clean: StripeView = { intents: [intentA], refunds: [] };

describe('crash harness verdict', () => {
  it('passes a ledger that matches Stripe', () => {
    const verdict = judge(new Set(['sale_a']), ledger([awaiting]), clean);
    expect(verdict).toMatchObject({ lostSales: [], duplicatePaymentIntents: [], orphanPaymentIntents: [], disagreements: [], refundProblems: [] });
  });

  it('counts a sale id a caller was given that the ledger lacks as lost', () => {
    expect(judge(new Set(['sale_a', 'sale_gone']), ledger([awaiting]), clean).lostSales).toEqual(['sale_gone']);
  });

  it('finds a second PaymentIntent for one sale, and one for no sale at all', () => {
    const second: StripeIntent = { ...intentA, id: 'pi_a2' };
    const stray: StripeIntent = { ...intentA, id: 'pi_x', saleId: 'sale_unknown' };
    const verdict = judge(new Set(), ledger([awaiting]), { intents: [intentA, second, stray], refunds: [] });
    expect(verdict.duplicatePaymentIntents).toEqual([{ saleId: 'sale_a', paymentIntentIds: ['pi_a', 'pi_a2'] }]);
    expect(verdict.orphanPaymentIntents).toEqual(['pi_x']);
  });

  it('reports a sale the till shows paid while Stripe is still waiting, and a PaymentIntent the ledger never recorded', () => {
    const paidOnTill: LedgerSale = { ...awaiting, status: 'succeeded' };
    expect(judge(new Set(), ledger([paidOnTill]), clean).disagreements).toMatchObject([{ saleId: 'sale_a', stripeStatus: 'requires_action' }]);
    const unrecorded: LedgerSale = { id: 'sale_a', status: 'created', paymentIntentId: null };
    expect(judge(new Set(), ledger([unrecorded]), clean).disagreements).toHaveLength(1);
  });

  it('reports refunds Stripe made that the ledger lacks, duplicates, and differing statuses', () => {
    const sale: LedgerSale = { id: 'sale_a', status: 'succeeded', paymentIntentId: 'pi_a' };
    const stripe: StripeView = {
      intents: [{ ...intentA, status: 'succeeded' }],
      refunds: [
        { id: 're_1', refundId: 'rfd_1', status: 'succeeded' },
        { id: 're_2', refundId: 'rfd_1', status: 'pending' },
        { id: 're_3', refundId: 'rfd_unknown', status: 'pending' },
      ],
    };
    const problems = judge(new Set(), ledger([sale], [{ id: 'rfd_1', saleId: 'sale_a', stripeRefundId: 're_1', status: 'pending' }]), stripe).refundProblems;
    expect(problems).toEqual([
      'Stripe refund re_3 is not in the ledger',
      'refund rfd_1 has 2 Stripe refunds',
      'refund rfd_1 is pending on the till, succeeded at Stripe',
    ]);
  });

  it('reads the two status vocabularies independently of the product', () => {
    expect(saleAgreesWithStripe('expired', { ...intentA, status: 'requires_payment_method', lastErrorCode: 'payment_intent_payment_attempt_expired' })).toBe(true);
    expect(saleAgreesWithStripe('expired', { ...intentA, status: 'requires_payment_method', lastErrorCode: 'payment_intent_payment_attempt_failed' })).toBe(false);
    expect(saleAgreesWithStripe('expired', { ...intentA, status: 'requires_action' })).toBe(true);
    expect(saleAgreesWithStripe('expired', { ...intentA, status: 'succeeded' })).toBe(false);
    expect(saleAgreesWithStripe('canceled', undefined)).toBe(true);
    expect(saleAgreesWithStripe('succeeded', { ...intentA, status: 'canceled' })).toBe(false);
  });

  it('passes receipt numbers that run 1..N per till over the paid sales, with the counters at N', () => {
    const receipts: LedgerReceipt[] = [
      { saleId: 's1', tillId: 'till-1', status: 'succeeded', receiptNo: 2 },
      { saleId: 's2', tillId: 'till-1', status: 'succeeded', receiptNo: 1 },
      { saleId: 's3', tillId: 'till-1', status: 'expired', receiptNo: null },
      { saleId: 's4', tillId: 'till-2', status: 'succeeded', receiptNo: 1 },
    ];
    const view: LedgerView = { ...ledger([]), receipts, receiptCounters: new Map([['till-1', 2], ['till-2', 1]]) };
    expect(receiptNumberProblems(view)).toEqual([]);
    expect(judge(new Set(), view, { intents: [], refunds: [] })).toMatchObject({ receiptProblems: [], paidSalesNumbered: 3 });
  });

  it('finds a gap, a duplicate, a paid sale without a number, an unpaid one with one, and a counter that disagrees', () => {
    const gap: LedgerReceipt[] = [
      { saleId: 's1', tillId: 'till-1', status: 'succeeded', receiptNo: 1 },
      { saleId: 's2', tillId: 'till-1', status: 'succeeded', receiptNo: 3 },
    ];
    expect(receiptNumberProblems({ ...ledger([]), receipts: gap, receiptCounters: new Map([['till-1', 3]]) })).toEqual([
      'till till-1: receipt numbers of its 2 paid sales are not 1..2 (at position 2: 3)',
      'till till-1: its receipt counter says 3, 2 sales are paid',
    ]);
    const duplicate: LedgerReceipt[] = [
      { saleId: 's1', tillId: 'till-1', status: 'succeeded', receiptNo: 1 },
      { saleId: 's2', tillId: 'till-1', status: 'succeeded', receiptNo: 1 },
    ];
    expect(receiptNumberProblems({ ...ledger([]), receipts: duplicate })).toEqual(['till till-1: receipt numbers of its 2 paid sales are not 1..2 (at position 2: 1)']);
    const misplaced: LedgerReceipt[] = [
      { saleId: 's1', tillId: 'till-1', status: 'succeeded', receiptNo: null },
      { saleId: 's2', tillId: 'till-1', status: 'failed', receiptNo: 1 },
    ];
    expect(receiptNumberProblems({ ...ledger([]), receipts: misplaced, receiptCounters: new Map([['till-1', 1]]) })).toEqual([
      'paid sale s1 on till-1 has no receipt number',
      'failed sale s2 on till-1 holds receipt number 1',
      'till till-1: its receipt counter says 1, no sale is paid',
    ]);
  });
});
