// Exports of a day or a date range as CSV, XLSX or PDF: started by reports.export, followed by
// export.progress events, with a status poll as the fallback when events are not arriving.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ExportFormat, ExportJob } from '../../shared/manager-types';
import type { PosEvent } from '../../shared/pos-contract';
import type { RendererTransport } from '../transport/renderer-transport';
import { shownError, type ShownError } from './auth-error';
import { businessDateOf, DEFAULT_TIME_ZONE, orderedRange } from './business-date';
import { isRunning, upsertJob } from './export-progress';

export const EXPORT_POLL_MS = 1000;

export interface ExportState {
  mode: 'day' | 'range';
  from: string;
  to: string;
  format: ExportFormat;
  starting: boolean;
  error: ShownError | null;
  /** Jobs started from this screen, newest first. */
  jobs: ExportJob[];
}

export interface ExportActions {
  setMode(mode: ExportState['mode']): void;
  setFrom(date: string): void;
  setTo(date: string): void;
  setFormat(format: ExportFormat): void;
  /** Starts an export of the form's dates, or of `day` (the report's export buttons). */
  start(override?: { day: string; format: ExportFormat }): Promise<ExportJob | null>;
  onEvent(event: PosEvent): void;
  /** Polls running jobs (call on a timer); returns how many are still running. */
  poll(): Promise<number>;
}

export type ExportStore = StoreApi<ExportState & ExportActions>;

export function createExportStore(options: { transport: RendererTransport; timeZone?: () => string; dayStartHour?: () => number; now?: () => number }): ExportStore {
  const { transport, timeZone = () => DEFAULT_TIME_ZONE, dayStartHour = () => 0, now = Date.now } = options;
  return createStore<ExportState & ExportActions>()((set, get) => {
    const today = businessDateOf(now(), timeZone(), dayStartHour());
    return {
      mode: 'day',
      from: today,
      to: today,
      format: 'csv',
      starting: false,
      error: null,
      jobs: [],
      setMode(mode) {
        set({ mode, error: null });
      },
      setFrom(date) {
        set({ from: date, error: null });
      },
      setTo(date) {
        set({ to: date, error: null });
      },
      setFormat(format) {
        set({ format, error: null });
      },
      async start(override) {
        if (get().starting) return null;
        const { mode, from, to, format } = get();
        const range = override ? { from: override.day, to: override.day } : mode === 'day' ? { from, to: from } : orderedRange(from, to);
        if (!range.from || !range.to) {
          set({ error: { key: 'export.error.dates', detail: null } });
          return null;
        }
        set({ starting: true, error: null });
        const result = await transport.call('reports.export', { ...range, format: override?.format ?? format });
        set({ starting: false });
        if (!result.ok) {
          set({ error: shownError(result.error) });
          return null;
        }
        set({ jobs: upsertJob(get().jobs, result.value) });
        return result.value;
      },
      onEvent(event) {
        if (event.type !== 'export.progress') return;
        // Only jobs started here (another till's export is not ours to show).
        if (!get().jobs.some((job) => job.id === event.data.id)) return;
        set({ jobs: upsertJob(get().jobs, event.data) });
      },
      async poll() {
        const running = get().jobs.filter(isRunning);
        await Promise.all(
          running.map(async (job) => {
            const result = await transport.call('reports.exportStatus', { jobId: job.id });
            if (result.ok) set({ jobs: upsertJob(get().jobs, result.value) });
          }),
        );
        return get().jobs.filter(isRunning).length;
      },
    };
  });
}
