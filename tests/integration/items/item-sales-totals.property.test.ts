// Sales by item against the ledger, whatever it holds: tickets of catalogue and typed lines and sales
// keyed as an amount, of every status and tender, on two tills and in a foreign Stripe scope, across
// zones with DST and business-day start hours. The report's total is the period report's paid gross
// (and the daily reports' added up) for the same days, and each row is what an independent count of
// the paid tickets says.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemSalesReport } from '../../../electron/core/items/item-sales-report';
import { openLedger } from '../../../electron/core/ledger/open-ledger';
import { dailyReport } from '../../../electron/core/reports/daily-report';
import { periodReport } from '../../../electron/core/reports/period-report';
import { SALE_STATUSES } from '../../../shared/sale-status';
import { TENDERS } from '../../../shared/tender';
import { seedSaleId, seedSales, type SeedSale } from '../manager/seed-ledger';

const ZONES = ['Asia/Bangkok', 'America/New_York', 'Pacific/Chatham', 'Asia/Kolkata'] as const;
/** A few days around New York's spring DST change. */
const WINDOW = '2026-03-06';
const WINDOW_DAYS = 5;
const DAY_MS = 24 * 3_600_000;

const ITEMS = [
  { id: 'itm_latte000000001', name: 'ลาเต้ Latte', category: 'กาแฟ' },
  { id: 'itm_tea00000000001', name: 'ชาไทย', category: 'ชา' },
  { id: 'itm_cake0000000001', name: 'Cake', category: null },
  { id: 'itm_gone0000000001', name: 'Deleted from the list', category: 'Old' },
] as const;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-item-sales-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const lineSpec = fc.record({
  item: fc.integer({ min: -2, max: ITEMS.length - 1 }),
  unitPrice: fc.integer({ min: 0, max: 50_000 }),
  quantity: fc.integer({ min: 1, max: 12 }),
});
const saleSpec = fc.record({
  minute: fc.integer({ min: -24 * 60, max: (WINDOW_DAYS + 1) * 24 * 60 }),
  /** Empty: an amount keyed in. */
  // A free line (price 0) happens; a ticket of nothing but free lines is no sale (the ledger refuses amount 0).
  lines: fc.array(lineSpec, { maxLength: 4 }).filter((lines) => lines.length === 0 || lines.some((line) => line.unitPrice > 0)),
  keyed: fc.integer({ min: 1, max: 9_999_999 }),
  status: fc.constantFrom(...SALE_STATUSES, 'succeeded', 'succeeded'),
  tender: fc.constantFrom(...TENDERS),
  till: fc.constantFrom('till-1', 'till-2'),
  foreign: fc.integer({ min: 0, max: 6 }).map((n) => n === 0),
});

let counter = 0;

describe('sales by item add up to the ledger', () => {
  it('totals equal the period and daily reports\' paid gross, and rows equal an independent count', () => {
    const ledgersBefore = counter;
    fc.assert(
      fc.property(
        fc.array(saleSpec, { maxLength: 40 }),
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 0, max: WINDOW_DAYS - 1 }),
        fc.integer({ min: 0, max: WINDOW_DAYS - 1 }),
        fc.constantFrom<string | null>(null, 'till-1', 'till-2'),
        (specs, zone, startHour, a, b, tillId) => run(specs, zone, startHour, Math.min(a, b), Math.max(a, b), tillId),
      ),
      { numRuns: 60 },
    );
    expect(counter - ledgersBefore).toBeGreaterThanOrEqual(60);
  });
});

type SaleSpec = typeof saleSpec extends fc.Arbitrary<infer T> ? T : never;

function run(specs: readonly SaleSpec[], zone: string, startHour: number, fromOffset: number, toOffset: number, tillId: string | null): boolean {
  const db = openLedger(path.join(dir, `ledger-${++counter}.sqlite3`));
  try {
    db.prepare("INSERT INTO stripe_binding (id, mode, account, key_fingerprint, bound_at) VALUES (1, 'test', 'acct_shop', NULL, 0)").run();
    const insertItem = db.prepare('INSERT INTO items (id, name, category, price, sku, active, created_at, updated_at) VALUES (?, ?, ?, 100, NULL, 1, 0, 0)');
    // The last one was deleted from the catalogue after it was sold: its lines still count, under their own name.
    for (const item of ITEMS.slice(0, -1)) insertItem.run(item.id, item.name, item.category);
    const insertLine = db.prepare('INSERT INTO sale_lines (sale_id, line_no, item_id, name, unit_price, quantity, amount) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const base = Date.parse(`${WINDOW}T00:00:00Z`);
    const sales: (SeedSale & { lines: { key: string; name: string; category: string | null; quantity: number; amount: number }[] })[] = specs.map((spec, i) => {
      const lines = spec.lines.map((line) => {
        const item = line.item >= 0 ? ITEMS[line.item] : null;
        const name = item ? item.name : line.item === -1 ? 'Typed extra' : 'ค่าส่ง';
        return { key: item ? item.id : `typed:${name}`, itemId: item?.id ?? null, name, category: item && line.item < ITEMS.length - 1 ? item.category : null, quantity: line.quantity, unitPrice: line.unitPrice, amount: line.unitPrice * line.quantity };
      });
      const amount = lines.length > 0 ? lines.reduce((sum, line) => sum + line.amount, 0) : spec.keyed;
      return {
        id: seedSaleId(counter * 1000 + i), amount, status: spec.status, tender: spec.tender, tillId: spec.till,
        createdAt: base + spec.minute * 60_000 + (i % 60) * 1000,
        ...(spec.foreign ? { mode: 'live' as const, account: 'acct_other' } : {}),
        lines,
      };
    });
    seedSales(db, sales);
    db.transaction(() => {
      for (const sale of sales) sale.lines.forEach((line, n) => insertLine.run(sale.id, n + 1, line.key.startsWith('typed:') ? null : line.key, line.name, line.amount / line.quantity, line.quantity, line.amount));
    })();

    const from = new Date(base + fromOffset * DAY_MS).toISOString().slice(0, 10);
    const to = new Date(base + toOffset * DAY_MS).toISOString().slice(0, 10);
    const report = itemSalesReport(db, { from, to, timeZone: zone, dayStartHour: startHour, tillId });
    const period = periodReport(db, { from, to, timeZone: zone, dayStartHour: startHour, tillId });
    expect(report.totalGross).toBe(period.totals.paid.amount);
    const days = period.days.map((day) => dailyReport(db, { date: day.date, timeZone: zone, dayStartHour: startHour, tillId, includePayments: false }).paid.amount);
    expect(report.totalGross).toBe(days.reduce((sum, amount) => sum + amount, 0));

    // The oracle: paid sales of the ledger's scope whose business day (Intl's local time) is in range.
    const counted = sales.filter((sale) => sale.status === 'succeeded' && !sale.mode && (tillId === null || sale.tillId === tillId)
      && inRange(businessDate(sale.createdAt, zone, startHour), from, to));
    const expected = new Map<string, { name: string; category: string | null; quantity: number; gross: number; sales: Set<string> }>();
    let keyed = { sales: 0, gross: 0 };
    for (const sale of counted) {
      if (sale.lines.length === 0) keyed = { sales: keyed.sales + 1, gross: keyed.gross + sale.amount };
      for (const line of sale.lines) {
        const row = expected.get(line.key) ?? { name: line.name, category: line.category, quantity: 0, gross: 0, sales: new Set<string>() };
        row.quantity += line.quantity;
        row.gross += line.amount;
        row.sales.add(sale.id);
        expected.set(line.key, row);
      }
    }
    const want = [...expected.entries()].map(([key, row]) => ({ itemId: key.startsWith('typed:') ? null : key, name: row.name, category: row.category, quantity: row.quantity, gross: row.gross, sales: row.sales.size }));
    if (keyed.sales > 0) want.push({ itemId: null, name: '', category: null, quantity: 0, gross: keyed.gross, sales: keyed.sales });
    const byKey = (row: { itemId: string | null; name: string }) => `${row.itemId}|${row.name}`;
    expect([...report.rows].sort((x, y) => byKey(x).localeCompare(byKey(y)))).toEqual(want.sort((x, y) => byKey(x).localeCompare(byKey(y))));
    expect(report.totalQuantity).toBe(want.reduce((sum, row) => sum + row.quantity, 0));
    // Categories add up to the item lines (the keyed amounts are apart).
    expect(report.byCategory.reduce((sum, row) => sum + row.gross, 0)).toBe(report.totalGross - keyed.gross);
    return true;
  } finally {
    db.close();
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();
function businessDate(epochMs: number, zone: string, startHour: number): string {
  if (!formats.has(zone)) formats.set(zone, new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }));
  const parts = Object.fromEntries(formats.get(zone)!.formatToParts(epochMs).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  return Number(parts.hour) >= startHour ? date : new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}
function inRange(date: string, from: string, to: string): boolean {
  return date >= from && date <= to;
}
