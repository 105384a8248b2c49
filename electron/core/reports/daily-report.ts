// The daily report: every aggregate is one SQL query over the business day's created_at range, read
// from covering indexes (migrations 003, 006, 010), so it stays in the tens of milliseconds on a
// million-sale ledger. A business day runs from the shop's start hour to the next day's (midnight by
// default). A sale belongs to the business day it was created on (the cashier rang it up then; a
// PromptPay payment settles within the QR timeout); a refund belongs to the day it was created on. Its
// totals are the period report's and the Z report's for that day (report-totals.ts).
import type { DailyReport, ReportPayment } from '../../../shared/manager-types';
import type { Tender } from '../../../shared/tender';
import type { LedgerDb } from '../ledger/open-ledger';
import { COUNTED_REFUND_STATUSES } from '../refunds/refund-repository';
import { ledgerScope, scopeParams, scopeSql, type LedgerScope } from '../settings/stripe-binding';
import { dayBounds, localParts } from './business-day';
import { noSales, totalsOfDays } from './report-totals';

/** Quarter hours: the finest step any time zone's offset (and DST shift) moves by. */
const SLOT_MS = 15 * 60 * 1000;

export interface DailyReportQuery {
  date: string;
  timeZone: string;
  /** The hour the shop's business day starts (settings; 0 = midnight): before it, it is still the day before. */
  dayStartHour?: number;
  tillId?: string | null;
  /** The payments list can be long; the per-day summaries of a range export skip it. */
  includePayments?: boolean;
  now?: number;
  /** Whose money: defaults to the ledger's bound mode+account (demo or test never adds to live). */
  scope?: LedgerScope;
}

export function dailyReport(db: LedgerDb, query: DailyReportQuery): DailyReport {
  const dayStartHour = query.dayStartHour ?? 0;
  const { startsAt, endsAt } = dayBounds(query.date, query.timeZone, dayStartHour);
  const tillId = query.tillId ?? null;
  const scope = query.scope ?? ledgerScope(db);
  const till = tillId === null ? '' : ' AND till_id = @tillId';
  const bind = { startsAt, endsAt, ...scopeParams(scope), ...(tillId === null ? {} : { tillId }) };
  const [totals] = totalsOfDays(db, [{ startsAt, endsAt }], { scope, tillId });

  const byHour = Array.from({ length: 24 }, (_, hour) => ({ hour, ...noSales() }));
  const slotRows = db
    .prepare(`SELECT (created_at - @startsAt) / ${SLOT_MS} AS slot, count(*) AS count, sum(amount) AS amount FROM sales
              WHERE ${scopeSql()} AND created_at >= @startsAt AND created_at < @endsAt AND status = 'succeeded'${till} GROUP BY slot`)
    .all(bind) as { slot: number; count: number; amount: number }[];
  for (const row of slotRows) {
    // Local hour of the slot's start: right on DST days (23 or 25 hours) and half-hour zones too.
    const entry = byHour[localParts(startsAt + row.slot * SLOT_MS, query.timeZone).hour];
    entry.count += row.count;
    entry.amount += row.amount;
  }

  const byCashier = (db
    .prepare(`SELECT cashier_id AS cashierId, max(cashier) AS name, source, count(*) AS count, sum(amount) AS amount FROM sales
              WHERE ${scopeSql()} AND created_at >= @startsAt AND created_at < @endsAt AND status = 'succeeded'${till}
              GROUP BY cashier_id, source ORDER BY amount DESC, source`)
    .all(bind) as { cashierId: string | null; name: string | null; source: 'api' | 'till'; count: number; amount: number }[])
    // Facts, not display strings: the screens (and the PDF) word "from another system" in their language.
    .map((row) => ({ cashierId: row.cashierId, name: row.name ?? row.cashierId ?? '', source: row.source, count: row.count, amount: row.amount }));

  const payments = query.includePayments === false ? [] : reportPayments(db, bind, till);
  return {
    date: query.date,
    mode: scope.mode,
    account: scope.account,
    timeZone: query.timeZone,
    tillId,
    startsAt,
    endsAt,
    dayStartHour,
    ...totals,
    byHour,
    byCashier,
    payments,
    generatedAt: query.now ?? Date.now(),
  };
}

interface PaymentRow {
  id: string;
  paid_at: number | null;
  updated_at: number;
  amount: number;
  refunded: number;
  description: string | null;
  order_ref: string | null;
  cashier: string | null;
  till_id: string;
  payment_intent_id: string | null;
  flagged: number;
  tender: Tender;
}

export function toReportPayment(row: PaymentRow): ReportPayment {
  return {
    saleId: row.id,
    paidAt: row.paid_at ?? row.updated_at,
    amount: row.amount,
    refunded: row.refunded,
    description: row.description,
    orderRef: row.order_ref,
    cashier: row.cashier,
    tillId: row.till_id,
    paymentIntentId: row.payment_intent_id,
    flagged: row.flagged === 1,
    tender: row.tender,
  };
}

export const PAYMENT_COLUMNS = `s.id, s.paid_at, s.updated_at, s.amount, s.description, s.order_ref, s.cashier, s.till_id, s.payment_intent_id, s.flagged, s.tender,
  (SELECT coalesce(sum(r.amount), 0) FROM refunds r WHERE r.sale_id = s.id AND r.status IN ${COUNTED_REFUND_STATUSES}) AS refunded`;

function reportPayments(db: LedgerDb, bind: Record<string, unknown>, till: string): ReportPayment[] {
  const rows = db
    .prepare(`SELECT ${PAYMENT_COLUMNS} FROM sales s
              WHERE ${scopeSql('s')} AND s.created_at >= @startsAt AND s.created_at < @endsAt AND s.status = 'succeeded'${till ? ' AND s.till_id = @tillId' : ''}
              ORDER BY s.created_at, s.id`)
    .all(bind) as PaymentRow[];
  return rows.map(toReportPayment);
}
