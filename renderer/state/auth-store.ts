// Who is at the till. First run → create the owner's PIN; otherwise pick your name and type your
// PIN; a manager's PIN raises a cashier's session for a moment when a manager-only action needs it.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MessageKey } from '../../shared/i18n/translate';
import type { AuthStatus, CashierDirectoryEntry } from '../../shared/manager-types';
import type { AppInfo, PosOperation } from '../../shared/pos-contract';
import type { RendererTransport } from '../transport/renderer-transport';
import { isSessionLost, pinErrorFor, type ShownError } from './auth-error';
import { isCompletePin, pressPin, setupProblem, type PinKey } from './pin-entry';

export type AuthPhase = 'loading' | 'setup' | 'signIn' | 'signedIn' | 'unreachable';
export type SetupField = 'pin' | 'confirm';

export interface ElevationRequest {
  /** The operation that needed a manager, for the dialog's explanation. */
  op: PosOperation | null;
  pin: string;
  busy: boolean;
  error: ShownError | null;
}

export interface AuthState {
  phase: AuthPhase;
  status: AuthStatus | null;
  info: AppInfo | null;
  directory: CashierDirectoryEntry[];
  selectedId: string | null;
  pin: string;
  setupName: string;
  /** The shop name typed on first run; null until typed (the till's current name stays). */
  setupShopName: string | null;
  setupConfirm: string;
  setupField: SetupField;
  busy: boolean;
  error: ShownError | null;
  /** Why the sign-in screen is showing, when it is not the user's own doing. */
  notice: MessageKey | null;
  elevation: ElevationRequest | null;
}

export interface AuthActions {
  load(): Promise<void>;
  selectCashier(cashierId: string | null): void;
  pressPin(key: PinKey): void;
  setSetupName(name: string): void;
  setSetupShopName(name: string): void;
  focusSetupField(field: SetupField): void;
  /** Enter / the OK key: sign in, or on first run move to "confirm" and then create the owner. */
  submit(): Promise<void>;
  signOut(): Promise<void>;
  handleUnauthorized(): void;
  requestElevation(op: PosOperation | null): Promise<boolean>;
  /** True at once for a manager; a cashier is asked for a manager's PIN first (false if not given). */
  ensureManager(op: PosOperation | null): Promise<boolean>;
  pressElevationPin(key: PinKey): void;
  submitElevation(): Promise<void>;
  cancelElevation(): void;
  /** Manager role in force now (own role, or raised by a manager's PIN and not yet lapsed). */
  isManager(now?: number): boolean;
}

export type AuthStore = StoreApi<AuthState & AuthActions>;

export interface AuthStoreOptions {
  /** The raw transport: auth.* answers are handled here, never by the guard. */
  transport: RendererTransport;
  now?: () => number;
}

export function effectiveManager(status: AuthStatus | null, now: number): boolean {
  if (!status?.user) return false;
  if (status.user.role === 'manager') return true;
  return status.effectiveRole === 'manager' && status.elevatedUntil !== null && status.elevatedUntil > now;
}

export function createAuthStore({ transport, now = Date.now }: AuthStoreOptions): AuthStore {
  return createStore<AuthState & AuthActions>()((set, get) => {
    let elevationWaiters: ((granted: boolean) => void)[] = [];
    let elevationPromise: Promise<boolean> | null = null;

    const settleElevation = (granted: boolean): void => {
      const waiters = elevationWaiters;
      elevationWaiters = [];
      elevationPromise = null;
      set({ elevation: null });
      for (const resolve of waiters) resolve(granted);
    };

    const loadDirectory = async (): Promise<void> => {
      const result = await transport.call('cashiers.directory', {});
      if (!result.ok) {
        set({ error: pinErrorFor(result.error) });
        return;
      }
      const directory = result.value;
      const { selectedId } = get();
      const keep = directory.some((entry) => entry.cashierId === selectedId);
      set({ directory, selectedId: keep ? selectedId : directory.length === 1 ? directory[0].cashierId : null });
    };

    const adoptStatus = async (status: AuthStatus): Promise<void> => {
      if (status.setupRequired) {
        set({ status, phase: 'setup' });
        return;
      }
      if (status.user) {
        set({ status, phase: 'signedIn', pin: '', error: null, notice: null, setupName: '', setupConfirm: '', setupField: 'pin' });
        return;
      }
      set({ status, phase: 'signIn', pin: '' });
      await loadDirectory();
    };

    return {
      phase: 'loading',
      status: null,
      info: null,
      directory: [],
      selectedId: null,
      pin: '',
      setupName: '',
      setupShopName: null,
      setupConfirm: '',
      setupField: 'pin',
      busy: false,
      error: null,
      notice: null,
      elevation: null,

      async load() {
        const [info, status] = await Promise.all([transport.call('app.info', {}), transport.call('auth.status', {})]);
        if (info.ok) set({ info: info.value });
        if (!status.ok) {
          set({ phase: 'unreachable', error: pinErrorFor(status.error) });
          return;
        }
        set({ error: null });
        await adoptStatus(status.value);
      },

      selectCashier(cashierId) {
        set({ selectedId: cashierId, pin: '', error: null });
      },

      pressPin(key) {
        const { phase, busy, setupField } = get();
        if (busy) return;
        if (phase === 'setup') {
          if (setupField === 'pin') set({ pin: pressPin(get().pin, key), error: null });
          else set({ setupConfirm: pressPin(get().setupConfirm, key), error: null });
          return;
        }
        if (phase === 'signIn' && get().selectedId) set({ pin: pressPin(get().pin, key), error: null, notice: null });
      },

      setSetupShopName(name) {
        set({ setupShopName: name.slice(0, 80) });
      },

      setSetupName(name) {
        set({ setupName: name.slice(0, 60), error: null });
      },

      focusSetupField(field) {
        set({ setupField: field, error: null });
      },

      async submit() {
        const state = get();
        if (state.busy) return;
        if (state.phase === 'setup') {
          if (state.setupField === 'pin' && isCompletePin(state.pin) && state.setupConfirm === '') {
            set({ setupField: 'confirm', error: null });
            return;
          }
          const problem = setupProblem(state.setupName, state.pin, state.setupConfirm);
          if (problem) {
            // A mismatch starts the confirmation again; a short PIN goes back to the PIN itself.
            if (problem === 'auth.setup.mismatch') set({ setupConfirm: '', setupField: 'confirm' });
            else if (problem === 'auth.pinLength') set({ setupField: state.setupField === 'confirm' && isCompletePin(state.pin) ? 'confirm' : 'pin' });
            set({ error: { key: problem, detail: null } });
            return;
          }
          set({ busy: true, error: null });
          const result = await transport.call('auth.setupOwner', { name: state.setupName.trim(), pin: state.pin });
          set({ busy: false });
          if (!result.ok) {
            set({ error: pinErrorFor(result.error), setupConfirm: '', setupField: 'confirm' });
            return;
          }
          set({ pin: '', setupConfirm: '' });
          // The owner is signed in now, so the shop name goes through the settings op. Not fatal: the
          // owner exists either way, and the name can be changed later in Settings.
          const shopName = state.setupShopName?.trim();
          const info = get().info;
          if (shopName && info && shopName !== info.shopName) {
            const updated = await transport.call('settings.update', { shopName });
            if (updated.ok) set({ info: { ...info, shopName } });
          }
          await adoptStatus(result.value);
          return;
        }
        if (state.phase !== 'signIn' || !state.selectedId) return;
        if (!isCompletePin(state.pin)) {
          set({ error: { key: 'auth.pinLength', detail: null } });
          return;
        }
        set({ busy: true, error: null, notice: null });
        const result = await transport.call('auth.signIn', { cashierId: state.selectedId, pin: state.pin });
        set({ busy: false, pin: '' });
        if (!result.ok) {
          set({ error: pinErrorFor(result.error) });
          return;
        }
        await adoptStatus(result.value);
      },

      async signOut() {
        if (get().elevation) settleElevation(false);
        set({ busy: true });
        const result = await transport.call('auth.signOut', {});
        set({ busy: false, pin: '', error: null, notice: null });
        if (result.ok) await adoptStatus(result.value);
        else await get().load();
      },

      handleUnauthorized() {
        if (get().phase !== 'signedIn') return;
        if (get().elevation) settleElevation(false);
        set({ phase: 'signIn', status: get().status ? { ...get().status!, user: null, effectiveRole: null, elevatedUntil: null } : null, pin: '', notice: 'auth.sessionEnded' });
        // Ask again: the host may have restarted with a fresh ledger (first run) or simply ended the session.
        void get().load();
      },

      requestElevation(op) {
        if (get().phase !== 'signedIn') return Promise.resolve(false);
        if (!elevationPromise) {
          elevationPromise = new Promise<boolean>((resolve) => elevationWaiters.push(resolve));
          set({ elevation: { op, pin: '', busy: false, error: null } });
        }
        return elevationPromise;
      },

      ensureManager(op) {
        return get().isManager() ? Promise.resolve(true) : get().requestElevation(op);
      },

      pressElevationPin(key) {
        const elevation = get().elevation;
        if (!elevation || elevation.busy) return;
        set({ elevation: { ...elevation, pin: pressPin(elevation.pin, key), error: null } });
      },

      async submitElevation() {
        const elevation = get().elevation;
        if (!elevation || elevation.busy) return;
        if (!isCompletePin(elevation.pin)) {
          set({ elevation: { ...elevation, error: { key: 'auth.pinLength', detail: null } } });
          return;
        }
        set({ elevation: { ...elevation, busy: true, error: null } });
        const result = await transport.call('auth.elevate', { pin: elevation.pin });
        const current = get().elevation;
        if (!current) return;
        if (!result.ok) {
          set({ elevation: { ...current, busy: false, pin: '', error: pinErrorFor(result.error) } });
          if (isSessionLost(result.error)) {
            // The session itself is gone, not the PIN that was wrong.
            settleElevation(false);
            get().handleUnauthorized();
          }
          return;
        }
        set({ status: result.value });
        settleElevation(effectiveManager(result.value, now()));
      },

      cancelElevation() {
        if (get().elevation) settleElevation(false);
      },

      isManager(at = now()) {
        return effectiveManager(get().status, at);
      },
    };
  });
}
