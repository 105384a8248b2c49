// The manager's Z reports: the numbered, unchangeable close of a till's business day. The list, closing
// a day (said plainly when a shift of that day is still open or the day is already closed), one Z shown.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Lang } from '../../shared/i18n/translate';
import type { ZReport, ZReportFile, ZReportSummary } from '../../shared/manager-types';
import type { RendererTransport } from '../transport/renderer-transport';
import { shownError, type ShownError } from './auth-error';
import { businessDateOf, DEFAULT_TIME_ZONE } from './business-date';

export interface ZReportState {
  reports: ZReportSummary[];
  loading: boolean;
  error: ShownError | null;
  /** The business day "Close the day" would close. */
  date: string;
  closing: boolean;
  closeError: ShownError | null;
  /** The Z report on screen. */
  shown: ZReport | null;
  opening: string | null;
  /** The shown Z as a PDF: a download link (browser) or where the desktop saved it. */
  pdf: ZReportFile | null;
  pdfBusy: boolean;
}

export interface ZReportActions {
  load(): Promise<void>;
  setDate(date: string): void;
  closeDay(): Promise<boolean>;
  show(id: string): Promise<void>;
  hide(): void;
  /** Asks for the shown Z as a PDF in the screen's language; the file's link or path, or null when refused. */
  makePdf(lang: Lang): Promise<ZReportFile | null>;
}

export type ZReportStore = StoreApi<ZReportState & ZReportActions>;

export function createZReportStore(options: {
  transport: RendererTransport;
  timeZone?: () => string;
  /** The hour the shop's business day starts (app.info, settings): before it, today is still yesterday. */
  dayStartHour?: () => number;
  /** This till's id: a Z closes this till's day, so only its shifts can hold it up. */
  tillId?: () => string | null;
  now?: () => number;
}): ZReportStore {
  const { transport, timeZone = () => DEFAULT_TIME_ZONE, dayStartHour = () => 0, tillId = () => null, now = Date.now } = options;
  return createStore<ZReportState & ZReportActions>()((set, get) => {
    let generation = 0;
    return {
      reports: [],
      loading: false,
      error: null,
      date: businessDateOf(now(), timeZone(), dayStartHour()),
      closing: false,
      closeError: null,
      shown: null,
      opening: null,
      pdf: null,
      pdfBusy: false,
      async load() {
        const mine = ++generation;
        set({ loading: true, error: null });
        const result = await transport.call('zreports.list', {});
        if (mine !== generation) return;
        if (result.ok) set({ reports: result.value, loading: false });
        else set({ loading: false, error: shownError(result.error) });
      },
      setDate(date) {
        set({ date, closeError: null });
      },
      async closeDay() {
        const { date, closing } = get();
        if (closing) return false;
        set({ closing: true, closeError: null });
        const till = tillId();
        // Asked first so the refusal can say which shift to close; the core refuses anyway.
        const shifts = await transport.call('shifts.list', till ? { date, tillId: till } : { date });
        const open = shifts.ok ? shifts.value.find((shift) => shift.closedAt === null) : undefined;
        if (open) {
          set({ closing: false, closeError: { key: 'z.error.shiftOpen', detail: null, fact: { key: 'z.error.shiftOpenWhich', vars: { number: open.number } } } });
          return false;
        }
        if (get().reports.some((z) => z.date === date && (till === null || z.tillId === till))) {
          set({ closing: false, closeError: { key: 'z.error.exists', detail: null } });
          return false;
        }
        const result = await transport.call('zreports.create', { date });
        if (!result.ok) {
          const shown = shownError(result.error);
          set({ closing: false, closeError: result.error.code === 'conflict' ? { ...shown, key: 'z.error.refused' } : shown });
          return false;
        }
        set({ closing: false, shown: result.value, pdf: null });
        await get().load();
        return true;
      },
      async show(id) {
        set({ opening: id, error: null, pdf: null });
        const result = await transport.call('zreports.get', { id });
        if (get().opening !== id) return;
        if (result.ok) set({ shown: result.value, opening: null });
        else set({ opening: null, error: shownError(result.error) });
      },
      hide() {
        set({ shown: null, opening: null, pdf: null });
      },
      async makePdf(lang) {
        const { shown, pdfBusy } = get();
        if (!shown || pdfBusy) return null;
        set({ pdfBusy: true, error: null });
        const result = await transport.call('zreports.pdf', { id: shown.id, lang });
        if (get().shown?.id !== shown.id) return null;
        if (!result.ok) {
          set({ pdfBusy: false, error: shownError(result.error) });
          return null;
        }
        set({ pdfBusy: false, pdf: result.value });
        return result.value;
      },
    };
  });
}
