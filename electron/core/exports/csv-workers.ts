// A long CSV export on two cores: the range is cut into slices of business days, worker threads
// (csv-worker.ts, each with its own read-only connection) turn slices into CSV bytes, and this thread
// writes them in order with the stream's backpressure. A few slices run ahead, so memory stays bounded.
// Where the worker's file is not shipped (a bundle built without it) or the ledger is in memory, the
// export runs in this thread as before: same bytes, one core.
import fs from 'node:fs';
import os from 'node:os';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { daysBetween } from '../reports/business-day';
import { CSV_HEAD, writeWithBackpressure } from './csv-export';
import type { CsvSliceJob, CsvSliceResult } from './csv-worker';
import { rangeMs, type ExportRange } from './export-rows';

/** Below this many rows the workers' start-up costs more than it saves. */
export const CSV_WORKERS_MIN_ROWS = 40_000;
/** Business days per slice: a busy day is a few hundred kilobytes of CSV. */
const SLICE_DAYS = 1;
/** Slices written or being written ahead of the one the stream waits for, per worker. */
const AHEAD_PER_WORKER = 2;

/** Where the worker's code is: a CommonJS file (the app's bundle ships one beside its main file). */
export type CsvWorkerEntry = { file: string };

let devBundle: Promise<CsvWorkerEntry | null> | null = null;

/**
 * The worker's entry: the bundle's csv-worker.cjs beside this file; from a source checkout, the worker
 * bundled once per process with esbuild (a development tool) into a temporary file, its dependencies
 * required from this checkout; null when neither can be had (the export then runs in this thread).
 */
export function csvWorkerEntry(): Promise<CsvWorkerEntry | null> {
  const built = new URL('./csv-worker.cjs', import.meta.url);
  if (built.protocol === 'file:' && fs.existsSync(fileURLToPath(built))) return Promise.resolve({ file: fileURLToPath(built) });
  const source = new URL('./csv-worker.ts', import.meta.url);
  if (source.protocol !== 'file:' || !fs.existsSync(fileURLToPath(source))) return Promise.resolve(null);
  devBundle ??= bundleFromSource(fileURLToPath(source)).catch(() => null);
  return devBundle;
}

async function bundleFromSource(source: string): Promise<CsvWorkerEntry> {
  const require = createRequire(import.meta.url);
  // A development tool: named through a variable so the app's own bundle does not take it in.
  const esbuild = 'esbuild';
  const { build } = (await import(esbuild)) as typeof import('esbuild');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-csv-worker-'));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  const outfile = path.join(dir, 'csv-worker.cjs');
  await build({
    entryPoints: [source], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'silent',
    // The native SQLite binding stays where it is installed.
    plugins: [{ name: 'installed', setup: (b) => b.onResolve({ filter: /^better-sqlite3$/ }, (args) => ({ path: require.resolve(args.path), external: true })) }],
  });
  return { file: outfile };
}

export function csvWorkerCount(): number {
  return Math.max(1, Math.min(2, os.availableParallelism()));
}

/** Writes the CSV of `range` (its scope settled) from the ledger file `file` into `out`, calling `onRows` per slice. */
export async function writeCsvInWorkers(
  file: string,
  range: ExportRange,
  out: Writable,
  onRows: (rows: number) => void,
  entry: CsvWorkerEntry,
  options: { workers?: number; sliceDays?: number } = {},
): Promise<void> {
  const days = daysBetween(range.from, range.to);
  const sliceDays = options.sliceDays ?? SLICE_DAYS;
  const slices: ExportRange[] = [];
  for (let i = 0; i < days.length; i += sliceDays) slices.push({ ...range, from: days[i], to: days[Math.min(days.length, i + sliceDays) - 1] });
  const refundsFrom = rangeMs(range).startsAt;
  const workers = Array.from({ length: Math.min(options.workers ?? csvWorkerCount(), slices.length) }, () => new Worker(entry.file));
  const pending = new Map<number, { resolve: (result: CsvSliceResult) => void }>();
  const results = new Map<number, Promise<CsvSliceResult>>();
  let failure: Error | null = null;
  for (const worker of workers) {
    worker.on('message', (result: CsvSliceResult) => {
      pending.get(result.index)?.resolve(result);
      pending.delete(result.index);
    });
    worker.on('error', (error) => {
      failure ??= error;
      for (const [index, waiting] of pending) waiting.resolve({ index, error: error.message });
      pending.clear();
    });
  }
  let next = 0;
  const send = () => {
    const index = next++;
    const job: CsvSliceJob = { index, file, range: slices[index], refundsFrom };
    results.set(index, new Promise((resolve) => pending.set(index, { resolve })));
    // Round robin: slices take about as long as each other (a day each).
    if (failure) pending.get(index)?.resolve({ index, error: failure.message });
    else workers[index % workers.length].postMessage(job);
  };
  try {
    await writeWithBackpressure(out, CSV_HEAD);
    while (next < slices.length && next < workers.length * AHEAD_PER_WORKER) send();
    for (let index = 0; index < slices.length; index++) {
      const result = await results.get(index)!;
      results.delete(index);
      if ('error' in result) throw new Error(`the export could not be read: ${result.error}`);
      if (next < slices.length) send();
      if (result.bytes.length > 0) await writeWithBackpressure(out, Buffer.from(result.bytes.buffer, result.bytes.byteOffset, result.bytes.byteLength));
      onRows(result.rows);
    }
    out.end();
    await finished(out);
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
