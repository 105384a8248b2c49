// The app's own update as the till sees it: updates.status on load (and on reconnecting), then its
// event; Install now asks for a manager (PIN dialog for a cashier) and says plainly when a sale is in the way.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PosEvent, PosOperation } from '../../shared/pos-contract';
import type { UpdateStatus } from '../../shared/setup';
import type { RendererTransport } from '../transport/renderer-transport';
import { shownError, type ShownError } from './auth-error';

export interface UpdateState {
  status: UpdateStatus | null;
  /** Install now was accepted: the till is closing for the installer. */
  installing: boolean;
  busy: boolean;
  /** Why Install now was refused (a sale waiting for payment, most often). */
  error: ShownError | null;
}

export interface UpdateActions {
  /** Loads the status and follows its event; returns the stop function. */
  start(): () => void;
  install(): Promise<void>;
}

export type UpdateStore = StoreApi<UpdateState & UpdateActions>;

/** The strip shows only an update waiting to be installed: checks and downloads stay off the till. */
export function readyVersion(status: UpdateStatus | null): string | null {
  return status?.available && status.state === 'ready' ? status.readyVersion : null;
}

export function createUpdateStore(options: {
  transport: RendererTransport;
  /** The auth store's ensureManager: a cashier gets the manager PIN dialog first. */
  ensureManager: (op: PosOperation) => Promise<boolean>;
}): UpdateStore {
  const { transport } = options;
  return createStore<UpdateState & UpdateActions>()((set, get) => ({
    status: null,
    installing: false,
    busy: false,
    error: null,
    start() {
      const stop = transport.subscribe((event: PosEvent) => {
        if (event.type === 'updates.updated') set({ status: event.data, error: null });
      });
      const load = async (): Promise<void> => {
        const result = await transport.call('updates.status', {});
        if (result.ok) set({ status: result.value });
      };
      // Called at once with the current state, then on every change: a reconnect re-reads the status.
      const stopConnection = transport.onConnectionChange((state) => {
        if (state === 'connected') void load();
      });
      return () => {
        stop();
        stopConnection();
      };
    },
    async install() {
      if (get().busy || get().installing || !readyVersion(get().status)) return;
      set({ busy: true, error: null });
      if (!(await options.ensureManager('updates.install'))) return set({ busy: false });
      const result = await transport.call('updates.install', {});
      if (result.ok) return set({ busy: false, installing: true, status: result.value });
      const saleInProgress = result.error.code === 'conflict' && result.error.details?.setupProblem === 'sale_in_progress';
      set({ busy: false, error: saleInProgress ? { key: 'updates.saleInProgress', detail: null } : shownError(result.error) });
    },
  }));
}
