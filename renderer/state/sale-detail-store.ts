// One sale's detail: the sale, its timeline, its refunds (live from refund.updated) and the refund dialog.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { MessageKey } from '../../shared/i18n/translate';
import type { SaleDetail } from '../../shared/manager-types';
import type { KeypadKey } from '../../shared/money';
import type { PosEvent } from '../../shared/pos-contract';
import type { RendererTransport } from '../transport/renderer-transport';
import { shownError, type ShownError } from './auth-error';
import { checkRefund, EMPTY_REFUND_FORM, mergeRefund, pressRefundKey, type RefundField, type RefundForm, type RefundReason } from './refund-form';
import { mergeSale } from './sale-merge';

export interface RefundDialogState {
  form: RefundForm;
  busy: boolean;
  problem: { field: RefundField; key: MessageKey } | null;
  error: ShownError | null;
}

export interface SaleDetailState {
  saleId: string | null;
  detail: SaleDetail | null;
  loading: boolean;
  error: ShownError | null;
  refund: RefundDialogState | null;
  /** The refund just created, for a confirmation line after the dialog closes. */
  lastRefundId: string | null;
}

export interface SaleDetailActions {
  open(saleId: string): Promise<void>;
  reload(): Promise<void>;
  onEvent(event: PosEvent): void;
  openRefund(): void;
  closeRefund(): void;
  setRefundMode(mode: RefundForm['mode']): void;
  pressRefundKey(key: KeypadKey): void;
  setRefundEmail(email: string): void;
  setRefundReason(reason: RefundReason): void;
  submitRefund(): Promise<void>;
}

export type SaleDetailStore = StoreApi<SaleDetailState & SaleDetailActions>;

/**
 * A refund refusal: a cash refund without an open shift (the core's conflict on field 'shift') says
 * so plainly; anything else as the manager side words it.
 */
export function refundError(error: Parameters<typeof shownError>[0]): ShownError {
  if (error.code === 'conflict' && error.field === 'shift') return { key: 'refund.error.openShift', detail: null };
  return shownError(error);
}

export function createSaleDetailStore({ transport }: { transport: RendererTransport }): SaleDetailStore {
  return createStore<SaleDetailState & SaleDetailActions>()((set, get) => {
    let generation = 0;
    let reloadTimer: ReturnType<typeof setTimeout> | null = null;
    const updateForm = (patch: Partial<RefundForm>): void => {
      const refund = get().refund;
      if (!refund || refund.busy) return;
      set({ refund: { ...refund, form: { ...refund.form, ...patch }, problem: null, error: null } });
    };
    const scheduleReload = (): void => {
      // Several events for one change arrive together: re-read once (refundable, timeline).
      if (reloadTimer) clearTimeout(reloadTimer);
      reloadTimer = setTimeout(() => {
        reloadTimer = null;
        void get().reload();
      }, 150);
    };
    return {
      saleId: null,
      detail: null,
      loading: false,
      error: null,
      refund: null,
      lastRefundId: null,

      async open(saleId) {
        if (get().saleId !== saleId) set({ saleId, detail: null, refund: null, lastRefundId: null, error: null });
        await get().reload();
      },

      async reload() {
        const saleId = get().saleId;
        if (!saleId) return;
        const mine = ++generation;
        set({ loading: true });
        const result = await transport.call('sales.detail', { saleId });
        if (mine !== generation || get().saleId !== saleId) return;
        if (!result.ok) {
          set({ loading: false, error: shownError(result.error) });
          return;
        }
        // Keep refunds already seen at a later stage than this read (an event may have overtaken it).
        let refunds = result.value.refunds;
        for (const known of get().detail?.refunds ?? []) refunds = mergeRefund(refunds, known);
        set({ loading: false, error: null, detail: { ...result.value, refunds } });
      },

      onEvent(event) {
        const { detail, saleId } = get();
        if (!detail || !saleId) return;
        if (event.type === 'refund.updated' && event.data.saleId === saleId) {
          set({ detail: { ...detail, refunds: mergeRefund(detail.refunds, event.data) } });
          scheduleReload();
        } else if (event.type === 'sale.updated' && event.data.id === saleId) {
          set({ detail: { ...detail, sale: mergeSale(detail.sale, event.data) } });
          scheduleReload();
        }
      },

      openRefund() {
        const detail = get().detail;
        if (!detail) return;
        set({ refund: { form: { ...EMPTY_REFUND_FORM }, busy: false, problem: null, error: null }, lastRefundId: null });
      },
      closeRefund() {
        if (get().refund?.busy) return;
        set({ refund: null });
      },
      setRefundMode(mode) {
        updateForm({ mode });
      },
      pressRefundKey(key) {
        const refund = get().refund;
        if (!refund) return;
        updateForm({ mode: 'partial', entry: pressRefundKey(refund.form.entry, key) });
      },
      setRefundEmail(email) {
        updateForm({ email: email.slice(0, 200) });
      },
      setRefundReason(reason) {
        updateForm({ reason });
      },

      async submitRefund() {
        const { refund, detail } = get();
        if (!refund || refund.busy || !detail) return;
        const check = checkRefund(refund.form, detail.sale, detail.refundable);
        if (!check.ok) {
          set({ refund: { ...refund, problem: { field: check.field, key: check.key } } });
          return;
        }
        set({ refund: { ...refund, busy: true, problem: null, error: null } });
        const result = await transport.call('refunds.create', check.input);
        const current = get().refund;
        if (!result.ok) {
          if (current) set({ refund: { ...current, busy: false, error: refundError(result.error) } });
          // What is refundable may have changed under us (another till refunded): show the truth.
          void get().reload();
          return;
        }
        const latest = get().detail;
        if (latest) set({ detail: { ...latest, refunds: mergeRefund(latest.refunds, result.value) } });
        set({ refund: null, lastRefundId: result.value.id });
        await get().reload();
      },
    };
  });
}
