// Daily report latency and CSV export throughput on a ledger of 1,000,000 sales (a year of a busy
// shop: ~2,700 sales a day). Prints one JSON object per benchmark on stdout and nothing else.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeExport } from '../electron/core/exports/export-service';
import { openLedger } from '../electron/core/ledger/open-ledger';
import { dayBounds, daysBetween } from '../electron/core/reports/business-day';
import { dailyReport } from '../electron/core/reports/daily-report';

const SALES = Number(process.env.BENCH_SALES ?? 1_000_000);
const TIME_ZONE = 'Asia/Bangkok';
const FIRST_DAY = '2025-01-01';
const DAYS = 365;
const STATUSES = ['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded', 'expired', 'canceled', 'failed'];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** A small deterministic PRNG, so every run measures the same ledger. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-bench-'));
  try {
    const db = openLedger(path.join(dir, 'ledger.sqlite3'));
    const random = prng(7);
    const start = dayBounds(FIRST_DAY, TIME_ZONE).startsAt;
    const span = DAYS * 24 * 3_600_000;
    const generatedAt = performance.now();
    const insertSale = db.prepare(`INSERT INTO sales (id, amount, currency, description, order_ref, email, metadata, status, payment_intent_id,
        payment_intent_status, source, till_id, cashier, cashier_id, created_at, updated_at, paid_at)
      VALUES (?, ?, 'thb', ?, ?, 'customer@example.com', '{}', ?, ?, ?, 'till', ?, ?, ?, ?, ?, ?)`);
    const insertRefund = db.prepare(`INSERT INTO refunds (id, sale_id, stripe_refund_id, amount, status, email, till_id, created_at, updated_at)
      VALUES (?, ?, ?, ?, 'succeeded', 'customer@example.com', ?, ?, ?)`);
    db.transaction(() => {
      for (let i = 0; i < SALES; i++) {
        // Sorted creation times, as a real ledger fills up.
        const createdAt = start + Math.floor((i / SALES) * span) + Math.floor(random() * 1000);
        const status = STATUSES[i % STATUSES.length];
        const id = `sale_bench${String(i).padStart(10, '0')}`;
        const amount = 1_000 + Math.floor(random() * 200_000);
        const cashier = i % 3;
        const till = `till-${1 + (i % 2)}`;
        insertSale.run(id, amount, i % 2 ? 'ข้าวผัดกุ้ง' : 'Iced tea', `T-${i % 1000}`, status, `pi_bench${i}`, status === 'succeeded' ? 'succeeded' : null,
          till, `Cashier ${cashier}`, `csh_bench00${cashier}`, createdAt, createdAt, status === 'succeeded' ? createdAt + 20_000 : null);
        if (status === 'succeeded' && i % 50 === 0) insertRefund.run(`rfd_bench${i}`, id, `re_bench${i}`, Math.floor(amount / 2), till, createdAt + 3_600_000, createdAt + 3_600_000);
      }
    })();
    db.pragma('optimize');
    const generateMs = performance.now() - generatedAt;

    const days = daysBetween(FIRST_DAY, '2025-12-31');
    const sample = Array.from({ length: 60 }, (_, i) => days[(i * 37) % days.length]);
    for (const date of sample.slice(0, 5)) dailyReport(db, { date, timeZone: TIME_ZONE }); // warm the page cache
    const timings: number[] = [];
    let payments = 0;
    for (const date of sample) {
      const began = performance.now();
      const report = dailyReport(db, { date, timeZone: TIME_ZONE });
      timings.push(performance.now() - began);
      payments += report.payments.length;
    }
    timings.sort((a, b) => a - b);
    console.log(JSON.stringify({
      benchmark: 'daily_report', sales: SALES, days_measured: sample.length, sales_per_day: Math.round(SALES / DAYS),
      payments_per_report: Math.round(payments / sample.length), p50_ms: round(percentile(timings, 50)), p95_ms: round(percentile(timings, 95)),
      max_ms: round(timings.at(-1)!), ledger_generate_ms: Math.round(generateMs),
    }));

    const range = { from: '2025-03-01', to: '2025-04-30', timeZone: TIME_ZONE, tillId: null };
    const file = path.join(dir, 'export.csv');
    let rows = 0;
    const began = performance.now();
    await writeExport(db, 'csv', range, 'Bench shop', fs.createWriteStream(file), (n) => (rows += n));
    const seconds = (performance.now() - began) / 1000;
    const bytes = fs.statSync(file).size;
    console.log(JSON.stringify({
      benchmark: 'csv_export', sales: SALES, range_days: daysBetween(range.from, range.to).length, rows, bytes,
      seconds: round(seconds, 3), rows_per_s: Math.round(rows / seconds), mb_per_s: round(bytes / 1_048_576 / seconds),
    }));
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
