// The customer display's state: the sale it follows (sales.current, then sale.updated events). A
// tablet off the till must be paired first: while the till answers the feed with `unauthorized`, the
// display shows the pairing screen (a six-digit code typed from the till) instead of the feed.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Lang, MessageKey } from '../../shared/i18n/translate';
import type { AppInfo, PosEvent } from '../../shared/pos-contract';
import type { Sale } from '../../shared/sale';
import type { ConnectionState, RendererTransport } from '../transport/renderer-transport';
import { nextFinalSince } from './customer-view';
import { isCompletePairingCode, needsPairing, pairingErrorKey, pressPairingCode } from './display-pairing';
import type { PinKey } from './pin-entry';
import { followSale } from './sale-merge';

/** checking: first answer not in yet; pairing: the till wants a code first; ready: following the feed. */
export type CustomerAccess = 'checking' | 'pairing' | 'ready';

export interface CustomerState {
  lang: Lang;
  shopName: string | null;
  demo: boolean;
  /** Demo and test mode are shown on the display, so nobody takes a pretend payment for real money. */
  mode: AppInfo['mode'] | null;
  /** The QR timeout, for the countdown bar (a New QR starts a full one). */
  qrTimeoutMs: number | null;
  connection: ConnectionState;
  sale: Sale | null;
  /** When this display first showed the sale's final status (its own clock). */
  finalSince: number | null;
  access: CustomerAccess;
  /** The pairing code typed so far. */
  code: string;
  pairBusy: boolean;
  pairError: MessageKey | null;
  /** The name the till gave this display when it was paired (this session). */
  pairedName: string | null;
}

export interface CustomerActions {
  /** Applies a sale seen at time `seenAt` (defaults to now). */
  apply(sale: Sale, seenAt?: number): void;
  start(): () => void;
  /** One key of the pairing pad; the sixth digit sends the code. */
  pressKey(key: PinKey): void;
  submitCode(): Promise<void>;
}

export type CustomerStore = StoreApi<CustomerState & CustomerActions>;

export interface CustomerStoreOptions {
  transport: RendererTransport;
  lang: Lang;
  now?: () => number;
}

export function createCustomerStore({ transport, lang, now = Date.now }: CustomerStoreOptions): CustomerStore {
  return createStore<CustomerState & CustomerActions>()((set, get) => {
    let stopFeed: (() => void) | null = null;
    let running = false;

    const apply = (incoming: Sale, seenAt: number = now()): void => {
      const { sale, finalSince } = get();
      const next = followSale(sale, incoming);
      if (next === sale) return;
      set({ sale: next, finalSince: nextFinalSince(sale, next, finalSince, seenAt) });
    };

    const enterPairing = (): void => {
      stopFeed?.();
      stopFeed = null;
      set({ access: 'pairing', sale: null, finalSince: null, connection: 'connecting' });
    };

    /** Reads the till's state; false when the till wants this display paired first. */
    const load = async (): Promise<boolean> => {
      const [info, current] = await Promise.all([transport.call('app.info', {}), transport.call('sales.current', {})]);
      if ((!info.ok && needsPairing(info.error)) || (!current.ok && needsPairing(current.error))) {
        enterPairing();
        return false;
      }
      if (get().access !== 'ready') set({ access: 'ready', code: '', pairError: null });
      if (info.ok) set({ shopName: info.value.shopName, demo: info.value.demo, mode: info.value.mode, qrTimeoutMs: info.value.qrTimeoutSeconds * 1000 });
      // A result that finished a while ago should not greet the next customer: date it by the sale.
      if (current.ok && current.value) apply(current.value, Math.min(now(), current.value.updatedAt));
      return true;
    };

    const onEvent = (event: PosEvent): void => {
      if (event.type === 'sale.updated') apply(event.data);
    };

    const follow = (): void => {
      if (stopFeed || !running) return;
      const stopEvents = transport.subscribe(onEvent);
      const stopConnection = transport.onConnectionChange((state) => {
        set({ connection: state });
        // Re-read on every (re)connect: an update sent before the event stream was up would be lost.
        // On a drop, ask too: a display unpaired on the till must go back to the pairing screen.
        if (state === 'connected' || state === 'disconnected') void load();
      });
      stopFeed = () => {
        stopEvents();
        stopConnection();
      };
    };

    const check = async (): Promise<void> => {
      if (await load()) follow();
    };

    const submitCode = async (): Promise<void> => {
      const { code, pairBusy } = get();
      if (pairBusy || !isCompletePairingCode(code)) return;
      set({ pairBusy: true, pairError: null });
      const result = await transport.call('displays.pair', { code });
      if (!result.ok) {
        set({ pairBusy: false, code: '', pairError: pairingErrorKey(result.error) });
        return;
      }
      set({ pairBusy: false, code: '', pairedName: result.value.name });
      await check();
    };

    return {
      lang,
      shopName: null,
      demo: false,
      mode: null,
      qrTimeoutMs: null,
      connection: 'connecting',
      sale: null,
      finalSince: null,
      access: 'checking',
      code: '',
      pairBusy: false,
      pairError: null,
      pairedName: null,
      apply,
      start() {
        running = true;
        void check();
        return () => {
          running = false;
          stopFeed?.();
          stopFeed = null;
        };
      },
      pressKey(key) {
        if (get().pairBusy) return;
        const code = pressPairingCode(get().code, key);
        set({ code, pairError: code === '' && key !== 'clear' ? get().pairError : null });
        if (isCompletePairingCode(code)) void submitCode();
      },
      submitCode,
    };
  });
}
