// The chain's daily and monthly reports: each till's totals, each shop's, the chain's, with the till's
// own report definitions (electron/core/reports/report-totals.ts): a sale counts on the business day it
// was created (the till computed it in its shop's zone from its day start hour), under its status; paid
// is succeeded; a tender's count and gross are its paid sales; a refund counts on its own business day
// under its own tender, pending and waiting-on-the-customer ones included (refundsWaiting), so
// net = paid − refunded, per tender and overall. A till's row here equals its own reports.daily.
import type { DayRange, GroupRow, HeadOfficeStore, TillRow } from './head-office-store';
import { SALE_STATUSES, TENDERS, type Mode, type SaleStatus, type Tender } from './wire-schema';

export interface AmountCount {
  count: number;
  amount: number;
}

export interface TenderTotals {
  count: number;
  gross: number;
  refunded: number;
  net: number;
}

export interface Totals {
  byStatus: Record<SaleStatus, AmountCount>;
  paid: AmountCount;
  refunded: AmountCount;
  net: number;
  tenders: Record<Tender, TenderTotals>;
  refundsPaidOut: AmountCount;
  refundsWaiting: AmountCount;
}

export interface TillReport {
  tillId: string;
  /** The shop's zone and day start as the till last sent them (its business days are computed there). */
  timeZone: string;
  dayStartHour: number;
  /** When head office last heard from the till: a till offline since may still have sales to send. */
  lastReceivedAt: string;
  totals: Totals;
}

export interface ShopReport {
  shopId: string;
  totals: Totals;
  tills: TillReport[];
}

export interface ChainReport {
  kind: 'daily' | 'monthly';
  mode: Mode;
  /** First and last business day covered (the same day for a daily report). */
  from: string;
  to: string;
  totals: Totals;
  shops: ShopReport[];
  /** Monthly: the chain's totals for each business day of the month (days without sales are zero). */
  days?: { date: string; totals: Totals }[];
  generatedAt: string;
}

export function emptyTotals(): Totals {
  const none = () => ({ count: 0, amount: 0 });
  return {
    byStatus: Object.fromEntries(SALE_STATUSES.map((status) => [status, none()])) as Record<SaleStatus, AmountCount>,
    paid: none(),
    refunded: none(),
    net: 0,
    tenders: Object.fromEntries(TENDERS.map((tender) => [tender, { count: 0, gross: 0, refunded: 0, net: 0 }])) as Record<Tender, TenderTotals>,
    refundsPaidOut: none(),
    refundsWaiting: none(),
  };
}

function addSales(totals: Totals, row: GroupRow): void {
  const status = row.status as SaleStatus;
  if (!(status in totals.byStatus)) return;
  totals.byStatus[status].count += row.count;
  totals.byStatus[status].amount += row.amount;
  if (status !== 'succeeded') return;
  totals.paid.count += row.count;
  totals.paid.amount += row.amount;
  totals.tenders[row.tender].count += row.count;
  totals.tenders[row.tender].gross += row.amount;
  totals.tenders[row.tender].net += row.amount;
  totals.net += row.amount;
}

function addRefunds(totals: Totals, row: GroupRow): void {
  totals.refunded.count += row.count;
  totals.refunded.amount += row.amount;
  totals.tenders[row.tender].refunded += row.amount;
  totals.tenders[row.tender].net -= row.amount;
  totals.net -= row.amount;
  const split = row.status === 'succeeded' ? totals.refundsPaidOut : totals.refundsWaiting;
  split.count += row.count;
  split.amount += row.amount;
}

/** Every business day from `from` to `to` inclusive. */
function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = Date.parse(`${from}T00:00:00Z`); ; day += 86_400_000) {
    const date = new Date(day).toISOString().slice(0, 10);
    if (date > to) return days;
    days.push(date);
  }
}

export function lastDayOfMonth(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return new Date(Date.UTC(year, monthNumber, 0)).toISOString().slice(0, 10);
}

export async function chainReport(store: HeadOfficeStore, kind: 'daily' | 'monthly', range: DayRange, now: number): Promise<ChainReport> {
  const [sales, refunds, tills] = await Promise.all([store.saleGroups(range), store.refundGroups(range), store.tills()]);
  const chain = emptyTotals();
  const byDay = new Map<string, Totals>(kind === 'monthly' ? daysBetween(range.from, range.to).map((date) => [date, emptyTotals()]) : []);
  const shops = new Map<string, ShopReport>();
  const tillReports = new Map<string, TillReport>();
  const tillOf = (shopId: string, tillId: string, known?: TillRow): TillReport => {
    const key = `${shopId}/${tillId}`;
    let till = tillReports.get(key);
    if (!till) {
      let shop = shops.get(shopId);
      if (!shop) {
        shop = { shopId, totals: emptyTotals(), tills: [] };
        shops.set(shopId, shop);
      }
      till = {
        tillId,
        timeZone: known?.timeZone ?? '',
        dayStartHour: known?.dayStartHour ?? 0,
        lastReceivedAt: new Date(known?.lastReceivedAt ?? 0).toISOString(),
        totals: emptyTotals(),
      };
      shop.tills.push(till);
      tillReports.set(key, till);
    }
    return till;
  };
  // Every till head office knows is listed, with zeros on a day it sold nothing.
  for (const till of tills) tillOf(till.shopId, till.tillId, till);
  const apply = (rows: GroupRow[], add: (totals: Totals, row: GroupRow) => void) => {
    for (const row of rows) {
      add(tillOf(row.shopId, row.tillId).totals, row);
      add(shops.get(row.shopId)!.totals, row);
      add(chain, row);
      const day = byDay.get(row.businessDate);
      if (day) add(day, row);
    }
  };
  apply(sales, addSales);
  apply(refunds, addRefunds);
  const ordered = [...shops.values()].sort((a, b) => a.shopId.localeCompare(b.shopId));
  for (const shop of ordered) shop.tills.sort((a, b) => a.tillId.localeCompare(b.tillId));
  return {
    kind,
    mode: range.mode,
    from: range.from,
    to: range.to,
    totals: chain,
    shops: ordered,
    ...(kind === 'monthly' ? { days: [...byDay.entries()].map(([date, totals]) => ({ date, totals })) } : {}),
    generatedAt: new Date(now).toISOString(),
  };
}
