// The cashier screen's state and actions. Components read it and call actions; every decision lives
// in the pure modules next to this file.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppInfo, PosEvent } from '../../shared/pos-contract';
import type { Lang, MessageKey } from '../../shared/i18n/translate';
import type { KeypadKey } from '../../shared/money';
import type { Sale } from '../../shared/sale';
import type { ConnectionState, RendererTransport } from '../transport/renderer-transport';
import { checkEntry, pressKey } from './amount-entry';
import { canRenew, cashierPhase } from './cashier-view';
import { errorMessageKey } from './error-message';
import { mergeSale, upsertRecent } from './sale-merge';

export const RECENT_LIMIT = 10;

export type SimulateOutcome = 'succeed' | 'fail' | 'expire';

export interface CashierState {
  lang: Lang;
  info: AppInfo | null;
  connection: ConnectionState;
  entry: string;
  description: string;
  /** A problem with the typed amount, shown next to it. */
  amountError: MessageKey | null;
  /** The sale this till is working on; null while typing a new amount. */
  sale: Sale | null;
  charging: boolean;
  pending: 'cancel' | 'simulate' | 'renew' | null;
  /** The last error from the core, shown by the sale panel / charge button. */
  error: MessageKey | null;
  recent: Sale[];
}

export interface CashierActions {
  setLang(lang: Lang): void;
  press(key: KeypadKey): void;
  setDescription(text: string): void;
  charge(): Promise<void>;
  cancel(): Promise<void>;
  newSale(): void;
  /** "New QR": the same sale (amount, note, PaymentIntent) gets a fresh QR after one expired or failed. */
  renew(): Promise<void>;
  simulate(outcome: SimulateOutcome): Promise<void>;
  /** Subscribes to events and loads the till's state; returns the stop function. */
  start(): () => void;
}

export type CashierStore = StoreApi<CashierState & CashierActions>;

export interface CashierStoreOptions {
  transport: RendererTransport;
  lang: Lang;
  persistLang?: (lang: Lang) => void;
  /** A fresh id for one charge attempt (tests may pass a predictable one). */
  newRequestId?: () => string;
}

/** One charge the cashier asked for, with the id that makes a retry of it find the same sale. */
interface ChargeAttempt {
  requestId: string;
  amount: number;
  description: string;
}

/** A random UUID: crypto.randomUUID where the page is a secure context, else built from getRandomValues. */
export function newChargeRequestId(): string {
  const webCrypto = globalThis.crypto;
  if (typeof webCrypto?.randomUUID === 'function') return webCrypto.randomUUID();
  const bytes = webCrypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const AMOUNT_ERROR_CODES = new Set(['amount_too_small', 'amount_too_large']);

export function createCashierStore({ transport, lang, persistLang, newRequestId = newChargeRequestId }: CashierStoreOptions): CashierStore {
  return createStore<CashierState & CashierActions>()((set, get) => {
    // The last charge attempt whose answer never arrived (the till could not be reached). Pressing
    // Charge again for the same amount reuses its requestId, so if the first call did reach the core
    // the retry gets that sale back instead of a second charge. Any other outcome or edit forgets it.
    let unanswered: ChargeAttempt | null = null;
    const adopt = (incoming: Sale): void => {
      const { sale, recent } = get();
      const known = recent.find((row) => row.id === incoming.id) ?? null;
      let merged = mergeSale(known, incoming);
      if (sale && sale.id === incoming.id) merged = mergeSale(sale, merged);
      set({ sale: merged, recent: upsertRecent(recent, merged, RECENT_LIMIT) });
    };

    /**
     * Cancel or New QR on the sale on screen. A refusal (a cancel that lost the race to a payment, a
     * PaymentIntent that can no longer be confirmed) shows its reason and then the sale as it really is.
     */
    const changeSale = async (change: 'cancel' | 'renew', saleId: string): Promise<void> => {
      set({ pending: change, error: null });
      const result = await transport.call(change === 'cancel' ? 'sales.cancel' : 'sales.renew', { saleId });
      set({ pending: null });
      if (result.ok) {
        adopt(result.value);
        return;
      }
      set({ error: errorMessageKey(result.error) });
      const fresh = await transport.call('sales.get', { saleId });
      if (fresh.ok) adopt(fresh.value);
    };

    const onEvent = (event: PosEvent): void => {
      if (event.type !== 'sale.updated') return;
      const incoming = event.data;
      const { sale, recent } = get();
      const next: Partial<CashierState> = { recent: upsertRecent(recent, incoming, RECENT_LIMIT) };
      if (sale && sale.id === incoming.id) next.sale = mergeSale(sale, incoming);
      set(next);
    };

    const load = async (): Promise<void> => {
      const [info, current, list] = await Promise.all([
        transport.call('app.info', {}),
        transport.call('sales.current', {}),
        transport.call('sales.list', { limit: RECENT_LIMIT }),
      ]);
      if (info.ok) set({ info: info.value });
      if (list.ok) {
        let recent = get().recent;
        for (const row of list.value) recent = upsertRecent(recent, row, RECENT_LIMIT);
        set({ recent });
      }
      const { sale, charging } = get();
      if (current.ok && current.value) {
        const value = current.value;
        if (sale && sale.id === value.id) set({ sale: mergeSale(sale, value) });
        // After a restart or reload, an unfinished sale comes back so the cashier can follow or cancel it.
        else if (!sale && !charging && cashierPhase(value, false) === 'awaiting') adopt(value);
      }
      if (sale && (!current.ok || current.value?.id !== sale.id)) {
        const fresh = await transport.call('sales.get', { saleId: sale.id });
        if (fresh.ok) adopt(fresh.value);
      }
      if (!info.ok || !current.ok || !list.ok) {
        const failed = [info, current, list].find((result) => !result.ok);
        if (failed && !failed.ok) set({ error: errorMessageKey(failed.error) });
      } else if (get().error === 'error.till_unreachable') {
        set({ error: null });
      }
    };

    return {
      lang,
      info: null,
      connection: 'connecting',
      entry: '',
      description: '',
      amountError: null,
      sale: null,
      charging: false,
      pending: null,
      error: null,
      recent: [],

      setLang(next) {
        set({ lang: next });
        persistLang?.(next);
      },

      press(key) {
        const { sale, charging, entry } = get();
        if (cashierPhase(sale, charging) !== 'entry') return;
        const next = pressKey(entry, key);
        if (next !== entry) unanswered = null;
        set({ entry: next, amountError: null, error: null });
      },

      setDescription(text) {
        if (cashierPhase(get().sale, get().charging) !== 'entry') return;
        const next = text.slice(0, 200);
        if (next !== get().description) unanswered = null;
        set({ description: next });
      },

      async charge() {
        const { sale, charging, entry, description } = get();
        if (cashierPhase(sale, charging) !== 'entry') return;
        const check = checkEntry(entry);
        if (!check.ok) {
          set({ amountError: check.messageKey, error: null });
          return;
        }
        set({ charging: true, amountError: null, error: null });
        const trimmed = description.trim();
        const attempt: ChargeAttempt =
          unanswered && unanswered.amount === check.satang && unanswered.description === trimmed
            ? unanswered
            : { requestId: newRequestId(), amount: check.satang, description: trimmed };
        unanswered = null;
        const result = await transport.call(
          'sales.charge',
          trimmed
            ? { amount: check.satang, description: trimmed, requestId: attempt.requestId }
            : { amount: check.satang, requestId: attempt.requestId },
        );
        set({ charging: false });
        if (result.ok) {
          adopt(result.value);
          return;
        }
        // No answer: the charge may or may not have reached the core. Keep its id for a retry.
        if ('unreachable' in result.error && result.error.unreachable) unanswered = attempt;
        let key = errorMessageKey(result.error);
        if (key === 'error.stripe_account') {
          // Charges wait on the Stripe account: the till's own state says why (and the banner follows it).
          const info = await transport.call('app.info', {});
          if (info.ok) set({ info: info.value });
          if (info.ok && info.value.stripe.pendingChange) key = 'stripe.chargesPaused';
        }
        if (AMOUNT_ERROR_CODES.has(result.error.code) || result.error.field === 'amount') set({ amountError: key });
        else set({ error: key });
      },

      async cancel() {
        const { sale, pending } = get();
        if (!sale || pending || cashierPhase(sale, false) !== 'awaiting') return;
        await changeSale('cancel', sale.id);
      },

      newSale() {
        const { sale, charging, pending } = get();
        const phase = cashierPhase(sale, charging);
        if (phase === 'awaiting' || phase === 'charging' || pending) return;
        unanswered = null;
        set({ sale: null, entry: '', description: '', amountError: null, error: null });
      },

      async renew() {
        const { sale, pending } = get();
        if (!sale || pending || !canRenew(sale)) return;
        await changeSale('renew', sale.id);
      },

      async simulate(outcome) {
        const { sale, pending, info } = get();
        if (!sale || pending || !info?.demo || cashierPhase(sale, false) !== 'awaiting') return;
        set({ pending: 'simulate', error: null });
        const result = await transport.call('demo.simulate', { saleId: sale.id, outcome });
        set({ pending: null });
        if (result.ok) adopt(result.value);
        else set({ error: errorMessageKey(result.error) });
      },

      start() {
        const stopEvents = transport.subscribe(onEvent);
        const stopConnection = transport.onConnectionChange((state) => {
          set({ connection: state });
          // Events may have been missed before the stream was up, or while it was down: read again.
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
