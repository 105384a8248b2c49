// Timeline notes as codes: the notes the real transition functions write (hand tenders, Stripe sales,
// refunds) are read into stable codes with their facts, and sales.detail sends them on every entry.
import { describe, expect, it } from 'vitest';
import { timelineNote } from '../../../electron/core/history/timeline-notes';
import type { SaleRecord } from '../../../electron/core/ledger/sales-repository';
import { decideTransition, type SaleInput } from '../../../electron/core/payments/sale-transitions';
import { decideRefundTransition } from '../../../electron/core/refunds/refund-transitions';
import type { SaleDetail } from '../../../shared/manager-types';
import type { Sale } from '../../../shared/sale';
import { call, useTestCores } from '../../support/core-harness';

function record(patch: Partial<SaleRecord>): SaleRecord {
  return {
    id: 'sale_notes00000001', amount: 38_000, currency: 'thb', description: null, orderRef: null, tender: 'cash', cashTendered: 50_000,
    status: 'created', paymentIntentId: null, paymentIntentStatus: null, qrData: null, qrImageUrl: null, qrExpiresAt: null,
    failureCode: null, flagged: false, flagReason: null, source: 'till', receiptNo: null, tillId: 'till-1', cashier: 'Nok', createdAt: 0, updatedAt: 0,
    email: 'x@example.com', metadata: {}, cancelIntent: null, ...patch,
  };
}
const noteOf = (sale: SaleRecord, input: SaleInput) => timelineNote({ note: decideTransition(sale, input, 1_000).note });

describe('notes of the transition functions as codes', () => {
  it('a cash sale: received and change in satang', () => {
    expect(noteOf(record({}), { kind: 'cash_received' })).toEqual({ code: 'cash_received', received: 50_000, change: 12_000 });
    expect(noteOf(record({ cashTendered: null }), { kind: 'cash_received' })).toEqual({ code: 'cash_received', received: 38_000, change: 0 });
    expect(noteOf(record({ status: 'succeeded' }), { kind: 'cash_received' })).toEqual({ code: 'too_late', status: 'succeeded' });
  });

  it('a hand-confirmed PromptPay sale: the shop’s QR, who confirmed it, a cancel without Stripe', () => {
    const manual = record({ tender: 'promptpay_manual', cashTendered: null });
    expect(noteOf(manual, { kind: 'manual_qr_shown', qrData: '000201' })).toEqual({ code: 'own_qr_shown' });
    const awaiting = { ...manual, status: 'awaiting_payment' as const };
    expect(noteOf(awaiting, { kind: 'manual_confirmed', by: 'Nok' })).toEqual({ code: 'confirmed_by_hand', by: 'Nok' });
    expect(noteOf(awaiting, { kind: 'manual_confirmed', by: null })).toEqual({ code: 'confirmed_by_hand', by: null });
    expect(noteOf(awaiting, { kind: 'cancel_requested', intent: 'cashier' })).toEqual({ code: 'canceled_by_hand', from: 'awaiting_payment', intent: 'cashier' });
    expect(noteOf(awaiting, { kind: 'qr_timeout' })).toEqual({ code: 'not_for_stripe' });
    expect(noteOf(record({}), { kind: 'manual_confirmed', by: 'Nok' })).toEqual({ code: 'not_for_this_tender' });
  });

  it('a PromptPay sale through Stripe: timeouts, cancels, and inputs that are not Stripe’s', () => {
    const stripe = record({ tender: 'promptpay', cashTendered: null, status: 'awaiting_payment', paymentIntentId: 'pi_1' });
    expect(noteOf(stripe, { kind: 'qr_timeout' })).toEqual({ code: 'qr_timeout' });
    expect(noteOf(stripe, { kind: 'cancel_requested', intent: 'cashier' })).toEqual({ code: 'cancel_requested', intent: 'cashier' });
    expect(noteOf({ ...stripe, cancelIntent: 'cashier' }, { kind: 'cancel_requested', intent: 'cashier' })).toEqual({ code: 'cancel_already_requested' });
    expect(noteOf(stripe, { kind: 'cash_received' })).toEqual({ code: 'not_for_this_tender' });
    expect(noteOf({ ...stripe, status: 'succeeded' }, { kind: 'qr_timeout' })).toEqual({ code: 'too_late', status: 'succeeded' });
    expect(noteOf({ ...stripe, status: 'created' }, { kind: 'create_rejected', code: null })).toEqual({ code: 'create_rejected' });
  });

  it('refund transitions', () => {
    const refundNote = (current: Parameters<typeof decideRefundTransition>[0], next: Parameters<typeof decideRefundTransition>[1], heard = true) =>
      timelineNote({ note: decideRefundTransition(current, next, heard).note });
    expect(refundNote('succeeded', 'failed')).toEqual({ code: 'refund_reversed' });
    expect(refundNote('pending', 'requires_action', false)).toEqual({ code: 'stripe_said', status: 'requires_action' });
    expect(refundNote('succeeded', 'pending')).toEqual({ code: 'already', status: 'succeeded' });
    expect(refundNote('pending', 'pending')).toEqual({ code: 'no_change', status: 'pending' });
    expect(refundNote('pending', 'requires_action')).toEqual({ code: 'stale', status: 'requires_action', after: 'pending' });
    expect(refundNote('requires_action', 'pending')).toEqual({ code: 'moved', from: 'requires_action', to: 'pending', via: null });
  });

  it('no note is null, an unknown one is "other"', () => {
    expect(timelineNote(null)).toBeNull();
    expect(timelineNote({ eventId: 'evt_1' })).toBeNull();
    expect(timelineNote({ note: 'something new' })).toEqual({ code: 'other' });
  });
});

describe('sales.detail', () => {
  const core = useTestCores();

  it('sends a coded note on every entry that has one, and keeps the English in detail', async () => {
    const pos = await core();
    const sale = await call<Sale>(pos, 'sales.charge', { amount: 12_000, description: 'ชาเย็น' });
    await call<Sale>(pos, 'demo.simulate', { saleId: sale.id, outcome: 'succeed' });
    const detail = await call<SaleDetail>(pos, 'sales.detail', { saleId: sale.id });
    const withNotes = detail.timeline.filter((entry) => typeof (entry.detail as { note?: unknown } | null)?.note === 'string');
    expect(withNotes.length).toBeGreaterThan(0);
    for (const entry of withNotes) expect(entry.note?.code, JSON.stringify(entry.detail)).not.toBe('other');
    expect(detail.timeline.map((entry) => entry.note)).toContainEqual({ code: 'moved', from: 'awaiting_payment', to: 'succeeded', via: expect.any(String) });
  });
});
