// The totals every report row carries (ReportTotals), for each of a list of business days: the daily
// report asks for one day, the period report for each day of a week or month, and the Z report for its
// day, through the same two queries, so they agree by construction. Both read covering indexes
// (sales_by_scope_status_tender, refunds_by_created_tender) over the day's created_at range only.
import type { AmountCount, ReportTotals } from '../../../shared/manager-types';
import { SALE_STATUSES, type SaleStatus } from '../../../shared/sale-status';
import { TENDERS, type Tender } from '../../../shared/tender';
import type { LedgerDb } from '../ledger/open-ledger';
import { COUNTED_REFUND_STATUSES } from '../refunds/refund-repository';
import { scopeParams, scopeSql, type LedgerScope } from '../settings/stripe-binding';
import type { DayBounds } from './business-day';

export function noSales(): AmountCount {
  return { count: 0, amount: 0 };
}

export function emptyTotals(): ReportTotals {
  return {
    byStatus: Object.fromEntries(SALE_STATUSES.map((status) => [status, noSales()])) as Record<SaleStatus, AmountCount>,
    paid: noSales(),
    refunded: noSales(),
    net: 0,
    tenders: Object.fromEntries(TENDERS.map((tender) => [tender, { count: 0, gross: 0, refunded: 0, net: 0 }])) as ReportTotals['tenders'],
    refundsPaidOut: noSales(),
    refundsWaiting: noSales(),
    stripeFees: 0,
    stripeFeesUnknown: 0,
    stripeNetPayout: 0,
  };
}

/** Adds `day` into `sum` (a period's totals are its days' totals added up). */
export function addTotals(sum: ReportTotals, day: ReportTotals): void {
  for (const status of SALE_STATUSES) {
    sum.byStatus[status].count += day.byStatus[status].count;
    sum.byStatus[status].amount += day.byStatus[status].amount;
  }
  sum.paid.count += day.paid.count;
  sum.paid.amount += day.paid.amount;
  sum.refunded.count += day.refunded.count;
  sum.refunded.amount += day.refunded.amount;
  sum.net += day.net;
  for (const tender of TENDERS) {
    for (const key of ['count', 'gross', 'refunded', 'net'] as const) sum.tenders[tender][key] += day.tenders[tender][key];
  }
  for (const key of ['refundsPaidOut', 'refundsWaiting'] as const) {
    sum[key].count += day[key].count;
    sum[key].amount += day[key].amount;
  }
  sum.stripeFees += day.stripeFees;
  sum.stripeFeesUnknown += day.stripeFeesUnknown;
  sum.stripeNetPayout += day.stripeNetPayout;
}

export interface TotalsQuery {
  scope: LedgerScope;
  tillId: string | null;
}

interface StatusRow {
  status: SaleStatus;
  tender: Tender;
  count: number;
  amount: number;
  /** Stripe's fees known, and how many sales have one (only paid PromptPay sales do). */
  fees: number;
  feesKnown: number;
}

interface RefundRow {
  status: string;
  tender: Tender;
  count: number;
  amount: number;
}

/** Refunds handed over to the customer; the other counted ones still wait (bank details, processing). */
const PAID_OUT_REFUND_STATUS = 'succeeded';

/**
 * The totals of each day in `days` (same order): a sale counts on the day it was created, a refund on its
 * own creation day, under its own tender (a cash refund comes out of the drawer whatever paid the sale).
 */
export function totalsOfDays(db: LedgerDb, days: readonly DayBounds[], query: TotalsQuery): ReportTotals[] {
  const till = query.tillId === null ? '' : ' AND till_id = @tillId';
  // Every status and tender named, so each pair is one range read of the index in its order, with no
  // sort and no table rows (migration 010).
  const byStatus = db.prepare(`SELECT status, tender, count(*) AS count, coalesce(sum(amount), 0) AS amount,
      coalesce(sum(stripe_fee), 0) AS fees, count(stripe_fee) AS feesKnown
    FROM sales INDEXED BY sales_by_scope_status_tender
    WHERE ${scopeSql()} AND status IN (${SALE_STATUSES.map((status) => `'${status}'`).join(', ')})
      AND tender IN (${TENDERS.map((tender) => `'${tender}'`).join(', ')})
      AND created_at >= @startsAt AND created_at < @endsAt${till} GROUP BY status, tender`);
  const refunds = db.prepare(`SELECT r.status, r.tender, count(*) AS count, coalesce(sum(r.amount), 0) AS amount FROM refunds r
    WHERE r.created_at >= @startsAt AND r.created_at < @endsAt AND r.status IN ${COUNTED_REFUND_STATUSES}${till ? ' AND r.till_id = @tillId' : ''}
      AND EXISTS (SELECT 1 FROM sales s WHERE s.id = r.sale_id AND ${scopeSql('s')})
    GROUP BY r.status, r.tender`);
  const fixed = { ...scopeParams(query.scope), ...(query.tillId === null ? {} : { tillId: query.tillId }) };
  return days.map(({ startsAt, endsAt }) => {
    const bind = { ...fixed, startsAt, endsAt };
    const totals = emptyTotals();
    for (const row of byStatus.all(bind) as StatusRow[]) {
      totals.byStatus[row.status].count += row.count;
      totals.byStatus[row.status].amount += row.amount;
      if (row.status !== 'succeeded') continue;
      totals.tenders[row.tender].count = row.count;
      totals.tenders[row.tender].gross = row.amount;
      if (row.tender !== 'promptpay') continue;
      totals.stripeFees = row.fees;
      totals.stripeFeesUnknown = row.count - row.feesKnown;
    }
    totals.paid = { ...totals.byStatus.succeeded };
    for (const row of refunds.all(bind) as RefundRow[]) {
      totals.refunded.count += row.count;
      totals.refunded.amount += row.amount;
      totals.tenders[row.tender].refunded += row.amount;
      const split = row.status === PAID_OUT_REFUND_STATUS ? totals.refundsPaidOut : totals.refundsWaiting;
      split.count += row.count;
      split.amount += row.amount;
    }
    totals.net = totals.paid.amount - totals.refunded.amount;
    for (const tender of TENDERS) totals.tenders[tender].net = totals.tenders[tender].gross - totals.tenders[tender].refunded;
    totals.stripeNetPayout = totals.tenders.promptpay.net - totals.stripeFees;
    return totals;
  });
}
