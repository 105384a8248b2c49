// The header's payment path indicator: payments.path on load, then its event.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PaymentPathStatus, PosEvent } from '../../shared/pos-contract';
import type { RendererTransport } from '../transport/renderer-transport';

export interface PaymentPathState {
  path: PaymentPathStatus | null;
  start(): () => void;
}

export type PaymentPathStore = StoreApi<PaymentPathState>;

export function createPaymentPathStore({ transport }: { transport: RendererTransport }): PaymentPathStore {
  return createStore<PaymentPathState>()((set) => ({
    path: null,
    start() {
      const stop = transport.subscribe((event: PosEvent) => {
        if (event.type === 'payments.path') set({ path: event.data });
      });
      const load = async (): Promise<void> => {
        const result = await transport.call('payments.path', {});
        if (result.ok) set({ path: result.value });
      };
      void load();
      const stopConnection = transport.onConnectionChange((state) => {
        if (state === 'connected') void load();
      });
      return () => {
        stop();
        stopConnection();
      };
    },
  }));
}
