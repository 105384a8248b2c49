// The daily report for one business day in the shop's time zone.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DailyReport } from '../../shared/manager-types';
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
  onTimeZone?: (zone: string) => void;
  now?: () => number;
}): ReportStore {
  const { transport, timeZone = () => DEFAULT_TIME_ZONE, onTimeZone, now = Date.now } = options;
  return createStore<ReportState & ReportActions>()((set, get) => {
    let generation = 0;
    return {
      date: businessDateOf(now(), timeZone()),
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
