// Sales by item over a range of business days. It counts exactly the sales the daily and period
// reports count as paid (status succeeded, created within the days, the ledger's mode and account,
// report-totals.ts), split by their ticket lines; a paid sale keyed as an amount without lines is one
// "no items" row. So the report's total is the ledger's paid gross for the same days, by construction.
import type { ItemSalesReport, ItemSalesRow } from '../../../shared/catalog';
import { businessDaysInRange, MAX_PERIOD_REPORT_DAYS } from '../../../shared/pos-contract';
import { PosError } from '../../../shared/pos-error';
import type { LedgerDb } from '../ledger/open-ledger';
import { rangeBounds } from '../reports/business-day';
import type { PeriodReportQuery } from '../reports/period-report';
import { ledgerScope, scopeParams, scopeSql } from '../settings/stripe-binding';
import { TENDERS } from '../../../shared/tender';

/** The same range and scope as a period report's. */
export type ItemSalesQuery = PeriodReportQuery;

/** The paid sales of the range, as report-totals.ts selects them (the same index and predicates). */
function paidSalesSql(tillId: string | null): string {
  return `SELECT id, amount FROM sales INDEXED BY sales_by_scope_status_tender
    WHERE ${scopeSql()} AND status = 'succeeded' AND tender IN (${TENDERS.map((tender) => `'${tender}'`).join(', ')})
      AND created_at >= @startsAt AND created_at < @endsAt${tillId === null ? '' : ' AND till_id = @tillId'}`;
}

export function itemSalesReport(db: LedgerDb, query: ItemSalesQuery): ItemSalesReport {
  const length = businessDaysInRange(query.from, query.to);
  if (!(length >= 1 && length <= MAX_PERIOD_REPORT_DAYS)) {
    throw new PosError('invalid_input', `to: a report covers 1 to ${MAX_PERIOD_REPORT_DAYS} days, from its first day to its last`, 'to');
  }
  const tillId = query.tillId ?? null;
  const scope = query.scope ?? ledgerScope(db);
  // Consecutive business days share their edges, so the range is the union of the days' bounds.
  const { startsAt, endsAt } = rangeBounds(query.from, query.to, query.timeZone, query.dayStartHour ?? 0);
  const bind = { startsAt, endsAt, ...scopeParams(scope), ...(tillId === null ? {} : { tillId }) };
  const paid = paidSalesSql(tillId);
  // A catalogue line counts under its item (its current name and category); a line typed without an
  // item counts under its own name.
  const lineRows = db.prepare(`WITH paid AS (${paid})
    SELECT l.item_id AS itemId, coalesce(i.name, max(l.name)) AS name, i.category AS category,
      sum(l.quantity) AS quantity, sum(l.amount) AS gross, count(DISTINCT l.sale_id) AS sales
    FROM paid p JOIN sale_lines l ON l.sale_id = p.id LEFT JOIN items i ON i.id = l.item_id
    GROUP BY l.item_id, CASE WHEN l.item_id IS NULL THEN l.name END`).all(bind) as ItemSalesRow[];
  const keyed = db.prepare(`WITH paid AS (${paid})
    SELECT count(*) AS sales, coalesce(sum(p.amount), 0) AS gross FROM paid p
    WHERE NOT EXISTS (SELECT 1 FROM sale_lines l WHERE l.sale_id = p.id)`).get(bind) as { sales: number; gross: number };

  const rows = lineRows.map((row) => ({ ...row, category: row.category ?? null }));
  rows.sort((a, b) => b.gross - a.gross || b.quantity - a.quantity || a.name.localeCompare(b.name, 'th'));
  const categories = new Map<string | null, { category: string | null; quantity: number; gross: number }>();
  for (const row of rows) {
    const entry = categories.get(row.category) ?? { category: row.category, quantity: 0, gross: 0 };
    entry.quantity += row.quantity;
    entry.gross += row.gross;
    categories.set(row.category, entry);
  }
  // The amount-only sales: one row, last, that the screen words ("no items"); not a category of items.
  if (keyed.sales > 0) rows.push({ itemId: null, name: '', category: null, quantity: 0, gross: keyed.gross, sales: keyed.sales });
  return {
    from: query.from,
    to: query.to,
    timeZone: query.timeZone,
    tillId,
    rows,
    byCategory: [...categories.values()].sort((a, b) => b.gross - a.gross),
    totalGross: rows.reduce((sum, row) => sum + row.gross, 0),
    totalQuantity: rows.reduce((sum, row) => sum + row.quantity, 0),
    generatedAt: query.now ?? Date.now(),
  };
}
