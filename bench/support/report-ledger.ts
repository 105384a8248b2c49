// The reports' benchmark ledger: 1,000,000 sales over 2025 (a year of a busy shop, ~2,700 sales a
// day), deterministic so every run measures the same rows. BENCH_LEDGER names a file to keep it in and
// reuse across runs (generating takes ~20 s); without it a fresh temporary ledger is made and removed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openLedger, type LedgerDb } from '../../electron/core/ledger/open-ledger';
import { dayBounds } from '../../electron/core/reports/business-day';

export const BENCH_TIME_ZONE = 'Asia/Bangkok';
export const BENCH_FIRST_DAY = '2025-01-01';
export const BENCH_LAST_DAY = '2025-12-31';
const DAYS = 365;
const STATUSES = ['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'expired', 'canceled', 'failed'];
/** Paid sales: about 70 % PromptPay through Stripe, a quarter cash, one in twenty hand-confirmed PromptPay. */
const TENDER_OF_20 = (i: number) => (i % 20 === 3 ? 'promptpay_manual' : i % 4 === 1 ? 'cash' : 'promptpay');

/** A small deterministic PRNG, so every run measures the same ledger. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function fill(db: LedgerDb, sales: number): void {
  const random = prng(7);
  const start = dayBounds(BENCH_FIRST_DAY, BENCH_TIME_ZONE).startsAt;
  const span = DAYS * 24 * 3_600_000;
  const insertSale = db.prepare(`INSERT INTO sales (id, amount, currency, description, order_ref, email, metadata, status, payment_intent_id,
      payment_intent_status, source, till_id, cashier, cashier_id, created_at, updated_at, paid_at, tender, stripe_fee)
    VALUES (?, ?, 'thb', ?, ?, 'customer@example.com', '{}', ?, ?, ?, 'till', ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertRefund = db.prepare(`INSERT INTO refunds (id, sale_id, stripe_refund_id, amount, status, email, till_id, tender, created_at, updated_at)
    VALUES (?, ?, ?, ?, 'succeeded', 'customer@example.com', ?, ?, ?, ?)`);
  db.transaction(() => {
    for (let i = 0; i < sales; i++) {
      // Sorted creation times, as a real ledger fills up.
      const createdAt = start + Math.floor((i / sales) * span) + Math.floor(random() * 1000);
      const status = STATUSES[i % STATUSES.length];
      const id = `sale_bench${String(i).padStart(10, '0')}`;
      const amount = 1_000 + Math.floor(random() * 200_000);
      const cashier = i % 3;
      const till = `till-${1 + (i % 2)}`;
      const tender = status === 'succeeded' ? TENDER_OF_20(i) : 'promptpay';
      const stripe = tender === 'promptpay';
      // Stripe's 1.65 %, known for all but a few of the newest.
      const fee = stripe && status === 'succeeded' && i % 97 !== 0 ? Math.round(amount * 0.0165) : null;
      insertSale.run(id, amount, i % 2 ? 'ข้าวผัดกุ้ง' : 'Iced tea', `T-${i % 1000}`, status, stripe ? `pi_bench${i}` : null, stripe && status === 'succeeded' ? 'succeeded' : null,
        till, `Cashier ${cashier}`, `csh_bench00${cashier}`, createdAt, createdAt, status === 'succeeded' ? createdAt + 20_000 : null, tender, fee);
      if (status === 'succeeded' && i % 50 === 0) {
        insertRefund.run(`rfd_bench${i}`, id, stripe ? `re_bench${i}` : null, Math.floor(amount / 2), till, tender, createdAt + 3_600_000, createdAt + 3_600_000);
      }
    }
  })();
  db.pragma('optimize');
  // A till's ledger grows a sale at a time and its WAL stays small; a million rows written in one go
  // would leave every later read looking through a huge WAL first.
  db.pragma('wal_checkpoint(TRUNCATE)');
}

export interface BenchLedger {
  db: LedgerDb;
  dir: string;
  sales: number;
  /** How long filling it took; 0 when an existing BENCH_LEDGER was reused. */
  generateMs: number;
  close(): void;
}

export function openBenchLedger(sales = Number(process.env.BENCH_SALES ?? 1_000_000)): BenchLedger {
  const kept = process.env.BENCH_LEDGER;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-bench-'));
  const file = kept ?? path.join(dir, 'ledger.sqlite3');
  let generateMs = 0;
  if (!(kept !== undefined && fs.existsSync(kept))) {
    // Filled by a process of its own: a million rows' garbage would stay in this one's heap and slow
    // every measurement after it (the exports' by half).
    const began = performance.now();
    const filled = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), file, String(sales)], { stdio: 'inherit' });
    if (filled.status !== 0) throw new Error(`filling the bench ledger failed (exit ${filled.status})`);
    generateMs = Math.round(performance.now() - began);
  }
  const db = openLedger(file);
  const held = (db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n;
  if (held !== sales) throw new Error(`the bench ledger ${file} holds ${held} sales, not ${sales}; remove it to regenerate`);
  return {
    db, dir, sales, generateMs,
    close: () => {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// `tsx bench/support/report-ledger.ts <file> <sales>`: fills a new ledger (run by openBenchLedger).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const db = openLedger(process.argv[2]);
  fill(db, Number(process.argv[3]));
  db.close();
}
