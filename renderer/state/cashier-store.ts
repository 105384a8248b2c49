// The cashier screen's state and actions. Components read it and call actions; every decision lives
// in the pure modules next to this file.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppInfo, PosEvent } from '../../shared/pos-contract';
import type { Lang, MessageKey } from '../../shared/i18n/translate';
import type { KeypadKey } from '../../shared/money';
import type { Sale } from '../../shared/sale';
import { isFinalStatus } from '../../shared/sale-status';
import type { Tender } from '../../shared/tender';
import type { PosErrorBody } from '../../shared/pos-error';
import type { ConnectionState, RendererTransport } from '../transport/renderer-transport';
import { checkEntry, pressKey } from './amount-entry';
import { cashSums, checkHandEntry, pressTendered, satangAsEntry, tenderErrorKey } from './cash-tender';
import { canRenew, cashierPhase } from './cashier-view';
import { errorMessageKey } from './error-message';
import type { Item } from '../../shared/catalog';
import { addToTicket, removeLine, setQuantity, ticketLines, ticketTotal, type TicketLine } from './item-ticket';
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
  /** The tender of the sale being created while `charging` (the button it came from says what is happening). */
  chargingTender: Tender | null;
  /** The cash panel, open after Cash was pressed: the cash handed over as typed, for the amount typed. */
  cash: { tendered: string } | null;
  pending: 'cancel' | 'simulate' | 'renew' | 'confirm' | null;
  /** The last error from the core, shown by the sale panel / charge button. */
  error: MessageKey | null;
  recent: Sale[];
  /** Keypad (an amount typed) or Items (tapped into a ticket); the tenders work the same in both. */
  mode: 'keypad' | 'items';
  /** The ticket being rung up: while it has lines, its total is the amount (`entry`) and the sale carries them. */
  ticket: TicketLine[];
  /** What is typed in Items mode's search (the keyboard types into it from anywhere on the till). */
  itemQuery: string;
}

export interface CashierActions {
  setLang(lang: Lang): void;
  press(key: KeypadKey): void;
  setDescription(text: string): void;
  charge(): Promise<void>;
  /** Cash: opens the cash panel for the typed amount (any amount from 1 satang; no Stripe minimum). */
  openCash(): void;
  /** Back from the cash panel to the amount, which stays as typed. */
  closeCash(): void;
  /** A quick key: the cash received becomes this many satang (a note, or the exact amount). */
  setTendered(satang: number): void;
  /** Records the cash sale (paid at once) with the cash handed over. */
  completeCash(): Promise<void>;
  /** PromptPay confirmed by hand: a sale awaiting payment with the shop's own PromptPay QR. */
  chargeManual(): Promise<void>;
  /** "Payment received" on a hand-confirmed PromptPay sale, after the cashier saw the bank's notification. */
  confirmManual(): Promise<void>;
  cancel(): Promise<void>;
  newSale(): void;
  /** "New QR": the same sale (amount, note, PaymentIntent) gets a fresh QR after one expired or failed. */
  renew(): Promise<void>;
  simulate(outcome: SimulateOutcome): Promise<void>;
  /** Subscribes to events and loads the till's state; returns the stop function. */
  start(): () => void;
  setMode(mode: 'keypad' | 'items'): void;
  /** One more of the item on the ticket. */
  addItem(item: Pick<Item, 'id' | 'name' | 'price'>): void;
  /** A line's quantity (0 removes it). */
  setLineQuantity(index: number, quantity: number): void;
  removeTicketLine(index: number): void;
  clearTicket(): void;
  setItemQuery(query: string): void;
}

export type CashierStore = StoreApi<CashierState & CashierActions>;

export interface CashierStoreOptions {
  transport: RendererTransport;
  lang: Lang;
  persistLang?: (lang: Lang) => void;
  /** A fresh id for one charge attempt (tests may pass a predictable one). */
  newRequestId?: () => string;
}

/** One sale the cashier asked for, with the id that makes a retry of it find the same sale. */
interface ChargeAttempt {
  requestId: string;
  tender: Tender;
  amount: number;
  /** Cash handed over (cash sales only). */
  tendered: number | null;
  description: string;
  /** The ticket's lines, or null for an amount keyed in. */
  lines: TicketLine[] | null;
}

/** A random UUID: crypto.randomUUID where the page is a secure context, else built from getRandomValues. */
export function newChargeRequestId(): string {
  const webCrypto = globalThis.crypto;
  if (typeof webCrypto?.randomUUID === 'function') return webCrypto.randomUUID();
  const bytes = webCrypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const AMOUNT_ERROR_CODES = new Set(['amount_too_small', 'amount_too_large']);

const sameAttempt = (a: ChargeAttempt, b: Omit<ChargeAttempt, 'requestId'>): boolean =>
  a.tender === b.tender && a.amount === b.amount && a.tendered === b.tendered && a.description === b.description && JSON.stringify(a.lines) === JSON.stringify(b.lines);

export function createCashierStore({ transport, lang, persistLang, newRequestId = newChargeRequestId }: CashierStoreOptions): CashierStore {
  return createStore<CashierState & CashierActions>()((set, get) => {
    // The last sale attempt (any tender) whose answer never arrived (the till could not be reached).
    // Asking again for the same sale reuses its requestId, so if the first call did reach the core
    // the retry gets that sale back instead of a second one. Any other outcome or edit forgets it.
    let unanswered: ChargeAttempt | null = null;
    const adopt = (incoming: Sale): void => {
      const { sale, recent } = get();
      const known = recent.find((row) => row.id === incoming.id) ?? null;
      let merged = mergeSale(known, incoming);
      if (sale && sale.id === incoming.id) merged = mergeSale(sale, merged);
      const nextRecent = upsertRecent(recent, merged, RECENT_LIMIT);
      // A second copy of what is already shown (the answer and the event stream) draws nothing again.
      if (merged === sale && nextRecent === recent) return;
      set({ sale: merged, recent: nextRecent });
    };
    /**
     * The answer to a call about the sale on screen (cancel, New QR, simulate). The event stream may have
     * finished that sale first and the cashier already started the next one: then the answer only
     * updates Recent sales and never pulls the finished sale back over what is being typed.
     */
    const adoptIfShown = (saleId: string, incoming: Sale): void => {
      if (get().sale?.id === saleId) adopt(incoming);
      else set({ recent: upsertRecent(get().recent, incoming, RECENT_LIMIT) });
    };

    /**
     * Cancel, New QR or a hand confirmation of the sale on screen. A refusal (a cancel that lost the race to a payment, a
     * PaymentIntent that can no longer be confirmed) shows its reason and then the sale as it really is.
     */
    const changeSale = async (change: 'cancel' | 'renew' | 'confirm', saleId: string): Promise<void> => {
      set({ pending: change, error: null });
      const op = change === 'cancel' ? 'sales.cancel' : change === 'renew' ? 'sales.renew' : 'sales.confirmManual';
      const result = await transport.call(op, { saleId });
      set({ pending: null });
      if (result.ok) {
        adoptIfShown(saleId, result.value);
        return;
      }
      if (get().sale?.id !== saleId) return;
      set({ error: errorMessageKey(result.error) });
      const fresh = await transport.call('sales.get', { saleId });
      if (fresh.ok) adoptIfShown(saleId, fresh.value);
    };

    /**
     * Creates a sale of any tender. An attempt whose answer never arrived (the till could not be
     * reached) is retried with its requestId, so if the first call did reach the core the retry gets
     * that sale back instead of a second one. Answers the refusal, or null once the sale is adopted.
     */
    const create = async (wanted: Omit<ChargeAttempt, 'requestId'>): Promise<PosErrorBody | null> => {
      const attempt: ChargeAttempt = unanswered && sameAttempt(unanswered, wanted) ? unanswered : { ...wanted, requestId: newRequestId() };
      unanswered = null;
      const note = {
        ...(attempt.description ? { description: attempt.description } : {}),
        requestId: attempt.requestId,
        ...(attempt.lines ? { lines: ticketLines(attempt.lines) } : {}),
      };
      // The request leaves first, then the screens hear "charging" (every subscriber runs on that set):
      // nothing else runs in between, so a second press still finds it charging.
      const sent =
        attempt.tender === 'cash'
          ? transport.call('sales.cash', { amount: attempt.amount, tendered: attempt.tendered ?? 0, ...note })
          : attempt.tender === 'promptpay_manual'
            ? transport.call('sales.manualQr', { amount: attempt.amount, ...note })
            : transport.call('sales.charge', { amount: attempt.amount, ...note });
      set({ charging: true, chargingTender: wanted.tender, amountError: null, error: null });
      const result = await sent;
      set({ charging: false, chargingTender: null });
      if (result.ok) {
        set({ cash: null });
        adopt(result.value);
        return null;
      }
      // No answer: the sale may or may not have reached the core. Keep its id for a retry.
      if ('unreachable' in result.error && result.error.unreachable) unanswered = attempt;
      return result.error;
    };

    /** The ticket's lines when they are what is being charged (its total is the amount), else null. */
    const linesFor = (amount: number): TicketLine[] | null => {
      const { ticket } = get();
      return ticket.length > 0 && ticketTotal(ticket) === amount ? ticket : null;
    };
    /** A ticket changed: its total becomes the amount; an edit forgets an unanswered attempt. */
    const setTicket = (ticket: TicketLine[]): void => {
      if (cashierPhase(get().sale, get().charging) !== 'entry' || get().cash) return;
      unanswered = null;
      set({ ticket, entry: ticket.length > 0 ? satangAsEntry(ticketTotal(ticket)) : '', amountError: null, error: null });
    };

    const onEvent = (event: PosEvent): void => {
      if (event.type !== 'sale.updated') return;
      const incoming = event.data;
      const { sale, recent } = get();
      const next: Partial<CashierState> = { recent: upsertRecent(recent, incoming, RECENT_LIMIT) };
      if (sale && sale.id === incoming.id) next.sale = mergeSale(sale, incoming);
      if (next.recent === recent && (next.sale === undefined || next.sale === sale)) return;
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
      chargingTender: null,
      cash: null,
      pending: null,
      error: null,
      recent: [],
      mode: 'keypad',
      ticket: [],
      itemQuery: '',

      setLang(next) {
        set({ lang: next });
        persistLang?.(next);
      },

      press(key) {
        const { sale, charging, entry, cash } = get();
        if (cashierPhase(sale, charging) !== 'entry') return;
        if (cash) {
          set({ cash: { tendered: pressTendered(cash.tendered, key) }, error: null });
          return;
        }
        // While a ticket is open its total is the amount: clear empties it, other keys change nothing.
        if (get().ticket.length > 0) {
          if (key === 'clear') setTicket([]);
          return;
        }
        const next = pressKey(entry, key);
        if (next !== entry) unanswered = null;
        set({ entry: next, amountError: null, error: null });
      },

      setDescription(text) {
        if (cashierPhase(get().sale, get().charging) !== 'entry' || get().cash) return;
        const next = text.slice(0, 200);
        if (next !== get().description) unanswered = null;
        set({ description: next });
      },

      async charge() {
        const { sale, charging, entry, description, cash } = get();
        if (cashierPhase(sale, charging) !== 'entry' || cash) return;
        const check = checkEntry(entry);
        if (!check.ok) {
          set({ amountError: check.messageKey, error: null });
          return;
        }
        const error = await create({ tender: 'promptpay', amount: check.satang, tendered: null, description: description.trim(), lines: linesFor(check.satang) });
        if (!error) return;
        let key = errorMessageKey(error);
        if (key === 'error.stripe_account') {
          // Charges wait on the Stripe account: the till's own state says why (and the banner follows it).
          const info = await transport.call('app.info', {});
          if (info.ok) set({ info: info.value });
          if (info.ok && info.value.stripe.pendingChange) key = 'stripe.chargesPaused';
        }
        if (AMOUNT_ERROR_CODES.has(error.code) || error.field === 'amount') set({ amountError: key });
        else set({ error: key });
      },

      openCash() {
        const { sale, charging, entry, cash } = get();
        if (cashierPhase(sale, charging) !== 'entry' || cash) return;
        const check = checkHandEntry(entry);
        if (!check.ok) {
          set({ amountError: check.messageKey, error: null });
          return;
        }
        set({ cash: { tendered: '' }, amountError: null, error: null });
      },

      closeCash() {
        if (get().charging || !get().cash) return;
        set({ cash: null, error: null });
      },

      setTendered(satang) {
        const { cash, charging } = get();
        if (!cash || charging) return;
        set({ cash: { tendered: satangAsEntry(satang) }, error: null });
      },

      async completeCash() {
        const { cash, charging, entry, description } = get();
        if (!cash || charging) return;
        const check = checkHandEntry(entry);
        if (!check.ok) return;
        const sums = cashSums(check.satang, cash.tendered);
        if (!sums.enough) return;
        const error = await create({ tender: 'cash', amount: check.satang, tendered: sums.tendered, description: description.trim(), lines: linesFor(check.satang) });
        if (error) set({ error: tenderErrorKey(error) ?? errorMessageKey(error) });
      },

      async chargeManual() {
        const { sale, charging, entry, description, cash } = get();
        if (cashierPhase(sale, charging) !== 'entry' || cash) return;
        const check = checkHandEntry(entry);
        if (!check.ok) {
          set({ amountError: check.messageKey, error: null });
          return;
        }
        const error = await create({ tender: 'promptpay_manual', amount: check.satang, tendered: null, description: description.trim(), lines: linesFor(check.satang) });
        if (error) set({ error: tenderErrorKey(error) ?? errorMessageKey(error) });
      },

      async confirmManual() {
        const { sale, pending } = get();
        if (!sale || pending || sale.tender !== 'promptpay_manual' || cashierPhase(sale, false) !== 'awaiting') return;
        // Refused (canceled meanwhile, say): the reason, then the sale as it really is.
        await changeSale('confirm', sale.id);
      },

      async cancel() {
        const { sale, pending } = get();
        if (!sale || pending || cashierPhase(sale, false) !== 'awaiting') return;
        await changeSale('cancel', sale.id);
      },

      newSale() {
        const { sale, charging, pending } = get();
        const phase = cashierPhase(sale, charging);
        if (phase === 'awaiting' || phase === 'charging') return;
        // A call still out about a sale that has already finished (its answer is adopted only if that sale is still shown).
        if (pending && !(sale && isFinalStatus(sale.status))) return;
        unanswered = null;
        set({ sale: null, cash: null, entry: '', description: '', amountError: null, error: null, ticket: [] });
      },

      async renew() {
        const { sale, pending } = get();
        if (!sale || pending || !canRenew(sale)) return;
        await changeSale('renew', sale.id);
      },

      async simulate(outcome) {
        const { sale, pending, info } = get();
        if (!sale || pending || !info?.demo || sale.tender !== 'promptpay' || cashierPhase(sale, false) !== 'awaiting') return;
        set({ pending: 'simulate', error: null });
        const result = await transport.call('demo.simulate', { saleId: sale.id, outcome });
        set({ pending: null });
        if (result.ok) adoptIfShown(sale.id, result.value);
        else if (get().sale?.id === sale.id) set({ error: errorMessageKey(result.error) });
      },

      setMode(mode) {
        // In Items mode the ticket is the amount: an amount typed on the keypad without one is dropped.
        if (mode === 'items' && get().ticket.length === 0 && !get().cash && cashierPhase(get().sale, get().charging) === 'entry') {
          unanswered = null;
          set({ mode, entry: '', amountError: null });
          return;
        }
        set({ mode });
      },

      addItem(item) {
        setTicket(addToTicket(get().ticket, item));
      },

      setLineQuantity(index, quantity) {
        setTicket(setQuantity(get().ticket, index, quantity));
      },

      removeTicketLine(index) {
        setTicket(removeLine(get().ticket, index));
      },

      clearTicket() {
        setTicket([]);
      },

      setItemQuery(query) {
        set({ itemQuery: query.slice(0, 100) });
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
