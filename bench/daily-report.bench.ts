// The manager's reports and exports on a ledger of 1,000,000 sales (bench/support/report-ledger.ts):
// the daily report's latency, the month report's (a row per day; target 100 ms), and how fast a range
// exports as CSV (target 200,000 rows/s), XLSX and PDF. Prints one JSON object per
// benchmark on stdout and nothing else.
// BENCH_SALES shrinks the ledger; BENCH_LEDGER keeps it in a file between runs; BENCH_ONLY=csv_export
// (comma-separated benchmark names) runs only those, e.g. to compare two exports back to back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ExportFormat } from '../shared/manager-types';
import { writeExport } from '../electron/core/exports/export-service';
import type { LedgerDb } from '../electron/core/ledger/open-ledger';
import { daysBetween } from '../electron/core/reports/business-day';
import { dailyReport } from '../electron/core/reports/daily-report';
import { periodReport } from '../electron/core/reports/period-report';
import { BENCH_FIRST_DAY, BENCH_LAST_DAY, BENCH_TIME_ZONE, openBenchLedger } from './support/report-ledger';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

function timings(sample: string[], run: (date: string) => void): { p50_ms: number; p95_ms: number; max_ms: number; cpu_ms_mean: number } {
  for (const date of sample.slice(0, 5)) run(date); // warm the page cache
  const times: number[] = [];
  const cpu = process.cpuUsage();
  for (const date of sample) {
    const began = performance.now();
    run(date);
    times.push(performance.now() - began);
  }
  const used = process.cpuUsage(cpu);
  times.sort((a, b) => a - b);
  // CPU time as well: on a busy machine, wall time also holds others' work.
  return { p50_ms: round(percentile(times, 50)), p95_ms: round(percentile(times, 95)), max_ms: round(times.at(-1)!), cpu_ms_mean: round((used.user + used.system) / 1000 / sample.length) };
}

/**
 * Exports `from`..`to` into a file three times and says how fast rows went out (the median run, and
 * the slowest and fastest). A week's export first warms the code and the page cache, as a till that
 * has been running does.
 */
async function exportSpeed(db: LedgerDb, dir: string, format: ExportFormat, from: string, to: string, sales: number, runs = 3): Promise<object> {
  const file = path.join(dir, `export.${format}`);
  await writeExport(db, format, { from: '2025-02-01', to: '2025-02-07', timeZone: BENCH_TIME_ZONE, tillId: null }, 'Bench shop', fs.createWriteStream(file));
  const measured: { rows: number; bytes: number; seconds: number; cpuSeconds: number }[] = [];
  for (let run = 0; run < runs; run++) {
    let rows = 0;
    const began = performance.now();
    const cpu = process.cpuUsage();
    await writeExport(db, format, { from, to, timeZone: BENCH_TIME_ZONE, tillId: null }, 'Bench shop', fs.createWriteStream(file), (n) => (rows += n));
    const seconds = (performance.now() - began) / 1000;
    const used = process.cpuUsage(cpu);
    measured.push({ rows, bytes: fs.statSync(file).size, seconds, cpuSeconds: (used.user + used.system) / 1e6 });
    fs.rmSync(file);
  }
  measured.sort((a, b) => a.seconds - b.seconds);
  const median = measured[Math.floor(runs / 2)];
  return {
    benchmark: `${format}_export`, sales, range_days: daysBetween(from, to).length, rows: median.rows, bytes: median.bytes, runs,
    seconds: round(median.seconds, 3), rows_per_s: Math.round(median.rows / median.seconds),
    rows_per_s_slowest: Math.round(median.rows / measured.at(-1)!.seconds), rows_per_s_fastest: Math.round(median.rows / measured[0].seconds),
    mb_per_s: round(median.bytes / 1_048_576 / median.seconds),
    // CPU seconds of the whole process (its file-writing threads too): on a busy machine, wall time also holds others' work.
    cpu_seconds: round(median.cpuSeconds, 3),
    rows_per_cpu_s: Math.round(median.rows / median.cpuSeconds),
    ...(format === 'csv' ? { target_rows_per_s: 200_000 } : {}),
    load_average_1min: round(os.loadavg()[0]!),
  };
}

const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
const wanted = (benchmark: string) => !only || only.includes(benchmark);

async function main(): Promise<void> {
  const ledger = openBenchLedger();
  try {
    const { db, sales } = ledger;
    if (wanted('daily_report') || wanted('month_report')) reportBenchmarks(db, sales, ledger.generateMs);
    for (const [format, from, to, runs] of EXPORTS) {
      if (wanted(`${format}_export`)) console.log(JSON.stringify(await exportSpeed(db, ledger.dir, format, from, to, sales, runs)));
    }
  } finally {
    ledger.close();
  }
}

/** CSV over two months; the summary formats draw or zip every row: a week is enough to see their pace. */
const EXPORTS: [ExportFormat, string, string, number][] = [
  ['csv', '2025-03-01', '2025-04-30', 3],
  ['xlsx', '2025-03-01', '2025-03-07', 1],
  ['pdf', '2025-03-01', '2025-03-07', 1],
];

function reportBenchmarks(db: LedgerDb, sales: number, generateMs: number): void {
  const days = daysBetween(BENCH_FIRST_DAY, BENCH_LAST_DAY);
  const sample = Array.from({ length: 60 }, (_, i) => days[(i * 37) % days.length]);
  let payments = 0;
  const daily = timings(sample, (date) => {
    payments += dailyReport(db, { date, timeZone: BENCH_TIME_ZONE }).payments.length;
  });
  console.log(JSON.stringify({
    benchmark: 'daily_report', sales, days_measured: sample.length, sales_per_day: Math.round(sales / days.length),
    payments_per_report: Math.round(payments / (sample.length + 5)), ...daily, ledger_generate_ms: generateMs,
  }));

  // Every month of the year, a row per day (the month report); each is measured three times.
  const months = Array.from({ length: 12 }, (_, m) => `2025-${String(m + 1).padStart(2, '0')}`);
  const monthStarts = [...months, ...months, ...months];
  const lastDay = (month: string) => daysBetween(`${month}-01`, `${month}-31`).filter((day) => day.startsWith(month)).at(-1)!;
  const month = timings(monthStarts, (start) => periodReport(db, { from: `${start}-01`, to: lastDay(start), timeZone: BENCH_TIME_ZONE }));
  console.log(JSON.stringify({ benchmark: 'month_report', sales, months_measured: monthStarts.length, sales_per_month: Math.round((sales * 31) / days.length), ...month, target_ms: 100 }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
