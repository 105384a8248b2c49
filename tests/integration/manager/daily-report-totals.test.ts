// Property tests: whatever sales and refunds the ledger holds, across day boundaries and time zones,
// the daily report's totals equal sums computed independently from the rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger, type LedgerDb } from '../../../electron/core/ledger/open-ledger';
import { dailyReport } from '../../../electron/core/reports/daily-report';
import { SALE_STATUSES } from '../../../shared/sale-status';
import { REFUND_STATUSES } from '../../../shared/manager-types';
import { seedRefunds, seedSaleId, seedRefundId, seedSales, type SeedRefund, type SeedSale } from './seed-ledger';

const ZONES = ['Asia/Bangkok', 'UTC', 'America/Los_Angeles', 'Pacific/Kiritimati'] as const;
/** Around two DST changes in Los Angeles and several midnights everywhere. */
const WINDOWS = [Date.parse('2026-03-06T00:00:00Z'), Date.parse('2026-10-30T00:00:00Z')];
const SPAN_MS = 5 * 24 * 3_600_000;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-report-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Independent of the code under test: Intl's own formatting of each instant, memoised per zone.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const hourFormats = new Map<string, Intl.DateTimeFormat>();
const memo = new Map<string, string | number>();
function localDate(epochMs: number, zone: string): string {
  const key = `d${zone}${epochMs}`;
  if (!memo.has(key)) {
    if (!dateFormats.has(zone)) dateFormats.set(zone, new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }));
    memo.set(key, dateFormats.get(zone)!.format(epochMs));
  }
  return memo.get(key) as string;
}
function localHour(epochMs: number, zone: string): number {
  const key = `h${zone}${epochMs}`;
  if (!memo.has(key)) {
    if (!hourFormats.has(zone)) hourFormats.set(zone, new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }));
    memo.set(key, Number(hourFormats.get(zone)!.format(epochMs)));
  }
  return memo.get(key) as number;
}

const saleArbitrary = fc.record({
  offset: fc.integer({ min: 0, max: SPAN_MS - 1 }),
  amount: fc.integer({ min: 1000, max: 99_999_999 }),
  status: fc.constantFrom(...SALE_STATUSES),
  till: fc.constantFrom('till-1', 'till-2'),
  cashier: fc.constantFrom(null, 'a', 'b'),
  refunds: fc.array(fc.record({ fraction: fc.integer({ min: 1, max: 100 }), status: fc.constantFrom(...REFUND_STATUSES), delay: fc.integer({ min: 0, max: 2 * 24 * 3_600_000 }) }), { maxLength: 2 }),
});

interface SaleSpec {
  offset: number;
  amount: number;
  status: SeedSale['status'];
  till: string;
  cashier: string | null;
  refunds: { fraction: number; status: SeedRefund['status']; delay: number }[];
}

let counter = 0;
function build(base: number, specs: readonly SaleSpec[]): { sales: SeedSale[]; refunds: SeedRefund[] } {
  const sales: SeedSale[] = [];
  const refunds: SeedRefund[] = [];
  for (const raw of specs) {
    const id = seedSaleId(++counter);
    sales.push({ id, amount: raw.amount, status: raw.status, createdAt: base + raw.offset, tillId: raw.till, cashierId: raw.cashier === null ? null : `csh_${raw.cashier}xxxxxx`, cashier: raw.cashier === null ? null : `Cashier ${raw.cashier}` });
    if (raw.status !== 'succeeded') continue;
    for (const refund of raw.refunds) {
      refunds.push({ id: seedRefundId(++counter), saleId: id, amount: Math.max(1, Math.floor((raw.amount * refund.fraction) / 200)), status: refund.status, createdAt: base + raw.offset + refund.delay, tillId: raw.till });
    }
  }
  return { sales, refunds };
}

function expectReportMatchesRows(db: LedgerDb, sales: SeedSale[], refunds: SeedRefund[], zone: string, date: string, tillId: string | null): void {
  const report = dailyReport(db, { date, timeZone: zone, tillId });
  const inDay = sales.filter((s) => localDate(s.createdAt, zone) === date && (tillId === null || s.tillId === tillId));
  for (const status of SALE_STATUSES) {
    const rows = inDay.filter((s) => s.status === status);
    expect(report.byStatus[status], `${zone} ${date} ${status}`).toEqual({ count: rows.length, amount: rows.reduce((sum, s) => sum + s.amount, 0) });
  }
  const paid = inDay.filter((s) => s.status === 'succeeded');
  const counted = refunds.filter((r) => localDate(r.createdAt, zone) === date && (tillId === null || r.tillId === tillId) && !['failed', 'canceled'].includes(r.status));
  const refundedAmount = counted.reduce((sum, r) => sum + r.amount, 0);
  expect(report.paid).toEqual({ count: paid.length, amount: paid.reduce((sum, s) => sum + s.amount, 0) });
  expect(report.refunded).toEqual({ count: counted.length, amount: refundedAmount });
  expect(report.net).toBe(report.paid.amount - refundedAmount);
  const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, count: 0, amount: 0 }));
  for (const sale of paid) {
    const entry = hours[localHour(sale.createdAt, zone)];
    entry.count += 1;
    entry.amount += sale.amount;
  }
  expect(report.byHour, `${zone} ${date} by hour`).toEqual(hours);
  const cashierIds = [...new Set(paid.map((s) => s.cashierId ?? null))];
  expect(report.byCashier.map((c) => c.cashierId).sort()).toEqual(cashierIds.sort());
  for (const entry of report.byCashier) {
    const rows = paid.filter((s) => (s.cashierId ?? null) === entry.cashierId);
    expect(entry.amount).toBe(rows.reduce((sum, s) => sum + s.amount, 0));
  }
  expect(report.payments.map((p) => p.saleId).sort()).toEqual(paid.map((s) => s.id).sort());
  const refundedBySale = new Map<string, number>();
  for (const r of refunds) if (!['failed', 'canceled'].includes(r.status)) refundedBySale.set(r.saleId, (refundedBySale.get(r.saleId) ?? 0) + r.amount);
  for (const payment of report.payments) expect(payment.refunded).toBe(refundedBySale.get(payment.saleId) ?? 0);
}

describe('daily report totals', () => {
  it.each(ZONES)('equal the sums of the ledger rows for every business day in %s', (zone) => {
    expect.hasAssertions();
    fc.assert(
      fc.property(fc.constantFrom(...WINDOWS), fc.array(saleArbitrary, { minLength: 1, maxLength: 120 }), fc.constantFrom(null, 'till-2'), (base, specs, tillId) => {
        const db = openLedger(path.join(dir, `property-${++counter}.sqlite3`));
        try {
          const { sales, refunds } = build(base, specs);
          seedSales(db, sales);
          seedRefunds(db, refunds);
          const days = new Set([...sales.map((s) => localDate(s.createdAt, zone)), ...refunds.map((r) => localDate(r.createdAt, zone))]);
          for (const date of days) expectReportMatchesRows(db, sales, refunds, zone, date, tillId);
        } finally {
          db.close();
        }
      }),
      { numRuns: 15 },
    );
  });

  it('stays equal to the rows on a ledger of thousands of sales spread over many days', { timeout: 60_000 }, () => {
    const db = openLedger(path.join(dir, 'thousands.sqlite3'));
    try {
      const specs = fc.sample(saleArbitrary, { numRuns: 5000, seed: 42 });
      const { sales, refunds } = build(WINDOWS[0], specs);
      seedSales(db, sales);
      seedRefunds(db, refunds);
      for (const zone of ZONES) {
        const days = [...new Set(sales.map((s) => localDate(s.createdAt, zone)))];
        let total = 0;
        for (const date of days) {
          expectReportMatchesRows(db, sales, refunds, zone, date, null);
          total += dailyReport(db, { date, timeZone: zone }).paid.amount;
        }
        // Every paid sale falls on exactly one business day.
        expect(total).toBe(sales.filter((s) => s.status === 'succeeded').reduce((sum, s) => sum + s.amount, 0));
      }
    } finally {
      db.close();
    }
  });

  it('puts a sale at 23:59 and one at 00:01 Bangkok time on different days, whatever the machine zone', () => {
    const previous = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
    const db = openLedger(path.join(dir, 'midnight.sqlite3'));
    try {
      seedSales(db, [
        { id: seedSaleId(900_001), amount: 2359, status: 'succeeded', createdAt: Date.parse('2026-03-08T23:59:00+07:00') },
        { id: seedSaleId(900_002), amount: 1001, status: 'succeeded', createdAt: Date.parse('2026-03-09T00:01:00+07:00') },
      ]);
      const first = dailyReport(db, { date: '2026-03-08', timeZone: 'Asia/Bangkok' });
      const second = dailyReport(db, { date: '2026-03-09', timeZone: 'Asia/Bangkok' });
      expect(first.paid).toEqual({ count: 1, amount: 2359 });
      expect(first.byHour[23]).toEqual({ hour: 23, count: 1, amount: 2359 });
      expect(second.paid).toEqual({ count: 1, amount: 1001 });
      expect(second.byHour[0]).toEqual({ hour: 0, count: 1, amount: 1001 });
    } finally {
      db.close();
      process.env.TZ = previous;
    }
  });
});

describe('who took the money', () => {
  it('sends facts, not words: API sales are a source, and their name is left for the screen to say', () => {
    const db = openLedger(path.join(dir, 'facts.sqlite3'));
    try {
      const at = Date.parse('2026-03-08T12:00:00+07:00');
      seedSales(db, [
        { id: seedSaleId(910_001), amount: 5_000, status: 'succeeded', createdAt: at, cashierId: null },
        { id: seedSaleId(910_002), amount: 2_000, status: 'succeeded', createdAt: at + 1, cashierId: 'csh_nok0000001', cashier: 'น้อย' },
      ]);
      const report = dailyReport(db, { date: '2026-03-08', timeZone: 'Asia/Bangkok' });
      expect(report.byCashier).toEqual([
        { cashierId: null, name: '', source: 'api', count: 1, amount: 5_000 },
        { cashierId: 'csh_nok0000001', name: 'น้อย', source: 'till', count: 1, amount: 2_000 },
      ]);
      expect(JSON.stringify(report)).not.toMatch(/API \(no cashier\)/);
    } finally {
      db.close();
    }
  });
});
