// A long CSV export on worker threads writes exactly the bytes the in-thread export writes (the
// byte-for-byte csv-stringify oracle checks those): sales of every tender and status over several
// business days with a start hour, Thai and formula-like text, refunds made before and during the
// range, sales of another Stripe account and outside the range left out. A worker that cannot read the
// ledger fails the export plainly.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvWorkerEntry, writeCsvInWorkers } from '../../../electron/core/exports/csv-workers';
import { writeExport } from '../../../electron/core/exports/export-service';
import { scopedRange } from '../../../electron/core/exports/export-rows';
import { openLedger, type LedgerDb } from '../../../electron/core/ledger/open-ledger';
import { REFUND_STATUSES } from '../../../shared/manager-types';
import { SALE_STATUSES } from '../../../shared/sale-status';
import { TENDERS } from '../../../shared/tender';
import { seedRefundId, seedRefunds, seedSaleId, seedSales, type SeedRefund, type SeedSale } from '../manager/seed-ledger';

const ZONE = 'Asia/Bangkok';
const RANGE = { from: '2026-03-02', to: '2026-03-06', timeZone: ZONE, dayStartHour: 4, tillId: null };
const TEXTS = ['ข้าวผัดกุ้ง', 'Iced tea, large', '=HYPERLINK("x")', 'say "hi"\r\nthere', '+66 81 234 5678', null];
let dir: string;
let file: string;
let db: LedgerDb;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-csv-workers-'));
  file = path.join(dir, 'ledger.sqlite3');
  db = openLedger(file);
  db.prepare("INSERT INTO stripe_binding (id, mode, account, key_fingerprint, bound_at) VALUES (1, 'live', 'acct_shop', NULL, 0)").run();
  const start = Date.parse('2026-03-01T00:00:00+07:00');
  const sales: SeedSale[] = [];
  const refunds: SeedRefund[] = [];
  for (let i = 0; i < 3_000; i++) {
    // Seven days from 1 March: some before the range (and its 04:00 start), some after.
    const createdAt = start + Math.floor((i * 7 * 24 * 3_600_000) / 3_000);
    const status = SALE_STATUSES[i % SALE_STATUSES.length];
    sales.push({
      id: seedSaleId(i + 1), amount: 1_000 + i * 13, status, createdAt, tender: TENDERS[i % 3], tillId: i % 4 ? 'till-1' : 'till-2',
      description: TEXTS[i % TEXTS.length], orderRef: i % 5 ? `T-${i}` : null, cashier: i % 2 ? 'น้อย' : 'Somchai',
      stripeFee: i % 3 === 0 && status === 'succeeded' ? 20 : null, ...(i % 17 === 0 ? { mode: 'test' as const, account: 'acct_other' } : {}),
    });
    if (status === 'succeeded' && i % 4 === 0) {
      refunds.push({ id: seedRefundId(i + 1), saleId: seedSaleId(i + 1), amount: 500, status: REFUND_STATUSES[i % REFUND_STATUSES.length], createdAt: createdAt + (i % 3) * 3_600_000 });
    }
  }
  seedSales(db, sales);
  seedRefunds(db, refunds);
});
afterAll(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function collect(): { out: Writable; bytes: () => Buffer } {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (part: Buffer) => parts.push(part));
  return { out, bytes: () => Buffer.concat(parts) };
}

describe('a CSV export on worker threads', () => {
  it('writes the in-thread export’s bytes exactly, and reports every row', { timeout: 60_000 }, async () => {
    const entry = await csvWorkerEntry();
    expect(entry).not.toBeNull();
    const inThread = collect();
    let inThreadRows = 0;
    // 3,000 rows: below the workers' threshold, so writeExport writes them in this thread.
    await writeExport(db, 'csv', RANGE, 'Shop', inThread.out, (rows) => (inThreadRows += rows));
    const expected = inThread.bytes();
    expect(expected.toString('utf8').split('\r\n').length).toBeGreaterThan(1_000);

    for (const sliceDays of [1, 2]) {
      const onWorkers = collect();
      let rows = 0;
      await writeCsvInWorkers(file, scopedRange(db, RANGE), onWorkers.out, (n) => (rows += n), entry!, { workers: 2, sliceDays });
      expect(onWorkers.bytes().equals(expected), `slices of ${sliceDays} days`).toBe(true);
      expect(rows).toBe(inThreadRows);
    }
  });

  it('fails plainly when a worker cannot read the ledger, writing no rows', { timeout: 60_000 }, async () => {
    const entry = (await csvWorkerEntry())!;
    const { out, bytes } = collect();
    let rows = 0;
    await expect(writeCsvInWorkers(path.join(dir, 'missing.sqlite3'), scopedRange(db, RANGE), out, (n) => (rows += n), entry, { workers: 2 }))
      .rejects.toThrow(/the export could not be read/);
    expect(rows).toBe(0);
    expect(bytes().toString('utf8').split('\r\n').filter(Boolean)).toHaveLength(1); // the header only
  });
});
