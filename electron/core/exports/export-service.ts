// Export jobs: a CSV/XLSX/PDF of a range of business days, written in the background page by page
// with `export.progress` events (done/total) for the progress bar. The file lands in
// <dataDir>/exports/; the desktop gets its path, a browser a same-origin download URL that only the
// client that asked (while still a manager) can fetch.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { DailyReport, ExportFormat, ExportJob } from '../../../shared/manager-types';
import { PosError } from '../../../shared/pos-error';
import type { AuditLog } from '../ledger/audit-log';
import { ownerOnlyFolder, type LedgerDb } from '../ledger/open-ledger';
import { daysBetween } from '../reports/business-day';
import { dailyReport } from '../reports/daily-report';
import { writeCsv } from './csv-export';
import { countExportRows, exportPages, scopedRange, type ExportRange } from './export-rows';
import type { ExportSource, ExportWriter } from './export-source';
import { writePdf } from './pdf-export';
import { writeXlsx } from './xlsx-export';

/** Longest range one export may cover. */
export const MAX_EXPORT_DAYS = 366;

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

const WRITERS: Record<ExportFormat, ExportWriter> = { csv: writeCsv, xlsx: writeXlsx, pdf: writePdf };

/**
 * The export's file name. `jobId` makes it unique: two exports of the same range saved in the same
 * folder (the desktop's exports folder) must never overwrite each other.
 */
export function exportFileName(range: { from: string; to: string; tillId?: string | null }, format: ExportFormat, jobId?: string): string {
  const days = range.from === range.to ? range.from : `${range.from}_${range.to}`;
  const till = range.tillId ? `-${range.tillId.replace(/[^A-Za-z0-9_-]/g, '')}` : '';
  const unique = jobId ? `-${jobId.replace(/[^A-Za-z0-9_-]/g, '')}` : '';
  return `chamra-sales-${days}${till}${unique}.${format}`;
}

export interface ExportServiceOptions {
  db: LedgerDb;
  audit: AuditLog;
  exportDir: string;
  shopName: () => string;
  timeZone: () => string;
  /** The hour the shop's business day starts (default midnight). */
  dayStartHour?: () => number;
  onProgress: (job: ExportJob) => void;
  /** Fewest milliseconds between two progress events of one job. */
  progressEveryMs?: number;
  now?: () => number;
}

interface JobRecord {
  job: ExportJob;
  clientKey: string | null;
  file: string;
  desktop: boolean;
  /** When it finished (epoch ms); null while running. */
  finishedAt: number | null;
}

/**
 * How long a finished export is kept for its browser to download (and its job for status). The
 * desktop's file is the user's own copy in the exports folder and stays.
 */
export const EXPORT_KEEP_MS = 60 * 60 * 1000;
/** Browser exports on disk are named <jobId>-…: left over from an earlier run, they are removed at start. */
const BROWSER_EXPORT_FILE = /^exp_[A-Za-z0-9]{8,40}-.*\.(csv|xlsx|pdf)(\.part)?$/;

/** Writes an export of `range` in `format` into `out`, calling `onRows` after each page. */
export async function writeExport(
  db: LedgerDb,
  format: ExportFormat,
  wanted: ExportRange,
  shopName: string,
  out: Writable,
  onRows: (rows: number) => void = () => undefined,
): Promise<void> {
  let days: DailyReport[] | null = null;
  const range = scopedRange(db, wanted);
  const source: ExportSource = {
    range, shopName, pages: exportPages(db, range), onRows,
    // Only the formats with a summary pay for the per-day reports.
    get days() {
      days ??= daysBetween(range.from, range.to).map((date) =>
        dailyReport(db, { date, timeZone: range.timeZone, dayStartHour: range.dayStartHour, tillId: range.tillId, includePayments: false, scope: range.scope }));
      return days;
    },
  };
  await WRITERS[format](source, out);
}

export function checkExportRange(from: string, to: string): void {
  if (from > to) throw new PosError('invalid_input', 'from: the first day must not be after the last day', 'from');
  if (daysBetween(from, to).length > MAX_EXPORT_DAYS) throw new PosError('invalid_input', `An export covers at most ${MAX_EXPORT_DAYS} days; split the range.`, 'to');
}

export class ExportService {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly running = new Set<Promise<void>>();

  private readonly now: () => number;

  constructor(private readonly options: ExportServiceOptions) {
    this.now = options.now ?? Date.now;
    // Downloads from an earlier run can no longer be fetched (their jobs are gone): remove them.
    if (fs.existsSync(options.exportDir)) {
      for (const name of fs.readdirSync(options.exportDir)) {
        if (BROWSER_EXPORT_FILE.test(name) || name.endsWith('.part')) fs.rmSync(path.join(options.exportDir, name), { force: true });
      }
    }
  }

  /** Forgets jobs finished more than EXPORT_KEEP_MS ago and deletes their browser download files. */
  sweep(): void {
    for (const [id, record] of this.jobs) {
      if (record.finishedAt === null || this.now() - record.finishedAt < EXPORT_KEEP_MS) continue;
      if (!record.desktop) fs.rmSync(record.file, { force: true });
      this.jobs.delete(id);
    }
  }

  start(input: { from: string; to: string; format: ExportFormat; tillId?: string }, requester: { clientKey: string | null; actor: string | null; desktop: boolean }): ExportJob {
    checkExportRange(input.from, input.to);
    this.sweep();
    // The scope is fixed when asked for: a change of Stripe account while it runs does not mix money.
    const range = scopedRange(this.options.db, { from: input.from, to: input.to, tillId: input.tillId ?? null, timeZone: this.options.timeZone(),
      dayStartHour: this.options.dayStartHour?.() ?? 0 });
    const id = `exp_${randomBytes(12).toString('base64url').replace(/[-_]/g, '')}`.slice(0, 24);
    // Desktop: the file stays in the exports folder under this name, so it carries the job id. Browser:
    // the download gets the plain name (the browser de-duplicates), the file on disk is prefixed by the id.
    const fileName = exportFileName(range, input.format, requester.desktop ? id : undefined);
    ownerOnlyFolder(this.options.exportDir);
    const file = path.join(this.options.exportDir, requester.desktop ? fileName : `${id}-${fileName}`);
    const job: ExportJob = {
      id, format: input.format, from: input.from, to: input.to, status: 'running', done: 0,
      total: countExportRows(this.options.db, range), fileName, filePath: null, downloadUrl: null, error: null,
    };
    this.jobs.set(id, { job, clientKey: requester.clientKey, file, desktop: requester.desktop, finishedAt: null });
    this.options.audit.record({ actor: requester.actor, action: 'report.export', detail: { jobId: id, from: input.from, to: input.to, format: input.format, tillId: range.tillId, rows: job.total } });
    const snapshot = { ...job };
    const work = this.run(id, range, requester.desktop).finally(() => this.running.delete(work));
    this.running.add(work);
    return snapshot;
  }

  private async run(id: string, range: ExportRange, desktop: boolean): Promise<void> {
    const record = this.jobs.get(id)!;
    const { job, file } = record;
    const partial = `${file}.part`;
    let lastEmit = 0;
    const every = this.options.progressEveryMs ?? 100;
    try {
      const out = fs.createWriteStream(partial, { mode: 0o600 });
      await writeExport(this.options.db, job.format, range, this.options.shopName(), out, (rows) => {
        job.done = Math.min(job.total, job.done + rows);
        if (Date.now() - lastEmit >= every) {
          lastEmit = Date.now();
          this.options.onProgress({ ...job });
        }
      });
      // Renamed only when complete: a half-written export never looks finished.
      fs.renameSync(partial, file);
      Object.assign(job, { status: 'done', done: job.total, filePath: desktop ? file : null, downloadUrl: desktop ? null : `/api/exports/${id}/file` });
    } catch (error) {
      fs.rmSync(partial, { force: true });
      Object.assign(job, { status: 'failed', error: `The export could not be written: ${error instanceof Error ? error.message : String(error)}` });
    }
    record.finishedAt = this.now();
    this.options.onProgress({ ...job });
  }

  status(jobId: string, clientKey: string | null): ExportJob {
    this.sweep();
    const record = this.jobs.get(jobId);
    if (!record || record.clientKey !== clientKey) throw new PosError('not_found', `No export ${jobId} for this till.`, 'jobId');
    return { ...record.job };
  }

  /** The finished file of a job, for the client that asked for it only. */
  fileFor(jobId: string, clientKey: string | null): { file: string; fileName: string; contentType: string } | null {
    this.sweep();
    const record = this.jobs.get(jobId);
    if (!record || record.clientKey === null || record.clientKey !== clientKey || record.job.status !== 'done') return null;
    return { file: record.file, fileName: record.job.fileName, contentType: EXPORT_CONTENT_TYPES[record.job.format] };
  }

  async close(): Promise<void> {
    await Promise.all([...this.running]);
  }
}
