// The catalogue as the screens hold it: the till's items on sale (Items mode) and the manager's whole
// list with saving, CSV import (a dry run first, then the same file saved) and export. One store of
// each per transport, made on first use, so the app's store wiring stays as it is.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Item, ItemImportResult } from '../../shared/catalog';
import type { PosErrorBody } from '../../shared/pos-error';
import type { RendererTransport } from '../transport/renderer-transport';
import { shownError, type ShownError } from './auth-error';

/** The contract's largest page: every item of a shop with hundreds. */
export const ITEM_PAGE = 2000;

export interface ItemDraft {
  id?: string;
  name: string;
  category: string | null;
  price: number;
  sku: string | null;
  active: boolean;
}

export interface ItemImportState {
  fileName: string;
  csv: string;
  /** The dry run's answer (null while it runs). */
  check: ItemImportResult | null;
  saving: boolean;
  /** The saved import's answer. */
  done: ItemImportResult | null;
}

export interface ItemsState {
  items: Item[];
  loaded: boolean;
  loading: boolean;
  error: ShownError | null;
  import: ItemImportState | null;
}

export interface ItemsActions {
  load(): Promise<void>;
  /** Saves an item; answers the core's refusal (the form shows it by field) or null. */
  save(draft: ItemDraft): Promise<PosErrorBody | null>;
  /** Reads a chosen file and dry-runs it. */
  checkImport(fileName: string, csv: string): Promise<void>;
  /** Saves the checked file. */
  confirmImport(): Promise<void>;
  closeImport(): void;
  /** The CSV export (text and file name), or null when refused (the error is shown). */
  exportCsv(): Promise<{ fileName: string; csv: string } | null>;
}

export type ItemsStore = StoreApi<ItemsState & ItemsActions>;

export function createItemsStore(options: { transport: RendererTransport; includeInactive: boolean }): ItemsStore {
  const { transport, includeInactive } = options;
  return createStore<ItemsState & ItemsActions>()((set, get) => {
    let generation = 0;
    return {
      items: [],
      loaded: false,
      loading: false,
      error: null,
      import: null,
      async load() {
        const mine = ++generation;
        set({ loading: true });
        const result = await transport.call('items.list', { limit: ITEM_PAGE, ...(includeInactive ? { includeInactive: true } : {}) });
        if (mine !== generation) return;
        if (result.ok) set({ items: result.value, loaded: true, loading: false, error: null });
        else set({ loading: false, error: shownError(result.error) });
      },
      async save(draft) {
        const result = await transport.call('items.save', {
          ...(draft.id ? { id: draft.id } : {}), name: draft.name, category: draft.category, price: draft.price, sku: draft.sku, active: draft.active,
        });
        if (!result.ok) return result.error;
        await get().load();
        return null;
      },
      async checkImport(fileName, csv) {
        set({ import: { fileName, csv, check: null, saving: false, done: null }, error: null });
        const result = await transport.call('items.import', { csv, dryRun: true });
        if (get().import?.csv !== csv) return;
        if (result.ok) set({ import: { fileName, csv, check: result.value, saving: false, done: null } });
        else set({ import: null, error: shownError(result.error) });
      },
      async confirmImport() {
        const current = get().import;
        if (!current?.check || current.check.errors.length > 0 || current.saving) return;
        set({ import: { ...current, saving: true } });
        const result = await transport.call('items.import', { csv: current.csv });
        if (!result.ok) {
          set({ import: { ...current, saving: false }, error: shownError(result.error) });
          return;
        }
        // A file changed under us between the check and the save is refused whole; show its problems.
        set({ import: { ...current, saving: false, check: result.value.saved ? current.check : result.value, done: result.value.saved ? result.value : null } });
        if (result.value.saved) await get().load();
      },
      closeImport() {
        if (get().import?.saving) return;
        set({ import: null });
      },
      async exportCsv() {
        const result = await transport.call('items.export', {});
        if (result.ok) return result.value;
        set({ error: shownError(result.error) });
        return null;
      },
    };
  });
}

const tillStores = new WeakMap<RendererTransport, ItemsStore>();
const managerStores = new WeakMap<RendererTransport, ItemsStore>();

/** The till's items on sale (Items mode), one per transport. */
export function tillItemsStore(transport: RendererTransport): ItemsStore {
  let store = tillStores.get(transport);
  if (!store) {
    store = createItemsStore({ transport, includeInactive: false });
    tillStores.set(transport, store);
  }
  return store;
}

/** The manager's whole catalogue, off-sale items included, one per transport. A save there refreshes the till's list too. */
export function managerItemsStore(transport: RendererTransport): ItemsStore {
  let store = managerStores.get(transport);
  if (!store) {
    store = createItemsStore({ transport, includeInactive: true });
    managerStores.set(transport, store);
    const till = tillItemsStore(transport);
    store.subscribe((state, before) => {
      if (state.items !== before.items && till.getState().loaded) void till.getState().load();
    });
  }
  return store;
}
