// The daily report for one business day in the shop's time zone.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DailyReport, ReportPayment, ReportTotals, TenderTotals } from '../../shared/manager-types';
import { isStripeTender, isUnverifiedTender, TENDERS, type Tender } from '../../shared/tender';
import type { RendererTransport } from '../transport/renderer-transport';
import { shownError, type ShownError } from './auth-error';
import { businessDateOf, DEFAULT_TIME_ZONE } from './business-date';

type CashierRow = DailyReport['byCashier'][number];

/**
 * A "by cashier" row for sales another system made through the REST API: the core says so as a fact
 * (`source`), or, from a core that only sends names, by the row having no cashier. The screen words
 * it in the cashier's language; the core's name is never shown for it.
 */
export function isApiRow(row: CashierRow): boolean {
  return row.source !== undefined ? row.source === 'api' : row.cashierId === null;
}

/** A row of the "by tender" table: the tender's money and how far it can be trusted. */
export interface TenderRow extends TenderTotals {
  tender: Tender;
  /** Confirmed by Stripe (promptpay) or the cashier's word (cash is counted in the drawer; manual is unverified). */
  verifiedBy: 'stripe' | 'drawer' | 'cashier';
}

/** Every tender, always in the same order (PromptPay through Stripe first), with its trust level. */
export function tenderRows(totals: Pick<ReportTotals, 'tenders'>): TenderRow[] {
  return TENDERS.map((tender) => ({
    tender,
    ...totals.tenders[tender],
    verifiedBy: isStripeTender(tender) ? 'stripe' : isUnverifiedTender(tender) ? 'cashier' : 'drawer',
  }));
}

/** What Stripe pays out for the PromptPay sales: their net, Stripe's fees, and how many fees are still unknown. */
export function stripePayout(totals: ReportTotals): { net: number; fees: number; payout: number; feesUnknown: number } {
  return { net: totals.tenders.promptpay.net, fees: totals.stripeFees, payout: totals.stripeNetPayout, feesUnknown: totals.stripeFeesUnknown };
}

/**
 * How a payment in the list was paid. A core from before tenders sends none: those were all PromptPay
 * through Stripe (the only tender there was).
 */
export function paymentTender(payment: ReportPayment): Tender {
  const tender = 'tender' in payment ? payment.tender : undefined;
  return (TENDERS as readonly unknown[]).includes(tender) ? (tender as Tender) : 'promptpay';
}

/** The report's hours in the order of its business day: from the start hour round to the hour before it. */
export function hoursFrom(dayStartHour: number): number[] {
  return Array.from({ length: 24 }, (_, i) => (dayStartHour + i) % 24);
}

/** The business day's start hour a report was made with (a core from before the setting: midnight). */
export function reportDayStartHour(report: object): number {
  const hour = 'dayStartHour' in report ? report.dayStartHour : undefined;
  return typeof hour === 'number' && Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : 0;
}

export interface ReportState {
  date: string;
  report: DailyReport | null;
  loading: boolean;
  error: ShownError | null;
}

export interface ReportActions {
  setDate(date: string): void;
  load(): Promise<void>;
}

export type ReportStore = StoreApi<ReportState & ReportActions>;

export function createReportStore(options: {
  transport: RendererTransport;
  timeZone?: () => string;
  dayStartHour?: () => number;
  onTimeZone?: (zone: string) => void;
  now?: () => number;
}): ReportStore {
  const { transport, timeZone = () => DEFAULT_TIME_ZONE, dayStartHour = () => 0, onTimeZone, now = Date.now } = options;
  return createStore<ReportState & ReportActions>()((set, get) => {
    let generation = 0;
    return {
      date: businessDateOf(now(), timeZone(), dayStartHour()),
      report: null,
      loading: false,
      error: null,
      setDate(date) {
        set({ date });
        void get().load();
      },
      async load() {
        const date = get().date;
        if (!date) return;
        const mine = ++generation;
        set({ loading: true, error: null });
        const result = await transport.call('reports.daily', { date });
        if (mine !== generation) return;
        if (!result.ok) {
          set({ loading: false, error: shownError(result.error) });
          return;
        }
        set({ loading: false, report: result.value });
        onTimeZone?.(result.value.timeZone);
      },
    };
  });
}
