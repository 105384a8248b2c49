import { describe, expect, it } from 'vitest';
import { followSale, mergeSale, upsertRecent } from '../../../renderer/state/sale-merge';
import { makeSale } from './fake-transport';

describe('sale merging', () => {
  it('a late awaiting_payment update never moves a paid sale backwards', () => {
    const awaiting = makeSale();
    const paid = { ...awaiting, status: 'succeeded' as const, updatedAt: awaiting.updatedAt + 5 };
    expect(mergeSale(paid, awaiting)).toBe(paid);
    expect(mergeSale(awaiting, paid)).toBe(paid);
  });

  it('between two final copies the newer one wins (a payment that beat a cancel)', () => {
    const sale = makeSale();
    const canceled = { ...sale, status: 'canceled' as const, updatedAt: sale.updatedAt + 1 };
    const paidFlagged = { ...sale, status: 'succeeded' as const, flagged: true, updatedAt: sale.updatedAt + 2 };
    expect(mergeSale(canceled, paidFlagged)).toBe(paidFlagged);
    expect(mergeSale(paidFlagged, canceled)).toBe(paidFlagged);
  });

  it('a display following the current sale switches to a newer sale but ignores an older one', () => {
    const older = makeSale();
    const newer = makeSale();
    expect(followSale(older, newer)).toBe(newer);
    expect(followSale(newer, { ...older, status: 'expired', updatedAt: older.updatedAt + 99_999 })).toBe(newer);
  });

  it('recent sales stay newest first, one row per sale, capped', () => {
    const sales = Array.from({ length: 12 }, () => makeSale());
    let list = sales.reduce((acc, sale) => upsertRecent(acc, sale, 10), [] as ReturnType<typeof upsertRecent>);
    expect(list).toHaveLength(10);
    expect(list[0].id).toBe(sales[11].id);
    const paid = { ...sales[11], status: 'succeeded' as const, updatedAt: sales[11].updatedAt + 1 };
    list = upsertRecent(list, paid, 10);
    expect(list).toHaveLength(10);
    expect(list[0]).toBe(paid);
  });

  it('keeps the copy already held when a second copy says the same, and takes one that says more', () => {
    const held = makeSale();
    const again = JSON.parse(JSON.stringify(held)) as typeof held;
    expect(mergeSale(held, again)).toBe(held);
    const list = upsertRecent([], held, 10);
    expect(upsertRecent(list, again, 10)).toBe(list);
    // Same moment, different word (flagged): the new copy is taken.
    const flagged = { ...held, flagged: true };
    expect(mergeSale(held, flagged)).toBe(flagged);
    expect(upsertRecent(list, flagged, 10)[0]).toBe(flagged);
  });
});
