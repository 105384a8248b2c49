// The rows of an export, read in pages (keyset on created_at, id) so a year of sales never sits in
// memory at once. One row per sale of the range, every status, with what was refunded on it.
import { satangToDecimal } from '../../../shared/money';
import type { LedgerDb } from '../ledger/open-ledger';
import { COUNTED_REFUND_STATUSES } from '../refunds/refund-repository';
import { localDateTime, rangeBounds } from '../reports/business-day';
import { ledgerScope, scopeParams, scopeSql, type LedgerScope } from '../settings/stripe-binding';

export const EXPORT_PAGE_ROWS = 5_000;

export interface ExportRange {
  from: string;
  to: string;
  timeZone: string;
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
  'Created (local)', 'Sale id', 'Status', 'Amount (THB)', 'Refunded (THB)', 'Net (THB)', 'Description', 'Order reference',
  'Cashier', 'Till', 'Source', 'PaymentIntent id', 'Paid at (local)', 'Flagged', 'Mode', 'Stripe account',
] as const;

export function exportCells(row: ExportRow, timeZone: string): string[] {
  const net = row.status === 'succeeded' ? row.amount - row.refunded : 0;
  return [
    localDateTime(row.createdAt, timeZone), row.saleId, row.status, satangToDecimal(row.amount), satangToDecimal(row.refunded), satangToDecimal(net),
    row.description ?? '', row.orderRef ?? '', row.cashier ?? '', row.tillId, row.source, row.paymentIntentId ?? '',
    row.paidAt === null ? '' : localDateTime(row.paidAt, timeZone), row.flagged ? 'yes' : '', row.mode ?? '', row.account ?? '',
  ];
}

const FORMULA_TRIGGER = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A cell made safe for spreadsheets opening a CSV (OWASP, CSV injection): text starting with = + - @,
 * a tab or a carriage return would be read as a formula, so it gets a leading single quote. Plain
 * numbers (a negative amount) are left as they are. Only for CSV: XLSX cells are typed strings already.
 */
export function csvSafeCell(cell: string): string {
  return FORMULA_TRIGGER.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

function where(db: LedgerDb, range: ExportRange): { sql: string; params: Record<string, unknown> } {
  const { startsAt, endsAt } = rangeBounds(range.from, range.to, range.timeZone);
  const params: Record<string, unknown> = { startsAt, endsAt, ...scopeParams(scopedRange(db, range).scope) };
  let sql = `${scopeSql('s')} AND s.created_at >= @startsAt AND s.created_at < @endsAt`;
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

/** Yields the range's sales page by page, oldest first. */
export function* exportPages(db: LedgerDb, range: ExportRange, pageRows = EXPORT_PAGE_ROWS): Generator<ExportRow[]> {
  const { sql, params } = where(db, range);
  // Keyset on (created_at, rowid): the created_at index already holds rowid in that order, so each
  // page is an index range read with no sort, however far into the range it is.
  const statement = db.prepare(`SELECT s.rowid AS row_id, s.id, s.created_at, s.status, s.amount, s.description, s.order_ref, s.cashier, s.till_id, s.source,
      s.payment_intent_id, s.paid_at, s.flagged, s.mode, s.account,
      CASE WHEN s.status = 'succeeded' THEN (SELECT coalesce(sum(r.amount), 0) FROM refunds r WHERE r.sale_id = s.id AND r.status IN ${COUNTED_REFUND_STATUSES}) ELSE 0 END AS refunded
    FROM sales s INDEXED BY sales_by_created WHERE ${sql} AND (s.created_at, s.rowid) > (@afterAt, @afterRowid)
    ORDER BY s.created_at, s.rowid LIMIT ${pageRows}`);
  let afterAt = -1;
  let afterRowid = -1;
  for (;;) {
    const rows = statement.all({ ...params, afterAt, afterRowid }) as Record<string, unknown>[];
    if (rows.length === 0) return;
    yield rows.map((row) => ({
      createdAt: row.created_at as number,
      saleId: row.id as string,
      status: row.status as string,
      amount: row.amount as number,
      refunded: row.refunded as number,
      description: row.description as string | null,
      orderRef: row.order_ref as string | null,
      cashier: row.cashier as string | null,
      tillId: row.till_id as string,
      source: row.source as string,
      paymentIntentId: row.payment_intent_id as string | null,
      paidAt: row.paid_at as number | null,
      flagged: row.flagged === 1,
      mode: row.mode as string | null,
      account: row.account as string | null,
    }));
    const last = rows.at(-1)!;
    afterAt = last.created_at as number;
    afterRowid = last.row_id as number;
    if (rows.length < pageRows) return;
  }
}
