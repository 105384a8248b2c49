// The customer display's state: the sale it follows (sales.current, then sale.updated events).
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Lang } from '../../shared/i18n/translate';
import type { PosEvent } from '../../shared/pos-contract';
import type { Sale } from '../../shared/sale';
import type { ConnectionState, RendererTransport } from '../transport/renderer-transport';
import { nextFinalSince } from './customer-view';
import { followSale } from './sale-merge';

export interface CustomerState {
  lang: Lang;
  shopName: string | null;
  demo: boolean;
  connection: ConnectionState;
  sale: Sale | null;
  /** When this display first showed the sale's final status (its own clock). */
  finalSince: number | null;
}

export interface CustomerActions {
  /** Applies a sale seen at time `seenAt` (defaults to now). */
  apply(sale: Sale, seenAt?: number): void;
  start(): () => void;
}

export type CustomerStore = StoreApi<CustomerState & CustomerActions>;

export interface CustomerStoreOptions {
  transport: RendererTransport;
  lang: Lang;
  now?: () => number;
}

export function createCustomerStore({ transport, lang, now = Date.now }: CustomerStoreOptions): CustomerStore {
  return createStore<CustomerState & CustomerActions>()((set, get) => {
    const apply = (incoming: Sale, seenAt: number = now()): void => {
      const { sale, finalSince } = get();
      const next = followSale(sale, incoming);
      if (next === sale) return;
      set({ sale: next, finalSince: nextFinalSince(sale, next, finalSince, seenAt) });
    };

    const load = async (): Promise<void> => {
      const [info, current] = await Promise.all([transport.call('app.info', {}), transport.call('sales.current', {})]);
      if (info.ok) set({ shopName: info.value.shopName, demo: info.value.demo });
      // A result that finished a while ago should not greet the next customer: date it by the sale.
      if (current.ok && current.value) apply(current.value, Math.min(now(), current.value.updatedAt));
    };

    const onEvent = (event: PosEvent): void => {
      if (event.type === 'sale.updated') apply(event.data);
    };

    return {
      lang,
      shopName: null,
      demo: false,
      connection: 'connecting',
      sale: null,
      finalSince: null,
      apply,
      start() {
        const stopEvents = transport.subscribe(onEvent);
        const stopConnection = transport.onConnectionChange((state) => {
          set({ connection: state });
          // Re-read on every (re)connect: an update sent before the event stream was up would be lost.
          if (state === 'connected') void load();
        });
        void load();
        return () => {
          stopEvents();
          stopConnection();
        };
      },
    };
  });
}
