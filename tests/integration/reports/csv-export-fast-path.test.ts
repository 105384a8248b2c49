// The CSV export's fast path (text cells joined by SQLite, used as they are when plain) against a
// straightforward reference on awkward values in every text column a sale has: quotes, commas, line
// breaks, Thai, formula-looking text (= + - @, tab, the full-width signs) and plain negative numbers.
// The reference reads each sale's columns with a plain query, sums its refunds, guards each cell with
// csvSafeCell and lets csv-stringify (a well-kept RFC 4180 writer) write the file.
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
import { openLedger, type LedgerDb } from '../../../electron/core/ledger/open-ledger';
import { dayBounds, localDateTime } from '../../../electron/core/reports/business-day';

const ZONE = 'Asia/Bangkok';
const RANGE: ExportRange = { from: '2026-03-08', to: '2026-03-08', timeZone: ZONE };
const DAY_START = dayBounds('2026-03-08', ZONE).startsAt;

interface Sale {
  id: string;
  status: 'succeeded' | 'expired' | 'failed' | 'canceled';
  tender: 'promptpay' | 'cash' | 'promptpay_manual';
  amount: number;
  description: string | null;
  orderRef: string | null;
  cashier: string | null;
  tillId: string;
  source: 'till' | 'api';
  paymentIntentId: string | null;
  flagged: boolean;
  /** Refunded on it (a paid sale), in two refunds when more than one satang. */
  refund: number;
}

/** Text with everything that matters to CSV and spreadsheets, Thai, and the full-width formula signs. */
const awkward = fc.string({
  unit: fc.constantFrom('a', 'ข', 'ไ', '1', '.', '-', '+', '=', '@', '"', ',', '\r', '\n', '\t', ' ', "'", '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'),
  maxLength: 7,
});
/** Mostly plain (the fast path), sometimes awkward (each cell's own path), now and then a plain negative number. */
const cell = fc.oneof({ arbitrary: fc.constantFrom('Iced tea', 'ข้าวผัดกุ้ง', 'T-12', 'till-1', ''), weight: 3 }, { arbitrary: awkward, weight: 3 }, { arbitrary: fc.constantFrom('-5', '-5.00', '+66', '=1+2', '@sum'), weight: 1 });
const orNull = (arbitrary: fc.Arbitrary<string>) => fc.option(arbitrary, { nil: null, freq: 4 });

const sale: fc.Arbitrary<Omit<Sale, 'id'> & { idText: string }> = fc.record({
  idText: cell,
  status: fc.constantFrom('succeeded', 'succeeded', 'expired', 'failed', 'canceled'),
  tender: fc.constantFrom('promptpay', 'cash', 'promptpay_manual'),
  amount: fc.integer({ min: 1, max: 99_999_999 }),
  description: orNull(cell),
  orderRef: orNull(cell),
  cashier: orNull(cell),
  tillId: cell,
  source: fc.constantFrom('till', 'api'),
  paymentIntentId: orNull(cell),
  flagged: fc.boolean(),
  refund: fc.integer({ min: 0, max: 99_999_999 }),
});

function seed(db: LedgerDb, sales: readonly Sale[]): void {
  const insertSale = db.prepare(`INSERT INTO sales (id, amount, description, order_ref, email, status, payment_intent_id, source, till_id, cashier,
      created_at, updated_at, paid_at, tender, flagged) VALUES (?, ?, ?, ?, 'c@example.com', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertRefund = db.prepare(`INSERT INTO refunds (id, sale_id, amount, status, email, till_id, tender, created_at, updated_at)
    VALUES (?, ?, ?, 'succeeded', 'c@example.com', 'till-1', ?, ?, ?)`);
  db.transaction(() => {
    db.prepare('DELETE FROM refunds').run();
    db.prepare('DELETE FROM sales').run();
    sales.forEach((s, i) => {
      // Two sales in some seconds: the keyset's tie on created_at.
      const createdAt = DAY_START + Math.floor(i / 2) * 61_000;
      insertSale.run(s.id, s.amount, s.description, s.orderRef, s.status, s.paymentIntentId, s.source, s.tillId, s.cashier, createdAt, createdAt,
        s.status === 'succeeded' ? createdAt + 20_000 : null, s.tender, s.flagged ? 1 : 0);
      const refund = s.status === 'succeeded' ? Math.min(s.refund, s.amount) : 0;
      if (refund > 1) {
        insertRefund.run(`rfd_${i}_a`, s.id, refund - 1, s.tender, createdAt + 60_000, createdAt + 60_000);
        insertRefund.run(`rfd_${i}_b`, s.id, 1, s.tender, createdAt + 90_000, createdAt + 90_000);
      } else if (refund === 1) insertRefund.run(`rfd_${i}_a`, s.id, 1, s.tender, createdAt + 60_000, createdAt + 60_000);
    });
  })();
}

/** The whole file, the straightforward way. */
function referenceCsv(db: LedgerDb): Buffer {
  const rows = db
    .prepare(`SELECT s.*, (SELECT coalesce(sum(r.amount), 0) FROM refunds r WHERE r.sale_id = s.id) AS refunded FROM sales s ORDER BY s.created_at, s.rowid`)
    .all() as Record<string, string | number | null>[];
  const records = rows.map((r) => {
    const paid = r.status === 'succeeded';
    const refunded = paid ? (r.refunded as number) : 0;
    return [
      localDateTime(r.created_at as number, ZONE), r.id, r.status, r.tender, satangToDecimal(r.amount as number), satangToDecimal(refunded),
      satangToDecimal(paid ? (r.amount as number) - refunded : 0), r.description ?? '', r.order_ref ?? '', r.cashier ?? '', r.till_id, r.source,
      r.payment_intent_id ?? '', r.paid_at === null ? '' : localDateTime(r.paid_at as number, ZONE), r.flagged === 1 ? 'yes' : '', '', '',
    ] as string[];
  });
  const guarded = [[...EXPORT_COLUMNS], ...records].map((cells) => cells.map(csvSafeCell));
  return Buffer.from(`\uFEFF${stringify(guarded, { record_delimiter: 'windows', quote_record_delimiter: true })}`, 'utf8');
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

describe('CSV export from a ledger (the fast path)', () => {
  let dir: string;
  let db: LedgerDb;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-csv-fast-'));
    db = openLedger(path.join(dir, 'ledger.sqlite3'));
  });
  afterAll(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the bytes of the straightforward reference for awkward values in every text column, across pages', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sale, { minLength: 1, maxLength: 14 }), fc.integer({ min: 1, max: 5 }), async (drawn, pageRows) => {
        // Unique ids (sale, PaymentIntent) that keep the drawn text at the start, where the formula guard looks.
        const sales = drawn.map(({ idText, ...s }, i) => ({ ...s, id: `${idText}#${i}`, paymentIntentId: s.paymentIntentId === null ? null : `${s.paymentIntentId}#${i}` }));
        seed(db, sales);
        const expected = referenceCsv(db);
        expect((await csvOf(exportPages(db, RANGE, pageRows))).toString('utf8')).toBe(expected.toString('utf8'));
        // The other path (rows given, cell by cell) agrees too.
        expect((await csvOf([...exportPages(db, RANGE, pageRows)])).equals(expected)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('guards and quotes what it must, and leaves plain cells and plain negative numbers alone', async () => {
    const plain = { status: 'succeeded', tender: 'cash', amount: 12_345, cashier: 'สมชาย', tillId: 'till-1', source: 'till', paymentIntentId: null, flagged: false } as const;
    seed(db, [
      { ...plain, id: 'sale_plain', description: 'ข้าวผัดกุ้ง', orderRef: 'T-1', refund: 345 },
      { ...plain, id: '=cmd|x', description: 'say "hi", then\nleave', orderRef: '-5.00', refund: 0 },
      { ...plain, id: 'sale_2', description: '\uFF20SUM(A1)', orderRef: '@ref', tillId: '+till', paymentIntentId: '\tpi', refund: 0 },
    ]);
    const cacheSize = db.pragma('cache_size', { simple: true });
    const lines = (await csvOf(exportPages(db, RANGE))).toString('utf8').split('\r\n');
    // The export's bigger page cache is the connection's own again once it is done.
    expect(db.pragma('cache_size', { simple: true })).toBe(cacheSize);
    expect(lines[1]).toBe(`${localDateTime(DAY_START, ZONE)},sale_plain,succeeded,cash,123.45,3.45,120.00,ข้าวผัดกุ้ง,T-1,สมชาย,till-1,till,,${localDateTime(DAY_START + 20_000, ZONE)},,,`);
    expect(lines[2]).toBe(`${localDateTime(DAY_START, ZONE)},'=cmd|x,succeeded,cash,123.45,0.00,123.45,"say ""hi"", then\nleave",-5.00,สมชาย,till-1,till,,${localDateTime(DAY_START + 20_000, ZONE)},,,`);
    expect(lines[3]).toBe(`${localDateTime(DAY_START + 61_000, ZONE)},sale_2,succeeded,cash,123.45,0.00,123.45,'\uFF20SUM(A1),'@ref,สมชาย,'+till,till,'\tpi,${localDateTime(DAY_START + 81_000, ZONE)},,,`);
  });
});
