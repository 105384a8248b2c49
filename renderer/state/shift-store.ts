// The till's shift on the cashier's side: the open shift (live from shift.updated), and the dialogs
// that open it, move cash in or out, and close it with the counted cash.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MessageKey } from '../../shared/i18n/translate';
import type { Shift } from '../../shared/manager-types';
import type { PosEvent, PosOperation } from '../../shared/pos-contract';
import type { PosErrorBody } from '../../shared/pos-error';
import type { RendererTransport, TransportErrorBody } from '../transport/renderer-transport';
import { shownError, type ShownError } from './auth-error';

export type CashMovementKind = 'pay_in' | 'pay_out';

/** Which shift dialog is up: open, the shift's panel, a pay-in/out, the count, or the closed shift's summary. */
export type ShiftDialog =
  | null
  | { kind: 'open' }
  | { kind: 'panel' }
  | { kind: 'move'; movement: CashMovementKind }
  | { kind: 'close' }
  | { kind: 'closed'; shift: Shift };

export interface ShiftState {
  /** This till's open shift, or null when none is open. */
  shift: Shift | null;
  /** False until the core has said whether a shift is open (the chip shows nothing meanwhile). */
  loaded: boolean;
  dialog: ShiftDialog;
  busy: boolean;
  error: ShownError | null;
}

export interface ShiftActions {
  load(): Promise<void>;
  onEvent(event: PosEvent): void;
  show(dialog: Exclude<ShiftDialog, null | { kind: 'closed' }>): void;
  dismiss(): void;
  open(float: number): Promise<boolean>;
  move(kind: CashMovementKind, amount: number, reason: string): Promise<boolean>;
  close(countedCash: number, note?: string): Promise<boolean>;
}

export type ShiftStore = StoreApi<ShiftState & ShiftActions>;

// A conflict means the drawer is not in the state the dialog assumed (another window opened or closed
// the shift): say which, in the screen's language, rather than "already finished".
const CONFLICT_KEY: Partial<Record<PosOperation, MessageKey>> = {
  'shifts.open': 'shift.error.alreadyOpen',
  'shifts.cashMovement': 'shift.error.noneOpen',
  'shifts.close': 'shift.error.noneOpen',
};

export function shiftError(op: PosOperation, error: PosErrorBody | TransportErrorBody): ShownError {
  const shown = shownError(error);
  const key = error.code === 'conflict' ? CONFLICT_KEY[op] : undefined;
  return key ? { ...shown, key } : shown;
}

export function createShiftStore({ transport }: { transport: RendererTransport }): ShiftStore {
  return createStore<ShiftState & ShiftActions>()((set, get) => {
    // Answers and events may cross: a load started before an event must not put an older shift back.
    let version = 0;
    const done = (shift: Shift | null, dialog: ShiftDialog): true => {
      version += 1;
      set({ shift, loaded: true, busy: false, error: null, dialog });
      return true;
    };
    const refused = (op: PosOperation, error: PosErrorBody | TransportErrorBody): false => {
      set({ busy: false, error: shiftError(op, error) });
      // A conflict says our picture of the drawer is stale: read it again.
      if (error.code === 'conflict') void get().load();
      return false;
    };
    return {
      shift: null,
      loaded: false,
      dialog: null,
      busy: false,
      error: null,
      async load() {
        const mine = ++version;
        const result = await transport.call('shifts.current', {});
        if (mine !== version) return;
        if (result.ok) set({ shift: result.value, loaded: true });
      },
      onEvent(event) {
        if (event.type !== 'shift.updated') return;
        version += 1;
        set({ shift: event.data, loaded: true });
      },
      show(dialog) {
        set({ dialog, error: null });
      },
      dismiss() {
        if (!get().busy) set({ dialog: null, error: null });
      },
      async open(float) {
        if (get().busy) return false;
        set({ busy: true, error: null });
        const result = await transport.call('shifts.open', { float });
        return result.ok ? done(result.value, null) : refused('shifts.open', result.error);
      },
      async move(kind, amount, reason) {
        if (get().busy) return false;
        set({ busy: true, error: null });
        const result = await transport.call('shifts.cashMovement', { kind, amount, reason });
        return result.ok ? done(result.value, { kind: 'panel' }) : refused('shifts.cashMovement', result.error);
      },
      async close(countedCash, note) {
        if (get().busy) return false;
        set({ busy: true, error: null });
        const trimmed = note?.trim();
        const result = await transport.call('shifts.close', trimmed ? { countedCash, note: trimmed } : { countedCash });
        return result.ok ? done(null, { kind: 'closed', shift: result.value }) : refused('shifts.close', result.error);
      },
    };
  });
}
