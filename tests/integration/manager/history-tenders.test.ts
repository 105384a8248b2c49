// History search on a real ledger: each row carries what has been refunded of it, the tender filter,
// and business days that start at the shop's day start hour (through the core too).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchSales } from '../../../electron/core/history/sale-search';
import { openLedger, type LedgerDb } from '../../../electron/core/ledger/open-ledger';
import { SalesRepository } from '../../../electron/core/ledger/sales-repository';
import { businessDateOf, localParts } from '../../../electron/core/reports/business-day';
import type { SaleDetail, SaleSearchResult } from '../../../shared/manager-types';
import type { Sale } from '../../../shared/sale';
import { call, signedInContext, useTestCores } from '../../support/core-harness';
import { seedRefundId, seedRefunds, seedSaleId, seedSales } from './seed-ledger';

const ZONE = 'Asia/Bangkok';
/** 2026-11-26 10:00 in Bangkok (UTC+7). */
const MORNING = Date.parse('2026-11-26T03:00:00Z');
/** 2026-11-27 02:30 in Bangkok: the night of the 26th for a bar whose day starts at 04:00. */
const LATE_NIGHT = Date.parse('2026-11-26T19:30:00Z');

let dir: string;
let db: LedgerDb;
let sales: SalesRepository;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-history-'));
  db = openLedger(path.join(dir, 'ledger.sqlite3'));
  sales = new SalesRepository(db);
  seedSales(db, [
    { id: seedSaleId(1), amount: 10_000, status: 'succeeded', createdAt: MORNING },
    { id: seedSaleId(2), amount: 20_000, status: 'succeeded', createdAt: MORNING + 60_000 },
    { id: seedSaleId(3), amount: 5_000, status: 'succeeded', createdAt: MORNING + 120_000 },
    { id: seedSaleId(4), amount: 7_500, status: 'succeeded', createdAt: LATE_NIGHT },
  ]);
  // As the cash and hand-confirmed paths record them (no PaymentIntent).
  db.prepare("UPDATE sales SET tender = 'cash', cash_tendered = 50000, payment_intent_id = NULL WHERE id = ?").run(seedSaleId(2));
  db.prepare("UPDATE sales SET tender = 'promptpay_manual', confirmed_by = 'Nok', payment_intent_id = NULL WHERE id = ?").run(seedSaleId(3));
  seedRefunds(db, [
    { id: seedRefundId(1), saleId: seedSaleId(1), amount: 2_500, status: 'succeeded', createdAt: MORNING + 1_000 },
    { id: seedRefundId(2), saleId: seedSaleId(1), amount: 1_000, status: 'requires_action', createdAt: MORNING + 2_000 },
    // Failed and canceled refunds gave nothing back.
    { id: seedRefundId(3), saleId: seedSaleId(1), amount: 6_500, status: 'failed', createdAt: MORNING + 3_000 },
    { id: seedRefundId(4), saleId: seedSaleId(2), amount: 20_000, status: 'succeeded', createdAt: MORNING + 4_000 },
    { id: seedRefundId(5), saleId: seedSaleId(3), amount: 5_000, status: 'canceled', createdAt: MORNING + 5_000 },
  ]);
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const refundedOf = (result: SaleSearchResult) => Object.fromEntries(result.sales.map((sale) => [sale.id, sale.refunded]));

describe('history rows', () => {
  it('carry what has been refunded of each sale: succeeded and waiting refunds count, failed and canceled do not', () => {
    const result = searchSales(db, sales, { from: '2026-11-26', to: '2026-11-27' }, ZONE);
    expect(refundedOf(result)).toEqual({ [seedSaleId(1)]: 3_500, [seedSaleId(2)]: 20_000, [seedSaleId(3)]: 0, [seedSaleId(4)]: 0 });
    // The same figure the sale detail's `refundable` is computed from, on every page.
    const page = searchSales(db, sales, { from: '2026-11-26', to: '2026-11-27', limit: 1, cursor: searchSales(db, sales, { from: '2026-11-26', to: '2026-11-27', limit: 3 }, ZONE).nextCursor! }, ZONE);
    expect(page.sales.map((sale) => [sale.id, sale.refunded])).toEqual([[seedSaleId(1), 3_500]]);
  });

  it('carry each sale’s tender and filter by it', () => {
    const all = searchSales(db, sales, { from: '2026-11-26', to: '2026-11-27' }, ZONE);
    expect(Object.fromEntries(all.sales.map((sale) => [sale.id, [sale.tender, sale.cashTendered]]))).toEqual({
      [seedSaleId(1)]: ['promptpay', null],
      [seedSaleId(2)]: ['cash', 50_000],
      [seedSaleId(3)]: ['promptpay_manual', null],
      [seedSaleId(4)]: ['promptpay', null],
    });
    expect(searchSales(db, sales, { from: '2026-11-26', to: '2026-11-27', tender: 'cash' }, ZONE).sales.map((s) => s.id)).toEqual([seedSaleId(2)]);
    expect(searchSales(db, sales, { from: '2026-11-26', to: '2026-11-27', tender: 'promptpay_manual' }, ZONE).sales.map((s) => s.id)).toEqual([seedSaleId(3)]);
    expect(searchSales(db, sales, { from: '2026-11-26', to: '2026-11-27', tender: 'promptpay' }, ZONE).sales.map((s) => s.id)).toEqual([seedSaleId(4), seedSaleId(1)]);
  });

  it('follow the day start hour: a sale at 02:30 belongs to the night before when the day starts at 04:00', () => {
    const ids = (from: string, hour: number) => searchSales(db, sales, { from, to: from }, ZONE, hour).sales.map((s) => s.id);
    expect(ids('2026-11-26', 0)).not.toContain(seedSaleId(4));
    expect(ids('2026-11-27', 0)).toEqual([seedSaleId(4)]);
    expect(ids('2026-11-26', 4)).toContain(seedSaleId(4));
    expect(ids('2026-11-27', 4)).toEqual([]);
  });
});

describe('sales.search through the core', () => {
  const core = useTestCores();

  it('shows a cash sale with what was handed over and a hand-confirmed sale with who confirmed it', async () => {
    const pos = await core();
    await call(pos, 'settings.update', { promptPayId: '0812345678' });
    await call(pos, 'shifts.open', { float: 100_000 });
    const cash = await call<Sale>(pos, 'sales.cash', { amount: 38_000, tendered: 50_000 });
    const cashDetail = await call<SaleDetail>(pos, 'sales.detail', { saleId: cash.id });
    expect(cashDetail).toMatchObject({ sale: { tender: 'cash', cashTendered: 50_000, status: 'succeeded' }, confirmedBy: null, refundable: 38_000 });
    expect(cashDetail.timeline.map((entry) => entry.note)).toContainEqual({ code: 'cash_received', received: 50_000, change: 12_000 });

    const manual = await call<Sale>(pos, 'sales.manualQr', { amount: 900 });
    await call<Sale>(pos, 'sales.confirmManual', { saleId: manual.id });
    const manualDetail = await call<SaleDetail>(pos, 'sales.detail', { saleId: manual.id });
    expect(manualDetail).toMatchObject({ sale: { tender: 'promptpay_manual', status: 'succeeded' }, confirmedBy: 'Owner Somchai' });
    expect(manualDetail.timeline.map((entry) => entry.note)).toContainEqual({ code: 'confirmed_by_hand', by: 'Owner Somchai' });
  });

  it('reads the day start hour from the settings, and refuses an unknown tender', async () => {
    const pos = await core();
    const sale = await call<Sale>(pos, 'sales.charge', { amount: 4_200, description: 'กาแฟ' });
    // A zone where it is before 11:00 now: with the day starting at 11, this sale belongs to yesterday.
    const now = Date.now();
    const zone = ['Pacific/Kiritimati', 'Asia/Tokyo', 'Asia/Bangkok', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Pacific/Honolulu', 'Pacific/Pago_Pago'].find(
      (candidate) => localParts(now, candidate).hour < 10,
    )!;
    await call(pos, 'settings.update', { timeZone: zone, dayStartHour: 11 });
    const businessDay = businessDateOf(sale.createdAt, zone, 11);
    expect(businessDay).not.toBe(localParts(sale.createdAt, zone).date);
    const found = await call<SaleSearchResult>(pos, 'sales.search', { from: businessDay, to: businessDay });
    expect(found.sales.map((s) => [s.id, s.tender, s.refunded])).toEqual([[sale.id, 'promptpay', 0]]);
    expect((await call<SaleSearchResult>(pos, 'sales.search', { from: businessDay, to: businessDay, tender: 'cash' })).sales).toEqual([]);
    const refused = await pos.dispatch('sales.search', { from: businessDay, to: businessDay, tender: 'card' }, await signedInContext(pos));
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'tender' } });
  });
});
