// Customer displays on the till's side: the pairing code a cashier shows (big, with its countdown),
// and the manager's list of paired tablets with Unpair.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { DisplayPairingCode, PairedDisplay } from '../../shared/manager-types';
import type { RendererTransport } from '../transport/renderer-transport';
import { shownError, type ShownError } from './auth-error';

export interface DisplaysState {
  /** The code on screen, or null while none was asked for (or the dialog is closed). */
  code: DisplayPairingCode | null;
  codeOpen: boolean;
  codeLoading: boolean;
  codeError: ShownError | null;
  displays: PairedDisplay[];
  loading: boolean;
  /** The display being unpaired right now. */
  unpairing: string | null;
  error: ShownError | null;
}

export interface DisplaysActions {
  /** Opens the code dialog with a fresh code. */
  openCode(): Promise<void>;
  /** A fresh code (the one before stops working). */
  newCode(): Promise<void>;
  closeCode(): void;
  load(): Promise<void>;
  unpair(displayId: string): Promise<void>;
}

export type DisplaysStore = StoreApi<DisplaysState & DisplaysActions>;

/** Whether a code has run out at `now` (the dialog then offers a new one). */
export function isCodeExpired(code: DisplayPairingCode | null, now: number): boolean {
  return code !== null && code.expiresAt <= now;
}

export function createDisplaysStore({ transport }: { transport: RendererTransport }): DisplaysStore {
  return createStore<DisplaysState & DisplaysActions>()((set, get) => {
    const newCode = async (): Promise<void> => {
      set({ codeLoading: true, codeError: null });
      const result = await transport.call('displays.pairingCode', {});
      // Closed while the code was on its way: do not pop it back up.
      if (!get().codeOpen) return set({ codeLoading: false });
      if (result.ok) set({ code: result.value, codeLoading: false });
      else set({ code: null, codeLoading: false, codeError: shownError(result.error) });
    };
    return {
      code: null,
      codeOpen: false,
      codeLoading: false,
      codeError: null,
      displays: [],
      loading: false,
      unpairing: null,
      error: null,
      async openCode() {
        set({ codeOpen: true, code: null });
        await newCode();
      },
      newCode,
      closeCode() {
        set({ codeOpen: false, code: null, codeError: null, codeLoading: false });
      },
      async load() {
        set({ loading: true, error: null });
        const result = await transport.call('displays.list', {});
        if (result.ok) set({ displays: result.value, loading: false });
        else set({ loading: false, error: shownError(result.error) });
      },
      async unpair(displayId) {
        if (get().unpairing) return;
        set({ unpairing: displayId, error: null });
        const result = await transport.call('displays.unpair', { displayId });
        if (result.ok) set({ displays: result.value, unpairing: null });
        else set({ unpairing: null, error: shownError(result.error) });
      },
    };
  });
}
