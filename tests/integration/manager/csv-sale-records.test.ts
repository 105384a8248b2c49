// The CSV file of sales, whole, against csv-stringify (a well-kept RFC 4180 writer) given the guarded
// cells of each sale: for rows given (property) and for a real ledger read from its page query's
// arrays (the writer's fast path), which must write the same bytes as the same rows given.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { satangToDecimal } from '../../../shared/money';
import { csvSafeCell, writeCsv } from '../../../electron/core/exports/csv-export';
import { EXPORT_COLUMNS, exportPages, type ExportRange, type ExportRow } from '../../../electron/core/exports/export-rows';
import { openLedger } from '../../../electron/core/ledger/open-ledger';
import { dayBounds, localDateTime } from '../../../electron/core/reports/business-day';
import { seedRefunds, seedSaleId, seedSales } from './seed-ledger';

const ZONE = 'Asia/Bangkok';
const RANGE: ExportRange = { from: '2026-03-08', to: '2026-03-08', timeZone: ZONE };

/** The cells of a sale as the export's columns read (the oracle's side, written out plainly). */
function expectedCells(row: ExportRow): string[] {
  const net = row.status === 'succeeded' ? row.amount - row.refunded : 0;
  return [
    localDateTime(row.createdAt, ZONE), row.saleId, row.status, row.tender, satangToDecimal(row.amount), satangToDecimal(row.refunded), satangToDecimal(net),
    row.description ?? '', row.orderRef ?? '', row.cashier ?? '', row.tillId, row.source, row.paymentIntentId ?? '',
    row.paidAt === null ? '' : localDateTime(row.paidAt, ZONE), row.flagged ? 'yes' : '', row.mode ?? '', row.account ?? '',
  ];
}

function expectedCsv(rows: readonly ExportRow[]): Buffer {
  const records = [[...EXPORT_COLUMNS], ...rows.map(expectedCells)].map((cells) => cells.map(csvSafeCell));
  return Buffer.from(`\uFEFF${stringify(records, { record_delimiter: 'windows', quote_record_delimiter: true })}`, 'utf8');
}

async function csvOf(pages: Iterable<ExportRow[]>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  await writeCsv({ range: RANGE, shopName: 'Shop', days: [], pages, onRows: () => undefined }, out);
  return Buffer.concat(chunks);
}

const text = fc.string({ unit: fc.constantFrom('a', 'ข', '1', '.', '-', '+', '=', '@', '"', ',', '\r', '\n', '\t', ' ', "'", '\uFF1D', '\uFF20'), maxLength: 6 });
const orNull = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });
const exportRow: fc.Arbitrary<ExportRow> = fc.record({
  createdAt: fc.integer({ min: Date.parse('2026-03-07T17:00:00Z'), max: Date.parse('2026-03-08T16:59:59Z') }),
  saleId: text, status: fc.constantFrom('succeeded', 'expired', 'canceled', 'created'), tender: fc.constantFrom('promptpay', 'cash', 'promptpay_manual'),
  amount: fc.integer({ min: 0, max: 10_000_000 }), refunded: fc.integer({ min: 0, max: 10_000_000 }), description: orNull(text), orderRef: orNull(text),
  cashier: orNull(text), tillId: text, source: text, paymentIntentId: orNull(text), paidAt: orNull(fc.integer({ min: 0, max: 2_000_000_000_000 })),
  flagged: fc.boolean(), mode: orNull(text), account: orNull(text),
});

describe('the CSV file of sales', () => {
  it('is what csv-stringify writes for the guarded cells of rows given, byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(exportRow, { minLength: 1, maxLength: 4 }), { maxLength: 3 }), async (pages) => {
        expect((await csvOf(pages)).equals(expectedCsv(pages.flat()))).toBe(true);
      }),
    );
  });

  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-csv-records-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("from a ledger (its page query's arrays) is the same bytes as its rows given, across pages, with refunds", async () => {
    const db = openLedger(path.join(dir, 'ledger.sqlite3'));
    try {
      db.prepare("INSERT INTO stripe_binding (id, mode, account, key_fingerprint, bound_at) VALUES (1, 'live', 'acct_shop', NULL, 0)").run();
      const dayStart = dayBounds('2026-03-08', ZONE).startsAt;
      const descriptions = ['ข้าวผัด, ไข่ดาว', '=HYPERLINK("x")', 'say "hi"', 'Table 4\nno ice', null, '-5.00', '\uFF0B1'];
      seedSales(db, Array.from({ length: 23 }, (_, i) => ({
        id: seedSaleId(i + 1), amount: 1_000 + i * 37, status: i % 5 === 4 ? 'expired' : 'succeeded', createdAt: dayStart + i * 60_000,
        description: descriptions[i % descriptions.length], orderRef: i % 3 === 0 ? `@ref${i}` : null, cashier: i % 2 ? 'สมชาย' : null,
        cashierId: i % 4 === 0 ? null : 'usr_1', tender: (['promptpay', 'cash', 'promptpay_manual'] as const)[i % 3],
      })));
      seedRefunds(db, [
        { id: 'ref_000000000001', saleId: seedSaleId(1), amount: 300, status: 'succeeded', createdAt: dayStart + 3_600_000 },
        { id: 'ref_000000000002', saleId: seedSaleId(1), amount: 200, status: 'succeeded', createdAt: dayStart + 7_200_000 },
        { id: 'ref_000000000003', saleId: seedSaleId(7), amount: 500, status: 'succeeded', createdAt: dayStart + 7_200_000 },
      ]);
      const rows = [...exportPages(db, RANGE, 5)];
      expect(rows.flat().map((row) => row.refunded).filter((n) => n > 0)).toEqual([500, 500]);
      const fromLedger = await csvOf(exportPages(db, RANGE, 5));
      expect(fromLedger.equals(await csvOf(rows))).toBe(true);
      expect(fromLedger.equals(expectedCsv(rows.flat()))).toBe(true);
    } finally {
      db.close();
    }
  });
});
