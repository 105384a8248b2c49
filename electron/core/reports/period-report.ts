// Week and month reports: a row per business day of [from, to] in the shop's time zone, days without
// sales included (all zero), and the period's totals. Each row is exactly the daily report's totals
// for that day (the same queries, report-totals.ts) and the period's totals are their sum, so a month
// adds up to its days however sales, refunds and DST fall.
import { businessDaysInRange, MAX_PERIOD_REPORT_DAYS } from '../../../shared/pos-contract';
import type { PeriodReport } from '../../../shared/manager-types';
import { PosError } from '../../../shared/pos-error';
import type { LedgerDb } from '../ledger/open-ledger';
import { ledgerScope, type LedgerScope } from '../settings/stripe-binding';
import { dayBounds, daysBetween } from './business-day';
import { addTotals, emptyTotals, totalsOfDays } from './report-totals';

export interface PeriodReportQuery {
  /** First and last business day, YYYY-MM-DD, at most MAX_PERIOD_REPORT_DAYS apart. */
  from: string;
  to: string;
  timeZone: string;
  /** The hour the shop's business day starts (settings; 0 = midnight). */
  dayStartHour?: number;
  tillId?: string | null;
  now?: number;
  /** Whose money: defaults to the ledger's bound mode+account (demo or test never adds to live). */
  scope?: LedgerScope;
}

export function periodReport(db: LedgerDb, query: PeriodReportQuery): PeriodReport {
  // The operation's schema refuses these already; the core does not trust that it was asked that way.
  const length = businessDaysInRange(query.from, query.to);
  if (!(length >= 1 && length <= MAX_PERIOD_REPORT_DAYS)) {
    throw new PosError('invalid_input', `to: a period report covers 1 to ${MAX_PERIOD_REPORT_DAYS} days, from its first day to its last`, 'to');
  }
  const tillId = query.tillId ?? null;
  const scope = query.scope ?? ledgerScope(db);
  const dayStartHour = query.dayStartHour ?? 0;
  const days = daysBetween(query.from, query.to).map((date) => ({ date, ...dayBounds(date, query.timeZone, dayStartHour) }));
  const totals = emptyTotals();
  const rows = totalsOfDays(db, days, { scope, tillId }).map((dayTotals, i) => {
    addTotals(totals, dayTotals);
    return { date: days[i].date, startsAt: days[i].startsAt, endsAt: days[i].endsAt, ...dayTotals };
  });
  return {
    from: query.from,
    to: query.to,
    mode: scope.mode,
    account: scope.account,
    timeZone: query.timeZone,
    tillId,
    startsAt: days[0].startsAt,
    endsAt: days[days.length - 1].endsAt,
    dayStartHour,
    days: rows,
    totals,
    generatedAt: query.now ?? Date.now(),
  };
}
