// The week and month report: a preset (this or last week or month) or a range of business days, read
// with reports.period (a row per day and their totals).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PeriodReport, PeriodReportDay } from '../../shared/manager-types';
import type { RendererTransport } from '../transport/renderer-transport';
import { shownError, type ShownError } from './auth-error';
import { businessDateOf, DEFAULT_TIME_ZONE, periodRange, presetRange, type PeriodPreset, type RangeProblem } from './business-date';

export interface PeriodReportState {
  /** The preset chosen, or 'custom' for dates typed. */
  preset: PeriodPreset | 'custom';
  from: string;
  to: string;
  report: PeriodReport | null;
  loading: boolean;
  error: ShownError | null;
  /** A range the core would refuse, said before asking it. */
  problem: RangeProblem | null;
  /** The by-tender columns are folded away until asked for (the table stays readable on a small till). */
  showTenders: boolean;
}

export interface PeriodReportActions {
  choose(preset: PeriodPreset): void;
  setFrom(date: string): void;
  setTo(date: string): void;
  toggleTenders(): void;
  load(): Promise<void>;
  /** The shop's today, for the date fields' maximum. */
  today(): string;
}

export type PeriodReportStore = StoreApi<PeriodReportState & PeriodReportActions>;

/** A day's bar: its net as a share of the period's largest day (negative net: a refund-heavy day, drawn apart). */
export interface PeriodBar {
  date: string;
  share: number;
  negative: boolean;
}

export function periodBars(days: readonly PeriodReportDay[]): PeriodBar[] {
  const largest = Math.max(0, ...days.map((day) => Math.abs(day.net)));
  return days.map((day) => ({ date: day.date, share: largest === 0 ? 0 : Math.abs(day.net) / largest, negative: day.net < 0 }));
}

/** The day with the most net sales, or null when nothing was sold. */
export function bestDay(days: readonly PeriodReportDay[]): string | null {
  let best: PeriodReportDay | null = null;
  for (const day of days) if (day.net > 0 && (!best || day.net > best.net)) best = day;
  return best ? best.date : null;
}

export function createPeriodReportStore(options: { transport: RendererTransport; timeZone?: () => string; dayStartHour?: () => number; now?: () => number }): PeriodReportStore {
  const { transport, timeZone = () => DEFAULT_TIME_ZONE, dayStartHour = () => 0, now = Date.now } = options;
  const today = (): string => businessDateOf(now(), timeZone(), dayStartHour());
  return createStore<PeriodReportState & PeriodReportActions>()((set, get) => {
    let generation = 0;
    const initial = presetRange('thisWeek', today());
    return {
      preset: 'thisWeek',
      from: initial.from,
      to: initial.to,
      report: null,
      loading: false,
      error: null,
      problem: null,
      showTenders: false,
      today,
      choose(preset) {
        set({ preset, ...presetRange(preset, today()) });
        void get().load();
      },
      setFrom(date) {
        set({ preset: 'custom', from: date });
        void get().load();
      },
      setTo(date) {
        set({ preset: 'custom', to: date });
        void get().load();
      },
      toggleTenders() {
        set({ showTenders: !get().showTenders });
      },
      async load() {
        const { range, problem } = periodRange(get().from, get().to);
        const mine = ++generation;
        if (problem) {
          set({ loading: false, problem, error: null });
          return;
        }
        set({ loading: true, error: null, problem: null });
        const result = await transport.call('reports.period', range);
        if (mine !== generation) return;
        if (!result.ok) {
          set({ loading: false, error: shownError(result.error) });
          return;
        }
        set({ loading: false, report: result.value });
      },
    };
  });
}
