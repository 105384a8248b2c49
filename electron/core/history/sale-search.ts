// Sale history: any range of business days, searchable by amount (baht or satang), description,
// order reference, sale id or PaymentIntent id, and by tender; newest first, paged with an opaque keyset
// cursor. Each row carries what has been refunded of it, so the list can say "partly refunded".
import type { SaleLine } from '../../../shared/catalog';
import type { SaleSearchResult } from '../../../shared/manager-types';
import { PosError } from '../../../shared/pos-error';
import { parseBaht } from '../../../shared/money';
import type { SaleStatus } from '../../../shared/sale-status';
import type { Tender } from '../../../shared/tender';
import type { LedgerDb } from '../ledger/open-ledger';
import { SalesRepository, toPublicSale } from '../ledger/sales-repository';
import { COUNTED_REFUND_STATUSES } from '../refunds/refund-repository';
import { rangeBounds } from '../reports/business-day';
import { ledgerScope, scopeParams, scopeSql } from '../settings/stripe-binding';

export interface SaleSearch {
  from: string;
  to: string;
  query?: string;
  status?: SaleStatus;
  tender?: Tender;
  tillId?: string;
  limit?: number;
  cursor?: string;
}

/**
 * "120" may mean ฿120 or 120 satang (an API caller's figure); "1,250.50" means ฿1,250.50. Commas only
 * group thousands, read by the same parser as the keypad: "12,50" is not an amount at all.
 */
export function amountsMatching(query: string): number[] {
  const parsed = parseBaht(query);
  if (!parsed.ok) return [];
  if (/[.,]/.test(query)) return [parsed.satang];
  return [parsed.satang / 100, parsed.satang];
}

function likePattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function encodeCursor(createdAt: number, id: string): string {
  return Buffer.from(`${createdAt}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: number; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!id || !/^\d+$/.test(createdAt ?? '')) throw new PosError('invalid_input', 'cursor: not a cursor from a previous page', 'cursor');
  return { createdAt: Number(createdAt), id };
}

/** Per sale id: refunds that are or may become money back (not failed or canceled), as `refundable` counts them. */
function refundedBySale(db: LedgerDb, saleIds: readonly string[]): Map<string, number> {
  if (saleIds.length === 0) return new Map();
  const rows = db
    .prepare(`SELECT sale_id, sum(amount) AS refunded FROM refunds WHERE status IN ${COUNTED_REFUND_STATUSES} AND sale_id IN (${saleIds.map(() => '?').join(',')}) GROUP BY sale_id`)
    .all(...saleIds) as { sale_id: string; refunded: number }[];
  return new Map(rows.map((row) => [row.sale_id, row.refunded]));
}

/** Per sale id: its ticket lines, in one read for the page (the list shows what was sold). */
function linesBySale(db: LedgerDb, saleIds: readonly string[]): Map<string, SaleLine[]> {
  const bySale = new Map<string, SaleLine[]>();
  if (saleIds.length === 0) return bySale;
  const rows = db
    .prepare(`SELECT sale_id, item_id, name, unit_price, quantity, amount FROM sale_lines WHERE sale_id IN (${saleIds.map(() => '?').join(',')}) ORDER BY sale_id, line_no`)
    .all(...saleIds) as { sale_id: string; item_id: string | null; name: string; unit_price: number; quantity: number; amount: number }[];
  for (const row of rows) {
    const line: SaleLine = { itemId: row.item_id, name: row.name, unitPrice: row.unit_price, quantity: row.quantity, amount: row.amount };
    const list = bySale.get(row.sale_id);
    if (list) list.push(line);
    else bySale.set(row.sale_id, [line]);
  }
  return bySale;
}

/** Business days follow the shop's zone and its day start hour (0–11), as the reports do. */
export function searchSales(db: LedgerDb, repository: SalesRepository, search: SaleSearch, timeZone: string, dayStartHour = 0): SaleSearchResult {
  if (search.from > search.to) throw new PosError('invalid_input', 'from: the first day must not be after the last day', 'from');
  const { startsAt, endsAt } = rangeBounds(search.from, search.to, timeZone, dayStartHour);
  // History covers the ledger's bound mode+account, like the reports: demo or test sales stay out of live.
  const scope = ledgerScope(db);
  const where = [scopeSql(), 'created_at >= @startsAt', 'created_at < @endsAt'];
  const params: Record<string, unknown> = { startsAt, endsAt, ...scopeParams(scope) };
  if (search.status) {
    where.push('status = @status');
    params.status = search.status;
  }
  if (search.tender) {
    where.push('tender = @tender');
    params.tender = search.tender;
  }
  if (search.tillId) {
    where.push('till_id = @tillId');
    params.tillId = search.tillId;
  }
  const query = search.query?.trim();
  if (query) {
    const alternatives = ["description LIKE @like ESCAPE '\\'", "order_ref LIKE @like ESCAPE '\\'", "id LIKE @like ESCAPE '\\'", "payment_intent_id LIKE @like ESCAPE '\\'"];
    params.like = likePattern(query);
    amountsMatching(query).forEach((amount, index) => {
      alternatives.push(`amount = @amount${index}`);
      params[`amount${index}`] = amount;
    });
    where.push(`(${alternatives.join(' OR ')})`);
  }
  if (search.cursor) {
    const cursor = decodeCursor(search.cursor);
    where.push('(created_at < @cursorAt OR (created_at = @cursorAt AND id < @cursorId))');
    Object.assign(params, { cursorAt: cursor.createdAt, cursorId: cursor.id });
  }
  const limit = search.limit ?? 50;
  const rows = db
    .prepare(`SELECT id FROM sales WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ${limit + 1}`)
    .all(params) as { id: string }[];
  const page = rows.slice(0, limit).map((row) => repository.get(row.id)!);
  const last = page.at(-1);
  const refunded = refundedBySale(db, page.map((sale) => sale.id));
  const lines = linesBySale(db, page.map((sale) => sale.id));
  return {
    sales: page.map((sale) => ({ ...toPublicSale(sale), ...(lines.has(sale.id) ? { lines: lines.get(sale.id) } : {}), refunded: refunded.get(sale.id) ?? 0 })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
    mode: scope.mode,
    account: scope.account,
  };
}
