// Issue 9's acceptance for items, end to end through the real core, the official Stripe SDK and
// stripe-sim: a ticket charged through Stripe PromptPay and one paid in cash keep their lines in the
// sale, its detail, the history list and the receipt (once the receipt side answers), and the
// sales-by-item report counts them, with totals equal to the daily report's paid gross.
import { describe, expect, it } from 'vitest';
import type { ItemSalesReport, Item } from '../../../shared/catalog';
import type { DailyReport, SaleDetail, SaleSearchResult } from '../../../shared/manager-types';
import type { Receipt } from '../../../shared/receipt';
import type { Sale } from '../../../shared/sale';
import { businessDateOf } from '../../../electron/core/reports/business-day';
import { call, signedInContext, simControl, useTestCores, waitForSale } from '../../support/core-harness';

const core = useTestCores();

describe('a ticket of items, paid through Stripe and in cash', () => {
  it('shows its lines in the sale, its detail, history and the receipt, and the item report equals the ledger', async () => {
    const pos = await core();
    const owner = await signedInContext(pos);
    const latte = await call<Item>(pos, 'items.save', { name: 'ลาเต้เย็น', category: 'กาแฟ', price: 6_500, sku: 'LAT' });
    const cake = await call<Item>(pos, 'items.save', { name: 'Chocolate cake', category: 'Bakery', price: 8_000 });

    // 1. PromptPay through Stripe: 2 lattes and a cake. Only Stripe says it is paid.
    const ticket = [
      { itemId: latte.id, name: latte.name, unitPrice: latte.price, quantity: 2 },
      { itemId: cake.id, name: cake.name, unitPrice: cake.price, quantity: 1 },
    ];
    const charged = await call<Sale>(pos, 'sales.charge', { amount: 21_000, lines: ticket });
    expect(charged.status).toBe('awaiting_payment');
    expect(charged.lines).toEqual([
      { itemId: latte.id, name: 'ลาเต้เย็น', unitPrice: 6_500, quantity: 2, amount: 13_000 },
      { itemId: cake.id, name: 'Chocolate cake', unitPrice: 8_000, quantity: 1, amount: 8_000 },
    ]);
    const paid = waitForSale(pos, charged.id, (sale) => sale.status === 'succeeded');
    await simControl(pos, charged.paymentIntentId!, 'succeed');
    expect((await paid).lines).toEqual(charged.lines);

    // 2. Cash: 3 cakes and a line typed without an item, ฿300 handed over.
    await call(pos, 'shifts.open', { float: 50_000 });
    const cash = await call<Sale>(pos, 'sales.cash', {
      amount: 26_500, tendered: 30_000,
      lines: [{ itemId: cake.id, name: cake.name, unitPrice: 8_000, quantity: 3 }, { name: 'ค่าส่ง Delivery', unitPrice: 2_500, quantity: 1 }],
    });
    expect(cash).toMatchObject({ status: 'succeeded', tender: 'cash', cashTendered: 30_000 });
    expect(cash.lines).toHaveLength(2);

    // 3. An amount keyed in, no items.
    const keyed = await call<Sale>(pos, 'sales.cash', { amount: 4_000, tendered: 4_000 });
    expect(keyed.lines).toBeUndefined();

    // A ticket that does not add up to the amount is refused and saves nothing.
    const before = (await call<Sale[]>(pos, 'sales.list', { limit: 50 })).length;
    expect(await pos.dispatch('sales.cash', { amount: 9_999, tendered: 10_000, lines: ticket }, owner)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'lines' } });
    expect(await pos.dispatch('sales.charge', { amount: 20_000, lines: ticket }, owner)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'lines' } });
    expect(await call<Sale[]>(pos, 'sales.list', { limit: 50 })).toHaveLength(before);

    for (const sale of [charged, cash]) {
      const detail = await call<SaleDetail>(pos, 'sales.detail', { saleId: sale.id });
      expect(detail.sale.lines).toEqual(sale.lines);
      expect(detail.sale.lines!.reduce((sum, line) => sum + line.amount, 0)).toBe(detail.sale.amount);
      const receipt = await call<Receipt>(pos, 'receipts.get', { saleId: sale.id }, owner);
      expect(receipt.lines).toEqual(sale.lines);
    }
    expect((await call<SaleDetail>(pos, 'sales.detail', { saleId: keyed.id })).sale.lines).toBeUndefined();

    const today = businessDateOf(Date.now(), 'Asia/Bangkok');
    const history = await call<SaleSearchResult>(pos, 'sales.search', { from: today, to: today });
    expect(history.sales.find((sale) => sale.id === charged.id)?.lines).toEqual(charged.lines);
    expect(history.sales.find((sale) => sale.id === cash.id)?.lines).toEqual(cash.lines);
    expect(history.sales.find((sale) => sale.id === keyed.id)?.lines).toBeUndefined();

    const report = await call<ItemSalesReport>(pos, 'reports.items', { from: today, to: today });
    const daily = await call<DailyReport>(pos, 'reports.daily', { date: today });
    expect(report.totalGross).toBe(daily.paid.amount);
    expect(report.totalGross).toBe(21_000 + 26_500 + 4_000);
    expect(report.rows).toEqual([
      { itemId: cake.id, name: 'Chocolate cake', category: 'Bakery', quantity: 4, gross: 32_000, sales: 2 },
      { itemId: latte.id, name: 'ลาเต้เย็น', category: 'กาแฟ', quantity: 2, gross: 13_000, sales: 1 },
      { itemId: null, name: 'ค่าส่ง Delivery', category: null, quantity: 1, gross: 2_500, sales: 1 },
      { itemId: null, name: '', category: null, quantity: 0, gross: 4_000, sales: 1 },
    ]);
    expect(report.byCategory).toEqual([
      { category: 'Bakery', quantity: 4, gross: 32_000 },
      { category: 'กาแฟ', quantity: 2, gross: 13_000 },
      { category: null, quantity: 1, gross: 2_500 },
    ]);
    expect(report.totalQuantity).toBe(7);
  });

  it('an unpaid ticket counts nowhere, and a price change later never rewrites a sold line', async () => {
    const pos = await core();
    const tea = await call<Item>(pos, 'items.save', { name: 'Thai tea', category: 'Tea', price: 4_500 });
    const sale = await call<Sale>(pos, 'sales.charge', { amount: 13_500, lines: [{ itemId: tea.id, name: tea.name, unitPrice: 4_500, quantity: 3 }] });
    const failed = waitForSale(pos, sale.id, (next) => next.status === 'failed');
    await simControl(pos, sale.paymentIntentId!, 'fail');
    await failed;
    await call(pos, 'items.save', { id: tea.id, name: 'Thai tea (large)', price: 5_500 });
    const today = businessDateOf(Date.now(), 'Asia/Bangkok');
    const report = await call<ItemSalesReport>(pos, 'reports.items', { from: today, to: today });
    expect(report).toMatchObject({ rows: [], totalGross: 0, totalQuantity: 0 });
    expect((await call<SaleDetail>(pos, 'sales.detail', { saleId: sale.id })).sale.lines).toEqual([
      { itemId: tea.id, name: 'Thai tea', unitPrice: 4_500, quantity: 3, amount: 13_500 },
    ]);
  });
});
