// Sale history: one business day (or a range), a search box, status and tender filters, pages by cursor.
// Each row carries what has been refunded of it (partly or fully refunded sales say so).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PosEvent } from '../../shared/pos-contract';
import type { SaleSearchRow } from '../../shared/manager-types';
import type { SaleStatus } from '../../shared/sale-status';
import type { Tender } from '../../shared/tender';
import type { RendererTransport } from '../transport/renderer-transport';
import { shownError, type ShownError } from './auth-error';
import { businessDateOf, DEFAULT_TIME_ZONE } from './business-date';
import { mergeSale } from './sale-merge';
import { normalizeQuery } from './search-query';

export const HISTORY_PAGE = 50;

export interface HistoryState {
  date: string;
  query: string;
  status: SaleStatus | '';
  tender: Tender | '';
  sales: SaleSearchRow[];
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: ShownError | null;
  /** The search that produced `sales`, so the list never mixes two searches. */
  shown: { date: string; query: string; status: SaleStatus | ''; tender: Tender | '' } | null;
}

export interface HistoryActions {
  setDate(date: string): void;
  setQuery(query: string): void;
  setStatus(status: SaleStatus | ''): void;
  setTender(tender: Tender | ''): void;
  search(): Promise<void>;
  loadMore(): Promise<void>;
  onEvent(event: PosEvent): void;
  /** Today in the shop's zone (the default day). */
  today(): string;
}

export type HistoryStore = StoreApi<HistoryState & HistoryActions>;

export function createHistoryStore(options: { transport: RendererTransport; timeZone?: () => string; dayStartHour?: () => number; now?: () => number }): HistoryStore {
  const { transport, timeZone = () => DEFAULT_TIME_ZONE, dayStartHour = () => 0, now = Date.now } = options;
  return createStore<HistoryState & HistoryActions>()((set, get) => {
    let generation = 0;
    const inputFor = (date: string, query: string, status: SaleStatus | '', tender: Tender | '', cursor?: string) => {
      const q = normalizeQuery(query);
      return { from: date, to: date, limit: HISTORY_PAGE, ...(q ? { query: q } : {}), ...(status ? { status } : {}), ...(tender ? { tender } : {}), ...(cursor ? { cursor } : {}) };
    };
    return {
      date: businessDateOf(now(), timeZone(), dayStartHour()),
      query: '',
      status: '',
      tender: '',
      sales: [],
      nextCursor: null,
      loading: false,
      loadingMore: false,
      error: null,
      shown: null,

      today: () => businessDateOf(now(), timeZone(), dayStartHour()),
      setDate(date) {
        set({ date });
        void get().search();
      },
      setQuery(query) {
        set({ query: query.slice(0, 100) });
      },
      setStatus(status) {
        set({ status });
        void get().search();
      },
      setTender(tender) {
        set({ tender });
        void get().search();
      },

      async search() {
        const { date, query, status, tender } = get();
        if (!date) return;
        const mine = ++generation;
        set({ loading: true, error: null });
        const result = await transport.call('sales.search', inputFor(date, query, status, tender));
        if (mine !== generation) return;
        if (!result.ok) {
          set({ loading: false, error: shownError(result.error) });
          return;
        }
        set({ loading: false, sales: result.value.sales, nextCursor: result.value.nextCursor, shown: { date, query, status, tender } });
      },

      async loadMore() {
        const { nextCursor, shown, loadingMore } = get();
        if (!nextCursor || !shown || loadingMore) return;
        const mine = generation;
        set({ loadingMore: true });
        const result = await transport.call('sales.search', inputFor(shown.date, shown.query, shown.status, shown.tender, nextCursor));
        if (mine !== generation) return;
        if (!result.ok) {
          set({ loadingMore: false, error: shownError(result.error) });
          return;
        }
        const known = new Set(get().sales.map((sale) => sale.id));
        set({
          loadingMore: false,
          sales: [...get().sales, ...result.value.sales.filter((sale) => !known.has(sale.id))],
          nextCursor: result.value.nextCursor,
        });
      },

      onEvent(event) {
        if (event.type !== 'sale.updated') return;
        const { sales } = get();
        if (!sales.some((sale) => sale.id === event.data.id)) return;
        // The event carries the sale, not its refunds: the row keeps its refunded total.
        set({ sales: sales.map((sale) => (sale.id === event.data.id ? { ...mergeSale(sale, event.data), refunded: sale.refunded } : sale)) });
      },
    };
  });
}
