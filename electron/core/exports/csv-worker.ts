// A CSV export's worker thread: its own read-only connection to the ledger turns slices of the range
// into CSV bytes, so two cores share a long export (csv-workers.ts hands out the slices and writes them
// in order). The same page reader and record writer as the in-thread export: the bytes are identical.
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { csvPageBytes } from './csv-export';
import { exportPages, refundedSince, type ExportRange } from './export-rows';

/** One slice of an export: its rows are those `exportPages` reads for `range`. */
export interface CsvSliceJob {
  index: number;
  file: string;
  range: ExportRange;
  /** The whole export's start (epoch ms): what was refunded since then is read once per worker. */
  refundsFrom: number;
}

export type CsvSliceResult = { index: number; rows: number; bytes: Uint8Array } | { index: number; error: string };

let db: Database.Database | null = null;
let refunds: { key: string; refunded: Map<string, number> } | null = null;

function slice(job: CsvSliceJob): { rows: number; bytes: Uint8Array } {
  db ??= new Database(job.file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const key = `${job.file}|${job.refundsFrom}`;
  if (refunds?.key !== key) refunds = { key, refunded: refundedSince(db, job.refundsFrom) };
  const parts: Buffer[] = [];
  let rows = 0;
  let capacity = 64 * 1024;
  for (const page of exportPages(db, job.range, undefined, refunds.refunded)) {
    const bytes = csvPageBytes(page, job.range.timeZone, capacity);
    capacity = Math.max(capacity, bytes.length);
    parts.push(Buffer.from(bytes));
    rows += page.length;
  }
  return { rows, bytes: Buffer.concat(parts) };
}

parentPort?.on('message', (job: CsvSliceJob) => {
  let result: CsvSliceResult;
  try {
    result = { index: job.index, ...slice(job) };
  } catch (error) {
    result = { index: job.index, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(result);
});
