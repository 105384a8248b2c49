// The manager's list of people who use the till: add, change role, deactivate, reset a PIN.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MessageKey } from '../../shared/i18n/translate';
import type { Cashier, Role } from '../../shared/manager-types';
import type { PosInput } from '../../shared/pos-contract';
import type { RendererTransport } from '../transport/renderer-transport';
import { shownError, type ShownError } from './auth-error';
import { isCompletePin } from './pin-entry';

export interface NewCashierForm {
  name: string;
  role: Role;
  pin: string;
}

export interface PeopleState {
  cashiers: Cashier[];
  loading: boolean;
  error: ShownError | null;
  form: NewCashierForm;
  formProblem: MessageKey | null;
  saving: boolean;
  /** The cashier whose PIN is being reset, with the new PIN typed so far. */
  resetting: { cashierId: string; pin: string; problem: MessageKey | null } | null;
  /** A short confirmation after a change ("PIN reset for Nok"). */
  notice: { key: MessageKey; name: string } | null;
}

export interface PeopleActions {
  load(): Promise<void>;
  setForm(patch: Partial<NewCashierForm>): void;
  create(): Promise<void>;
  setActive(cashierId: string, active: boolean): Promise<void>;
  setRole(cashierId: string, role: Role): Promise<void>;
  startReset(cashierId: string): void;
  setResetPin(pin: string): void;
  cancelReset(): void;
  submitReset(): Promise<void>;
}

export type PeopleStore = StoreApi<PeopleState & PeopleActions>;

const EMPTY_FORM: NewCashierForm = { name: '', role: 'cashier', pin: '' };

export function newCashierProblem(form: NewCashierForm): MessageKey | null {
  if (form.name.trim() === '') return 'auth.setup.nameRequired';
  if (!isCompletePin(form.pin)) return 'auth.pinLength';
  return null;
}

export function createPeopleStore({ transport }: { transport: RendererTransport }): PeopleStore {
  return createStore<PeopleState & PeopleActions>()((set, get) => {
    const replace = (updated: Cashier): void => {
      set({ cashiers: get().cashiers.map((row) => (row.cashierId === updated.cashierId ? updated : row)) });
    };
    const update = async (input: PosInput<'cashiers.update'>, notice: MessageKey): Promise<boolean> => {
      set({ error: null, notice: null });
      const result = await transport.call('cashiers.update', input);
      if (!result.ok) {
        set({ error: shownError(result.error) });
        return false;
      }
      replace(result.value);
      set({ notice: { key: notice, name: result.value.name } });
      return true;
    };
    return {
      cashiers: [],
      loading: false,
      error: null,
      form: { ...EMPTY_FORM },
      formProblem: null,
      saving: false,
      resetting: null,
      notice: null,

      async load() {
        set({ loading: true, error: null });
        const result = await transport.call('cashiers.list', {});
        if (!result.ok) {
          set({ loading: false, error: shownError(result.error) });
          return;
        }
        set({ loading: false, cashiers: result.value });
      },
      setForm(patch) {
        const next = { ...get().form, ...patch };
        next.pin = next.pin.replace(/\D/g, '').slice(0, 6);
        set({ form: next, formProblem: null });
      },
      async create() {
        const { form, saving } = get();
        if (saving) return;
        const problem = newCashierProblem(form);
        if (problem) {
          set({ formProblem: problem });
          return;
        }
        set({ saving: true, error: null, notice: null });
        const result = await transport.call('cashiers.create', { name: form.name.trim(), role: form.role, pin: form.pin });
        set({ saving: false });
        if (!result.ok) {
          set({ error: shownError(result.error) });
          return;
        }
        set({ cashiers: [...get().cashiers, result.value], form: { ...EMPTY_FORM }, notice: { key: 'people.added', name: result.value.name } });
      },
      async setActive(cashierId, active) {
        await update({ cashierId, active }, active ? 'people.reactivated' : 'people.deactivated');
      },
      async setRole(cashierId, role) {
        await update({ cashierId, role }, 'people.roleChanged');
      },
      startReset(cashierId) {
        set({ resetting: { cashierId, pin: '', problem: null }, notice: null });
      },
      setResetPin(pin) {
        const resetting = get().resetting;
        if (resetting) set({ resetting: { ...resetting, pin: pin.replace(/\D/g, '').slice(0, 6), problem: null } });
      },
      cancelReset() {
        set({ resetting: null });
      },
      async submitReset() {
        const resetting = get().resetting;
        if (!resetting) return;
        if (!isCompletePin(resetting.pin)) {
          set({ resetting: { ...resetting, problem: 'auth.pinLength' } });
          return;
        }
        if (await update({ cashierId: resetting.cashierId, pin: resetting.pin }, 'people.pinReset')) set({ resetting: null });
      },
    };
  });
}
