// Sales by item: today, a preset week or month, or a range of business days, read with reports.items;
// the rows sorted by gross or quantity, by item or by category (the screen's choice, not the core's).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ItemSalesReport, ItemSalesRow } from '../../shared/catalog';
import type { RendererTransport } from '../transport/renderer-transport';
import { shownError, type ShownError } from './auth-error';
import { businessDateOf, DEFAULT_TIME_ZONE, periodRange, presetRange, type PeriodPreset, type RangeProblem } from './business-date';

export type ItemSalesPreset = 'today' | PeriodPreset;
export type ItemSalesSort = 'gross' | 'quantity';

export interface ItemSalesState {
  preset: ItemSalesPreset | 'custom';
  from: string;
  to: string;
  report: ItemSalesReport | null;
  loading: boolean;
  error: ShownError | null;
  problem: RangeProblem | null;
  sort: ItemSalesSort;
  view: 'items' | 'categories';
}

export interface ItemSalesActions {
  choose(preset: ItemSalesPreset): void;
  setFrom(date: string): void;
  setTo(date: string): void;
  setSort(sort: ItemSalesSort): void;
  setView(view: 'items' | 'categories'): void;
  load(): Promise<void>;
  today(): string;
}

export type ItemSalesStore = StoreApi<ItemSalesState & ItemSalesActions>;

/** Item rows in the chosen order; the amount-only row ("no items") stays last whatever the order. */
export function sortedItemRows(rows: readonly ItemSalesRow[], sort: ItemSalesSort): ItemSalesRow[] {
  const keyed = rows.filter((row) => row.itemId === null && row.name === '');
  const items = rows.filter((row) => !(row.itemId === null && row.name === ''));
  const by = (row: ItemSalesRow) => (sort === 'gross' ? row.gross : row.quantity);
  return [...items.sort((a, b) => by(b) - by(a) || b.gross - a.gross || a.name.localeCompare(b.name)), ...keyed];
}

export function createItemSalesStore(options: { transport: RendererTransport; timeZone?: () => string; dayStartHour?: () => number; now?: () => number }): ItemSalesStore {
  const { transport, timeZone = () => DEFAULT_TIME_ZONE, dayStartHour = () => 0, now = Date.now } = options;
  const today = (): string => businessDateOf(now(), timeZone(), dayStartHour());
  const rangeOf = (preset: ItemSalesPreset) => (preset === 'today' ? { from: today(), to: today() } : presetRange(preset, today()));
  return createStore<ItemSalesState & ItemSalesActions>()((set, get) => {
    let generation = 0;
    const initial = rangeOf('today');
    return {
      preset: 'today',
      from: initial.from,
      to: initial.to,
      report: null,
      loading: false,
      error: null,
      problem: null,
      sort: 'gross',
      view: 'items',
      today,
      choose(preset) {
        set({ preset, ...rangeOf(preset) });
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
      setSort(sort) {
        set({ sort });
      },
      setView(view) {
        set({ view });
      },
      async load() {
        const { range, problem } = periodRange(get().from, get().to);
        const mine = ++generation;
        if (problem) {
          set({ loading: false, problem, error: null });
          return;
        }
        set({ loading: true, error: null, problem: null });
        const result = await transport.call('reports.items', range);
        if (mine !== generation) return;
        if (!result.ok) set({ loading: false, error: shownError(result.error) });
        else set({ loading: false, report: result.value });
      },
    };
  });
}

const stores = new WeakMap<RendererTransport, ItemSalesStore>();

/** One per transport, following the shop's zone and day start hour as the other reports do. */
export function itemSalesStoreFor(transport: RendererTransport, zone: { timeZone: () => string; dayStartHour: () => number }): ItemSalesStore {
  let store = stores.get(transport);
  if (!store) {
    store = createItemSalesStore({ transport, ...zone });
    stores.set(transport, store);
  }
  return store;
}
