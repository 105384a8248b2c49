// Refunds of hand tenders through the real core: cash handed back from the open shift's drawer and the
// shop's own PromptPay paid back by the shop are recorded succeeded at once, audited, checked against
// what is left, and never sent to Stripe. A refund through Stripe is unchanged.
import { describe, expect, it } from 'vitest';
import type { AuditEntryView, Refund, SaleDetail, Shift } from '../../../shared/manager-types';
import type { PosEvent } from '../../../shared/pos-contract';
import { call, signedInContext, useTestCores } from '../../support/core-harness';
import { closeShift, ledgerRow, openShift, refusal, stripeRequests } from './tender-support';

const core = useTestCores();

describe('refunds.create on a cash sale', () => {
  it('records cash handed back from the drawer, partly then in full, and refuses more than is left — without Stripe', async () => {
    const pos = await core();
    const shiftId = await openShift(pos, 50_000);
    const sale = await call(pos, 'sales.cash', { amount: 10_000, tendered: 20_000 });
    await pos.settled!();
    const before = await stripeRequests(pos);
    const shiftEvents: (Shift | null)[] = [];
    const refundEvents: Refund[] = [];
    const stop = pos.subscribe((event: PosEvent) => {
      if (event.type === 'shift.updated') shiftEvents.push(event.data);
      if (event.type === 'refund.updated') refundEvents.push(event.data);
    });

    const part = await call<Refund>(pos, 'refunds.create', { saleId: sale.id, amount: 4_000, reason: 'requested_by_customer' });
    expect(part).toMatchObject({ saleId: sale.id, tender: 'cash', status: 'succeeded', amount: 4_000, stripeRefundId: null, requestedBy: 'Owner Somchai' });
    expect(refundEvents.at(-1)).toMatchObject({ id: part.id, status: 'succeeded', tender: 'cash' });
    expect(shiftEvents.at(-1)).toMatchObject({ id: shiftId, cash: { cashRefunds: { count: 1, amount: 4_000 }, expected: 50_000 + 10_000 - 4_000 } });
    expect(ledgerRow(pos, 'SELECT tender, shift_id, status FROM refunds WHERE id = ?', part.id)).toEqual({ tender: 'cash', shift_id: shiftId, status: 'succeeded' });

    const rest = await call<Refund>(pos, 'refunds.create', { saleId: sale.id, amount: 6_000 });
    expect(rest).toMatchObject({ tender: 'cash', status: 'succeeded' });
    stop();
    const context = await signedInContext(pos);
    expect(await refusal(pos, 'refunds.create', { saleId: sale.id, amount: 1 }, context)).toMatchObject({ code: 'refund_exceeds_remaining', field: 'amount' });

    const detail = await call<SaleDetail>(pos, 'sales.detail', { saleId: sale.id });
    expect(detail.refundable).toBe(0);
    expect(detail.refunds.map((refund) => [refund.amount, refund.tender, refund.status])).toEqual([[4_000, 'cash', 'succeeded'], [6_000, 'cash', 'succeeded']]);
    expect(detail.timeline.filter((entry) => entry.kind === 'refund.cash_recorded')).toHaveLength(2);
    const audit = await call<AuditEntryView[]>(pos, 'audit.list', {});
    expect(audit.filter((entry) => entry.action === 'refund.cash_recorded').map((entry) => [entry.actor, entry.saleId])).toEqual([
      ['Owner Somchai', sale.id],
      ['Owner Somchai', sale.id],
    ]);
    await pos.settled!();
    expect(await stripeRequests(pos)).toEqual(before);
  });

  it('ignores any Stripe event that claims something about a cash refund, without asking Stripe', async () => {
    const pos = await core();
    await openShift(pos);
    const sale = await call(pos, 'sales.cash', { amount: 3_000, tendered: 3_000 });
    const refund = await call<Refund>(pos, 'refunds.create', { saleId: sale.id, amount: 3_000 });
    await pos.settled!();
    const before = await stripeRequests(pos);
    // A signed event naming our refund id (a forged or misrouted one): Stripe never held this refund.
    const claim = { id: 're_forged000001', status: 'failed' as const, amount: 3_000, paymentIntentId: null, failureReason: 'lost_or_stolen_card', localRefundId: refund.id, created: 1 };
    expect(pos.manager.observeStripeRefund(claim, 'webhook')).toMatchObject({ id: refund.id, status: 'succeeded' });
    await pos.settled!();
    expect(await call<Refund>(pos, 'refunds.get', { refundId: refund.id })).toMatchObject({ status: 'succeeded', stripeRefundId: null });
    expect(await stripeRequests(pos)).toEqual(before);
  });

  it('refuses a cash refund while no shift is open (the cash comes out of a drawer), recording nothing', async () => {
    const pos = await core();
    await openShift(pos);
    const sale = await call(pos, 'sales.cash', { amount: 3_000, tendered: 3_000 });
    await closeShift(pos, 103_000);
    const error = await refusal(pos, 'refunds.create', { saleId: sale.id, amount: 1_000 }, await signedInContext(pos));
    expect(error).toMatchObject({ code: 'conflict', field: 'shift' });
    expect(error.message).toContain('Open a shift first');
    expect(ledgerRow<{ n: number }>(pos, 'SELECT count(*) AS n FROM refunds')!.n).toBe(0);
    // With the next shift open, the refund comes out of its drawer.
    const next = await openShift(pos);
    expect(await call<Refund>(pos, 'refunds.create', { saleId: sale.id, amount: 1_000 })).toMatchObject({ status: 'succeeded', tender: 'cash' });
    expect(ledgerRow(pos, 'SELECT shift_id FROM refunds')).toEqual({ shift_id: next });
  });
});

describe('refunds.create on a hand-confirmed PromptPay sale', () => {
  it('records the shop’s own transfer back at once, with no shift needed and no Stripe request', async () => {
    const pos = await core();
    await call(pos, 'settings.update', { promptPayId: '0812345678' });
    const sale = await call(pos, 'sales.manualQr', { amount: 8_000 });
    await call(pos, 'sales.confirmManual', { saleId: sale.id });
    await pos.settled!();
    const before = await stripeRequests(pos);
    const refund = await call<Refund>(pos, 'refunds.create', { saleId: sale.id, amount: 2_500 });
    expect(refund).toMatchObject({ tender: 'promptpay_manual', status: 'succeeded', stripeRefundId: null });
    expect(ledgerRow(pos, 'SELECT shift_id, tender FROM refunds WHERE id = ?', refund.id)).toEqual({ shift_id: null, tender: 'promptpay_manual' });
    const context = await signedInContext(pos);
    expect(await refusal(pos, 'refunds.create', { saleId: sale.id, amount: 5_501 }, context)).toMatchObject({ code: 'refund_exceeds_remaining' });
    expect(await call<Refund>(pos, 'refunds.create', { saleId: sale.id, amount: 5_500 })).toMatchObject({ status: 'succeeded' });
    const audit = await call<AuditEntryView[]>(pos, 'audit.list', {});
    expect(audit.filter((entry) => entry.action === 'refund.manual_recorded')).toHaveLength(2);
    await pos.settled!();
    expect(await stripeRequests(pos)).toEqual(before);
  });

  it('refuses to refund a hand-confirmed sale that was never confirmed', async () => {
    const pos = await core();
    await call(pos, 'settings.update', { promptPayId: '0812345678' });
    const sale = await call(pos, 'sales.manualQr', { amount: 8_000 });
    expect(await refusal(pos, 'refunds.create', { saleId: sale.id, amount: 100 }, await signedInContext(pos))).toMatchObject({ code: 'sale_not_refundable', field: 'saleId' });
  });
});

describe('refunds.create on a PromptPay sale through Stripe', () => {
  it('still goes through Stripe, as tender promptpay, with no shift needed', async () => {
    const pos = await core();
    const sale = await call(pos, 'sales.charge', { amount: 12_345 });
    // demo.simulate reads Stripe's answer before it returns.
    expect(await call(pos, 'demo.simulate', { saleId: sale.id, outcome: 'succeed' })).toMatchObject({ status: 'succeeded' });
    const before = await stripeRequests(pos);
    const refund = await call<Refund>(pos, 'refunds.create', { saleId: sale.id, amount: 2_345 });
    expect(refund.tender).toBe('promptpay');
    expect(refund.stripeRefundId).toMatch(/^re_/);
    expect(['pending', 'requires_action']).toContain(refund.status);
    const after = await stripeRequests(pos);
    expect(after.requests['POST /v1/refunds']).toBe((before.requests['POST /v1/refunds'] ?? 0) + 1);
  });
});
