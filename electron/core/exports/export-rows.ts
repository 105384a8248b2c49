// The rows of an export, read in pages (keyset on created_at, id) so a year of sales never sits in
// memory at once. One row per sale of the range, every status, with what was refunded on it.
import { satangToDecimal } from '../../../shared/money';
import type { Tender } from '../../../shared/tender';
import type { LedgerDb } from '../ledger/open-ledger';
import { COUNTED_REFUND_STATUSES } from '../refunds/refund-repository';
import { localDateTime, rangeBounds } from '../reports/business-day';
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

/** Column headings and how each row reads in a text cell (CSV, PDF); amounts in baht with 2 decimals. */
export const EXPORT_COLUMNS = [
  'Created (local)', 'Sale id', 'Status', 'Tender', 'Amount (THB)', 'Refunded (THB)', 'Net (THB)', 'Description', 'Order reference',
  'Cashier', 'Till', 'Source', 'PaymentIntent id', 'Paid at (local)', 'Flagged', 'Mode', 'Stripe account',
] as const;

export function exportCells(row: ExportRow, timeZone: string): string[] {
  const net = row.status === 'succeeded' ? row.amount - row.refunded : 0;
  return [
    localDateTime(row.createdAt, timeZone), row.saleId, row.status, row.tender, satangToDecimal(row.amount), satangToDecimal(row.refunded), satangToDecimal(net),
    row.description ?? '', row.orderRef ?? '', row.cashier ?? '', row.tillId, row.source, row.paymentIntentId ?? '',
    row.paidAt === null ? '' : localDateTime(row.paidAt, timeZone), row.flagged ? 'yes' : '', row.mode ?? '', row.account ?? '',
  ];
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
  const rows = db
    .prepare(`SELECT sale_id, sum(amount) FROM refunds INDEXED BY refunds_by_created_tender
      WHERE created_at >= ? AND status IN ${COUNTED_REFUND_STATUSES} GROUP BY sale_id`)
    .raw(true)
    .all(startsAt - REFUND_CLOCK_MARGIN_MS) as [string, number][];
  return new Map(rows);
}

/** [start, end) of the range in epoch ms (its business days, from the shop's start hour). */
function rangeMs(range: ExportRange): { startsAt: number; endsAt: number } {
  return rangeBounds(range.from, range.to, range.timeZone, range.dayStartHour ?? 0);
}

/** Yields the range's sales page by page, oldest first. */
export function* exportPages(db: LedgerDb, range: ExportRange, pageRows = EXPORT_PAGE_ROWS): Generator<ExportRow[]> {
  const { scope } = scopedRange(db, range);
  const { sql, params } = where(db, range, '@afterAt');
  // Keyset on (created_at, rowid): the created_at index already holds rowid in that order, so each
  // page is an index range read from where the last one ended, with no sort. Rows come back as arrays
  // (`raw`): better-sqlite3 builds a named-key object per row several times slower than JS does below.
  // Mode and account are the scope's, the same on every row: not read.
  const statement = db
    .prepare(`SELECT s.rowid, s.created_at, s.id, s.status, s.amount, s.description, s.order_ref, s.cashier, s.till_id, s.source,
        s.payment_intent_id, s.paid_at, s.flagged, s.tender
      FROM sales s INDEXED BY sales_by_created
      WHERE ${sql} AND (s.created_at > @afterAt OR s.rowid > @afterRowid)
      ORDER BY s.created_at, s.rowid LIMIT ${pageRows}`)
    .raw(true);
  const refunded = refundedSince(db, rangeMs(range).startsAt);
  const toExportRow = (row: RawExportRow): ExportRow => ({
    createdAt: row[1], saleId: row[2], status: row[3], amount: row[4], description: row[5], orderRef: row[6], cashier: row[7], tillId: row[8],
    source: row[9], paymentIntentId: row[10], paidAt: row[11], flagged: row[12] === 1, tender: row[13],
    // Only a paid sale has anything refunded on it.
    refunded: row[3] === 'succeeded' ? (refunded.get(row[2]) ?? 0) : 0,
    mode: scope.mode, account: scope.account,
  });
  let afterAt = params.startsAt as number;
  let afterRowid = -1;
  for (;;) {
    const rows = statement.all({ ...params, afterAt, afterRowid }) as RawExportRow[];
    if (rows.length === 0) return;
    yield rows.map(toExportRow);
    const last = rows[rows.length - 1];
    afterAt = last[1];
    afterRowid = last[0];
    if (rows.length < pageRows) return;
  }
}

/** A row of the page query, in its column order. */
type RawExportRow = [
  rowid: number, createdAt: number, id: string, status: string, amount: number, description: string | null, orderRef: string | null,
  cashier: string | null, tillId: string, source: string, paymentIntentId: string | null, paidAt: number | null, flagged: number, tender: Tender,
];
