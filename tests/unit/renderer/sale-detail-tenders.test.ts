import { describe, expect, it } from 'vitest';
import type { Refund, SaleDetail } from '../../../shared/manager-types';
import { translate } from '../../../shared/i18n/translate';
import { createSaleDetailStore, refundError } from '../../../renderer/state/sale-detail-store';
import { createFakeTransport, makeSale } from './fake-transport';

function refund(patch: Partial<Refund>): Refund {
  return { id: 'rfd_HAND0001', saleId: 'sale_x', tender: 'cash', stripeRefundId: null, amount: 100, status: 'succeeded', email: null, reason: 'requested_by_customer', failureReason: null, requestedBy: 'Owner', createdAt: 1, updatedAt: 1, ...patch };
}

describe('refunding a sale paid by hand', () => {
  it('records a cash refund without asking for an email', async () => {
    const transport = createFakeTransport();
    const sale = makeSale({ status: 'succeeded', tender: 'cash', cashTendered: 50_000, amount: 38_000, paymentIntentId: null, paymentIntentStatus: null, qrData: null });
    let detail: SaleDetail = { sale, timeline: [], refunds: [], refundable: 38_000, confirmedBy: null };
    transport.handle('sales.detail', () => ({ ok: true, value: detail }));
    transport.handle('refunds.create', (input) => {
      const created = refund({ saleId: sale.id, amount: input.amount });
      detail = { ...detail, refunds: [created], refundable: 38_000 - input.amount };
      return { ok: true, value: created };
    });
    const store = createSaleDetailStore({ transport });
    await store.getState().open(sale.id);
    store.getState().openRefund();
    for (const key of '80') store.getState().pressRefundKey(key as '8');
    await store.getState().submitRefund();
    expect(transport.callsOf('refunds.create')).toEqual([{ saleId: sale.id, amount: 8_000, reason: 'requested_by_customer' }]);
    expect(store.getState().refund).toBeNull();
    expect(store.getState().detail?.refundable).toBe(30_000);
  });

  it('says "open a shift first" when the core refuses a cash refund for want of a shift, in both languages', async () => {
    const transport = createFakeTransport();
    const sale = makeSale({ status: 'succeeded', tender: 'cash', cashTendered: 40_000, amount: 38_000 });
    transport.handle('sales.detail', () => ({ ok: true, value: { sale, timeline: [], refunds: [], refundable: 38_000 } }));
    transport.handle('refunds.create', () => ({ ok: false, error: { code: 'conflict', message: 'No shift is open on this till: open one with its float before a cash refund.', field: 'shift' } }));
    const store = createSaleDetailStore({ transport });
    await store.getState().open(sale.id);
    store.getState().openRefund();
    await store.getState().submitRefund();
    const shown = store.getState().refund?.error;
    expect(shown).toEqual({ key: 'refund.error.openShift', detail: null });
    expect(translate('en', shown!.key)).toMatch(/^Open a shift first/);
    expect(translate('th', shown!.key)).toMatch(/^เปิดกะก่อน/);
    // Other conflicts keep their own words.
    expect(refundError({ code: 'conflict', message: 'x', field: 'saleId' }).key).toBe('manager.error.conflict');
  });
});
