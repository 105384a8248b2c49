import { describe, expect, it } from 'vitest';
import type { SaleSearchRow } from '../../../shared/manager-types';
import { createHistoryStore } from '../../../renderer/state/history-store';
import { createFakeTransport, makeSale } from './fake-transport';

describe('history by tender, with refunded totals', () => {
  it('filters by tender, keeps the filter for the next page, and keeps each row’s refunded total', async () => {
    const transport = createFakeTransport();
    const cash: SaleSearchRow = { ...makeSale({ status: 'succeeded', tender: 'cash', cashTendered: 50_000, amount: 38_000 }), refunded: 10_000 };
    const later: SaleSearchRow = { ...makeSale({ status: 'succeeded', tender: 'cash', cashTendered: 20_000, amount: 20_000 }), refunded: 0 };
    transport.handle('sales.search', (input) => ({ ok: true, value: input.cursor ? { sales: [later], nextCursor: null } : { sales: [cash], nextCursor: 'c1' } }));
    const store = createHistoryStore({ transport, now: () => Date.UTC(2026, 10, 26, 5) });
    store.getState().setTender('cash');
    await Promise.resolve();
    await store.getState().search();
    expect(transport.callsOf('sales.search').at(-1)).toEqual({ from: '2026-11-26', to: '2026-11-26', limit: 50, tender: 'cash' });
    await store.getState().loadMore();
    expect(transport.callsOf('sales.search').at(-1)).toEqual({ from: '2026-11-26', to: '2026-11-26', limit: 50, tender: 'cash', cursor: 'c1' });
    expect(store.getState().sales.map((s) => [s.id, s.refunded])).toEqual([[cash.id, 10_000], [later.id, 0]]);

    // A sale.updated carries the sale but not its refunds: the row keeps what it knew.
    transport.emit({ type: 'sale.updated', data: { ...makeSale({ id: cash.id, status: 'succeeded', tender: 'cash', amount: 38_000 }), flagged: true, updatedAt: cash.updatedAt + 1 } });
    expect(store.getState().sales[0]).toMatchObject({ id: cash.id, refunded: 10_000 });

    store.getState().setTender('');
    await store.getState().search();
    expect(transport.callsOf('sales.search').at(-1)).toEqual({ from: '2026-11-26', to: '2026-11-26', limit: 50 });
  });
});
