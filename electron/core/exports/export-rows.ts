// The rows of an export, read in pages (keyset on created_at, id) so a year of sales never sits in
// memory at once. One row per sale of the range, every status, with what was refunded on it.
import type { Tender } from '../../../shared/tender';
import type { LedgerDb } from '../ledger/open-ledger';
import { COUNTED_REFUND_STATUSES } from '../refunds/refund-repository';
import { rangeBounds } from '../reports/business-day';
import { ledgerScope, scopeParams, scopeSql, type LedgerScope } from '../settings/stripe-binding';

/**
 * Rows read, written and reported per page. Small pages export faster (a page dies young, before the
 * garbage collector would move it) and hold the till's event loop for only a few milliseconds each.
 */
export const EXPORT_PAGE_ROWS = 2_000;

export interface ExportRange {
  from: string;
  to: string;
  timeZone: string;
  /** The hour the shop's business day starts (settings; 0 = midnight). */
  dayStartHour?: number;
  tillId?: string | null;
  /** Whose money: the ledger's bound mode+account unless given (demo or test never joins live). */
  scope?: LedgerScope;
}

/** The range with its scope settled (the ledger's binding by default). */
export function scopedRange(db: LedgerDb, range: ExportRange): ExportRange & { scope: LedgerScope } {
  return { ...range, scope: range.scope ?? ledgerScope(db) };
}

export interface ExportRow {
  createdAt: number;
  saleId: string;
  status: string;
  /** How it was paid; 'promptpay_manual' is the cashier's word (unverified). */
  tender: Tender;
  amount: number;
  refunded: number;
  description: string | null;
  orderRef: string | null;
  cashier: string | null;
  tillId: string;
  source: string;
  paymentIntentId: string | null;
  paidAt: number | null;
  flagged: boolean;
  mode: string | null;
  account: string | null;
}

/** Column headings (CSV, XLSX). */
export const EXPORT_COLUMNS = [
  'Created (local)', 'Sale id', 'Status', 'Tender', 'Amount (THB)', 'Refunded (THB)', 'Net (THB)', 'Description', 'Order reference',
  'Cashier', 'Till', 'Source', 'PaymentIntent id', 'Paid at (local)', 'Flagged', 'Mode', 'Stripe account',
] as const;

/** A sale as an export row, its refunded total and the scope's mode and account added. */
function toExportRow(row: RawExportRow, scope: LedgerScope): ExportRow {
  return {
    createdAt: row[0], saleId: row[1], status: row[2], tender: row[3], amount: row[4], refunded: row[5], description: row[6], orderRef: row[7],
    cashier: row[8], tillId: row[9], source: row[10], paymentIntentId: row[11], paidAt: row[12], flagged: row[13] === 1,
    mode: scope.mode, account: scope.account,
  };
}

/** An export row in the page query's column order (for writers given rows, not a ledger: tests). */
export function toRawExportRow(row: ExportRow): RawExportRow {
  return [row.createdAt, row.saleId, row.status, row.tender, row.amount, row.refunded, row.description, row.orderRef, row.cashier, row.tillId,
    row.source, row.paymentIntentId, row.paidAt, row.flagged ? 1 : 0, 0];
}

/**
 * The range's rows: those of its scope and till created from `from` (`@startsAt`, or the keyset's
 * `@afterAt`: one lower bound only, or SQLite may start every page's index read at the range start).
 */
function where(db: LedgerDb, range: ExportRange, from: '@startsAt' | '@afterAt' = '@startsAt'): { sql: string; params: Record<string, unknown> } {
  const { startsAt, endsAt } = rangeMs(range);
  const params: Record<string, unknown> = { startsAt, endsAt, ...scopeParams(scopedRange(db, range).scope) };
  let sql = `${scopeSql('s')} AND s.created_at >= ${from} AND s.created_at < @endsAt`;
  if (range.tillId) {
    sql += ' AND s.till_id = @tillId';
    params.tillId = range.tillId;
  }
  return { sql, params };
}

export function countExportRows(db: LedgerDb, range: ExportRange): number {
  const { sql, params } = where(db, range);
  return (db.prepare(`SELECT count(*) AS n FROM sales s WHERE ${sql}`).get(params) as { n: number }).n;
}

/** A refund is never created before its sale; a day's margin covers a till clock set back since. */
const REFUND_CLOCK_MARGIN_MS = 24 * 3_600_000;

/**
 * What was refunded (counted statuses) on each sale refunded since `startsAt`: read once per export from
 * the refunds' covering index, rather than looked up for every exported sale.
 */
function refundedSince(db: LedgerDb, startsAt: number): Map<string, number> {
  // Summed here: SQLite's GROUP BY sorts the sale ids in a temporary tree first, several times slower.
  const rows = db
    .prepare(`SELECT sale_id, amount FROM refunds INDEXED BY refunds_by_created_tender
      WHERE created_at >= ? AND status IN ${COUNTED_REFUND_STATUSES}`)
    .raw(true)
    .all(startsAt - REFUND_CLOCK_MARGIN_MS) as [string, number][];
  const refunded = new Map<string, number>();
  for (const [saleId, amount] of rows) refunded.set(saleId, (refunded.get(saleId) ?? 0) + amount);
  return refunded;
}

/** [start, end) of the range in epoch ms (its business days, from the shop's start hour). */
function rangeMs(range: ExportRange): { startsAt: number; endsAt: number } {
  return rangeBounds(range.from, range.to, range.timeZone, range.dayStartHour ?? 0);
}

/**
 * The range's sales page by page, oldest first: iterated, as export rows; `raw()`, as the query's
 * arrays in the CSV's column order, with no object per row (the CSV writer's million-row path).
 */
export class ExportPages implements Iterable<ExportRow[]> {
  readonly scope: LedgerScope;

  constructor(readonly db: LedgerDb, readonly range: ExportRange, readonly pageRows = EXPORT_PAGE_ROWS) {
    this.scope = scopedRange(db, range).scope;
  }

  *[Symbol.iterator](): Iterator<ExportRow[]> {
    for (const page of this.raw()) yield page.map((row) => toExportRow(row, this.scope));
  }

  /** The same rows for the CSV writer: text cells joined by SQLite (JoinedExportPages). */
  joined(): JoinedExportPages {
    return new JoinedExportPages(this);
  }

  *raw(): Generator<RawExportRow[]> {
    const { db, range, pageRows } = this;
    const { sql, params } = where(db, range, '@afterAt');
    // Keyset on (created_at, rowid): the created_at index already holds rowid in that order, so each
    // page is an index range read from where the last one ended, with no sort. Rows come back as arrays
    // (`raw`): better-sqlite3 builds a named-key object per row several times slower than JS would.
    // Columns in the CSV's order; 0 holds the place of the refunded total, filled in below. Mode and
    // account are the scope's, the same on every row: not read.
    const statement = db
      .prepare(`SELECT s.created_at, s.id, s.status, s.tender, s.amount, 0, s.description, s.order_ref, s.cashier, s.till_id, s.source,
          s.payment_intent_id, s.paid_at, s.flagged, s.rowid
        FROM sales s INDEXED BY sales_by_created
        WHERE ${sql} AND (s.created_at > @afterAt OR s.rowid > @afterRowid)
        ORDER BY s.created_at, s.rowid LIMIT ${pageRows}`)
      .raw(true);
    const refunded = refundedSince(db, rangeMs(range).startsAt);
    let afterAt = params.startsAt as number;
    let afterRowid = -1;
    for (;;) {
      const rows = statement.all({ ...params, afterAt, afterRowid }) as RawExportRow[];
      if (rows.length === 0) return;
      // Only a paid sale has anything refunded on it.
      for (const row of rows) if (row[2] === 'succeeded') row[5] = refunded.get(row[1]) ?? 0;
      yield rows;
      const last = rows[rows.length - 1];
      afterAt = last[0];
      afterRowid = last[14];
      if (rows.length < pageRows) return;
    }
  }
}

/** The export's page cache, as SQLite's cache_size takes it (negative: KiB). */
const EXPORT_CACHE_KIB = -65_536;

/**
 * The CSV's million-row read: the text cells come joined by SQLite in two runs of the CSV's own order,
 * so each row costs two strings rather than nine (turning SQLite's text into JavaScript strings is most
 * of an export's reading). The writer uses a run as it is only when it can tell it needs no quoting or
 * formula guard; otherwise it asks for the row's cells (`cells`).
 */
export class JoinedExportPages {
  private byRowid: ReturnType<LedgerDb['prepare']> | undefined;
  /** What was refunded on each sale, by sale id (read when the pages are). */
  private refunded = new Map<string, number>();

  constructor(private readonly pages: ExportPages) {}

  get scope(): LedgerScope {
    return this.pages.scope;
  }

  *[Symbol.iterator](): Generator<JoinedExportRow[]> {
    const { db, range, pageRows } = this.pages;
    const { sql, params } = where(db, range, '@afterAt');
    // The same keyset, index and columns as raw(), the text cells joined: null ones as empty cells. The
    // refunded total is -1 for a sale not paid (nothing refunded, no net) and filled in below otherwise.
    const statement = db
      .prepare(`SELECT s.created_at, s.id || ',' || s.status || ',' || s.tender, s.amount, CASE WHEN s.status = 'succeeded' THEN 0 ELSE -1 END,
          coalesce(s.description, '') || ',' || coalesce(s.order_ref, '') || ',' || coalesce(s.cashier, '') || ',' || s.till_id || ',' || s.source
            || ',' || coalesce(s.payment_intent_id, ''),
          s.paid_at, s.flagged, s.rowid
        FROM sales s INDEXED BY sales_by_created
        WHERE ${sql} AND (s.created_at > @afterAt OR s.rowid > @afterRowid)
        ORDER BY s.created_at, s.rowid LIMIT ${pageRows}`)
      .raw(true);
    const refunded = (this.refunded = refundedSince(db, rangeMs(range).startsAt));
    // A bigger page cache while the export reads (64 MiB, back to the connection's own after): each page
    // query starts where the last ended, in pages the cache still holds, rather than reading them again.
    const cacheSize = db.pragma('cache_size', { simple: true }) as number;
    const grow = cacheSize < 0 && cacheSize > EXPORT_CACHE_KIB; // a smaller cache, set in KiB (SQLite's default)
    if (grow) db.pragma(`cache_size = ${EXPORT_CACHE_KIB}`);
    try {
      let afterAt = params.startsAt as number;
      let afterRowid = -1;
      for (;;) {
        const rows = statement.all({ ...params, afterAt, afterRowid }) as JoinedExportRow[];
        if (rows.length === 0) return;
        // Only a paid sale has anything refunded on it; its id is the head's first cell.
        if (refunded.size > 0) for (const row of rows) if (row[3] === 0) row[3] = refunded.get(row[1].slice(0, row[1].indexOf(','))) ?? 0;
        yield rows;
        const last = rows[rows.length - 1];
        afterAt = last[0];
        afterRowid = last[7];
        if (rows.length < pageRows) return;
      }
    } finally {
      if (grow && db.open) db.pragma(`cache_size = ${cacheSize}`);
    }
  }

  /**
   * A sale's row as raw() reads it, for a writer that must look at each cell (its refunded total looked up
   * by its whole id: the head's first comma may be inside the id).
   */
  cells(row: JoinedExportRow): RawExportRow {
    this.byRowid ??= this.pages.db
      .prepare(`SELECT s.created_at, s.id, s.status, s.tender, s.amount, 0, s.description, s.order_ref, s.cashier, s.till_id, s.source,
          s.payment_intent_id, s.paid_at, s.flagged, s.rowid FROM sales s WHERE s.rowid = ?`)
      .raw(true);
    const cells = this.byRowid.get(row[7]) as RawExportRow;
    if (cells[2] === 'succeeded') cells[5] = this.refunded.get(cells[1]) ?? 0;
    return cells;
  }
}

/**
 * A row of the joined query: `head` is the sale id, status and tender, `rest` the description, order
 * reference, cashier, till, source and PaymentIntent id, each joined by commas, not quoted or guarded.
 */
export type JoinedExportRow = [createdAt: number, head: string, amount: number, refunded: number, rest: string, paidAt: number | null, flagged: number, rowid: number];

export function exportPages(db: LedgerDb, range: ExportRange, pageRows = EXPORT_PAGE_ROWS): ExportPages {
  return new ExportPages(db, range, pageRows);
}

/** A row of the page query, in its column order (the CSV's, less net, mode and account). */
export type RawExportRow = [
  createdAt: number, id: string, status: string, tender: Tender, amount: number, refunded: number, description: string | null,
  orderRef: string | null, cashier: string | null, tillId: string, source: string, paymentIntentId: string | null, paidAt: number | null,
  flagged: number, rowid: number,
];
