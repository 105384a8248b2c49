// Approving a changed Stripe account or mode: the till refuses charges until a manager types their
// PIN here (stripe.approveChange, audited by the core). The PIN goes with the call; nothing is kept.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppInfo } from '../../shared/pos-contract';
import type { RendererTransport } from '../transport/renderer-transport';
import { isSessionLost, pinErrorFor, type ShownError } from './auth-error';
import { isCompletePin, pressPin, type PinKey } from './pin-entry';

export interface StripeApprovalState {
  open: boolean;
  pin: string;
  busy: boolean;
  error: ShownError | null;
}

export interface StripeApprovalActions {
  openDialog(): void;
  press(key: PinKey): void;
  submit(): Promise<void>;
  close(): void;
}

export type StripeApprovalStore = StoreApi<StripeApprovalState & StripeApprovalActions>;

export interface StripeApprovalOptions {
  /** The raw transport: a wrong PIN is this dialog's to show, not a reason to sign the till out. */
  transport: RendererTransport;
  onApproved(info: AppInfo): void;
  /** The session itself is gone (not the PIN that was wrong). */
  onSessionLost(): void;
}

export function createStripeApprovalStore({ transport, onApproved, onSessionLost }: StripeApprovalOptions): StripeApprovalStore {
  return createStore<StripeApprovalState & StripeApprovalActions>()((set, get) => ({
    open: false,
    pin: '',
    busy: false,
    error: null,

    openDialog() {
      set({ open: true, pin: '', busy: false, error: null });
    },

    press(key) {
      if (!get().open || get().busy) return;
      set({ pin: pressPin(get().pin, key), error: null });
    },

    async submit() {
      const { open, busy, pin } = get();
      if (!open || busy) return;
      if (!isCompletePin(pin)) {
        set({ error: { key: 'auth.pinLength', detail: null } });
        return;
      }
      set({ busy: true, error: null });
      const result = await transport.call('stripe.approveChange', { pin });
      if (!get().open) return;
      if (!result.ok) {
        set({ busy: false, pin: '', error: pinErrorFor(result.error) });
        if (isSessionLost(result.error)) {
          set({ open: false });
          onSessionLost();
        }
        return;
      }
      set({ open: false, busy: false, pin: '', error: null });
      onApproved(result.value);
    },

    close() {
      if (get().busy) return;
      set({ open: false, pin: '', error: null });
    },
  }));
}
