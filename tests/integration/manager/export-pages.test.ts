// The export's page reader on a real ledger: every sale of the range exactly once, oldest first, across
// page boundaries that fall inside a run of sales made in the same millisecond, with its refunds, and
// only the ledger's own mode and account.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countExportRows, exportPages } from '../../../electron/core/exports/export-rows';
import { openLedger, type LedgerDb } from '../../../electron/core/ledger/open-ledger';
import { dayBounds } from '../../../electron/core/reports/business-day';
import { seedRefunds, seedSaleId, seedSales, type SeedSale } from './seed-ledger';

const ZONE = 'Asia/Bangkok';
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-export-pages-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let ledgers = 0;
function ledger(): LedgerDb {
  const db = openLedger(path.join(dir, `ledger-${++ledgers}.sqlite3`));
  db.prepare("INSERT INTO stripe_binding (id, mode, account, key_fingerprint, bound_at) VALUES (1, 'live', 'acct_shop', NULL, 0)").run();
  return db;
}

describe('export pages', () => {
  it('read every sale of the range once, in order, however the pages cut through equal timestamps', () => {
    const dayStart = dayBounds('2026-03-08', ZONE).startsAt;
    fc.assert(
      fc.property(
        // Few distinct instants, so many sales share one; some fall just outside the day.
        fc.array(fc.record({ at: fc.integer({ min: -2, max: 6 }), till: fc.constantFrom('till-1', 'till-2'), foreign: fc.boolean() }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom(null, 'till-2'),
        (specs, pageRows, tillId) => {
          const db = ledger();
          try {
            const sales: SeedSale[] = specs.map((spec, i) => ({
              id: seedSaleId(i + 1), amount: 1_000 + i, status: 'succeeded', tillId: spec.till,
              // -2 and -1: the day before; 6: the next day. The rest inside the day, at a handful of instants.
              createdAt: spec.at < 0 ? dayStart + spec.at : spec.at === 6 ? dayBounds('2026-03-09', ZONE).startsAt : dayStart + spec.at * 1000,
              ...(spec.foreign ? { mode: 'test' as const, account: 'acct_other' } : {}),
            }));
            seedSales(db, sales);
            const range = { from: '2026-03-08', to: '2026-03-08', timeZone: ZONE, tillId };
            const pages = [...exportPages(db, range, pageRows)];
            const read = pages.flat();
            const expected = sales
              .filter((s) => s.createdAt >= dayStart && s.createdAt < dayBounds('2026-03-09', ZONE).startsAt && (tillId === null || s.tillId === tillId) && s.mode === undefined)
              .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
            expect(read.map((r) => r.saleId)).toEqual(expected.map((s) => s.id));
            expect(countExportRows(db, range)).toBe(expected.length);
            expect(pages.every((page) => page.length <= pageRows && page.length > 0)).toBe(true);
            expect(read.every((r) => r.mode === 'live' && r.account === 'acct_shop')).toBe(true);
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('carry what was refunded on each sale, counting only refunds that were not failed or canceled', () => {
    const db = ledger();
    try {
      const at = Date.parse('2026-03-08T10:00:00+07:00');
      seedSales(db, [
        { id: seedSaleId(1), amount: 10_000, status: 'succeeded', createdAt: at, description: 'ข้าวผัด', orderRef: 'T-1', cashierId: 'csh_nok0000001', cashier: 'น้อย' },
        { id: seedSaleId(2), amount: 5_000, status: 'expired', createdAt: at + 1 },
      ]);
      seedRefunds(db, [
        { id: 'rfd_seed0000000001', saleId: seedSaleId(1), amount: 2_500, status: 'succeeded', createdAt: at + 60_000 },
        { id: 'rfd_seed0000000002', saleId: seedSaleId(1), amount: 1_000, status: 'pending', createdAt: at + 61_000 },
        { id: 'rfd_seed0000000003', saleId: seedSaleId(1), amount: 4_000, status: 'failed', createdAt: at + 62_000 },
      ]);
      const [first, second] = [...exportPages(db, { from: '2026-03-08', to: '2026-03-08', timeZone: ZONE })].flat();
      expect(first).toEqual({
        createdAt: at, saleId: seedSaleId(1), status: 'succeeded', tender: 'promptpay', amount: 10_000, refunded: 3_500, description: 'ข้าวผัด', orderRef: 'T-1',
        cashier: 'น้อย', tillId: 'till-1', source: 'till', paymentIntentId: `pi_${seedSaleId(1).slice(5)}`, paidAt: at + 30_000, flagged: false,
        mode: 'live', account: 'acct_shop',
      });
      expect(second).toMatchObject({ saleId: seedSaleId(2), status: 'expired', refunded: 0, paidAt: null });
    } finally {
      db.close();
    }
  });
});
