// Wires the paid sound into the two screens. Each feeds the judge every copy of a sale it receives, in
// whatever order they come; the judge makes sure a sale is heard once.
import type { SoundSettings } from '../../shared/receipt';
import type { Sale } from '../../shared/sale';
import type { RendererTransport } from '../transport/renderer-transport';
import type { CashierStore } from './cashier-store';
import type { CustomerStore } from './customer-store';
import { createPaidSound, createPaidSoundJudge, pageSessionStorage, type SoundMemoryStorage, type SoundOutput } from './paid-sound';

export const CASHIER_SOUND_KEY = 'chamra.paidSound.cashier';
export const CUSTOMER_SOUND_KEY = 'chamra.paidSound.customer';

export function sameSound(a: SoundSettings | undefined, b: SoundSettings): boolean {
  return a !== undefined && a.chime === b.chime && a.speakAmount === b.speakAmount && a.volume === b.volume;
}

interface ScreenSoundOptions {
  transport: RendererTransport;
  output: SoundOutput;
  /** sessionStorage in the page (the default); tests pass their own to act out a reload. */
  storage?: SoundMemoryStorage | null;
}

/**
 * The till: every sale.updated event (a late payment of an earlier sale too), and the sale on screen
 * and Recent sales as the cashier store has them (its answers to calls and its re-read after a
 * reconnect). The settings are the till's app.info, which a change in Settings updates at once.
 */
export function followCashierSound(options: ScreenSoundOptions & { cashier: CashierStore }): () => void {
  const { cashier } = options;
  const sound = createPaidSound({
    judge: createPaidSoundJudge({ storage: options.storage === undefined ? pageSessionStorage() : options.storage, storageKey: CASHIER_SOUND_KEY }),
    settings: () => cashier.getState().info?.sound ?? null,
    lang: () => cashier.getState().lang,
    output: options.output,
  });
  const seeState = (state: ReturnType<CashierStore['getState']>, previous: ReturnType<CashierStore['getState']> | null): void => {
    if (state.sale && state.sale !== previous?.sale) sound.see(state.sale);
    if (state.recent !== previous?.recent) for (const sale of state.recent) sound.see(sale);
  };
  seeState(cashier.getState(), null);
  const stopStore = cashier.subscribe((state, previous) => seeState(state, previous));
  const stopEvents = options.transport.subscribe((event) => {
    if (event.type === 'sale.updated') sound.see(event.data);
  });
  return () => {
    stopStore();
    stopEvents();
  };
}

/**
 * Runs `run` once the screen has drawn what it has now and has nothing more urgent to do (at once on
 * a page that draws nothing): a request made just after the QR's frame would still hold up the work
 * that follows it (measured: ~6 ms on the display's main thread).
 */
function whenDrawnAndIdle(run: () => void): void {
  // Typed here: this module is also compiled without the DOM's types (the unit tests run in Node).
  const page = globalThis as {
    requestAnimationFrame?: (callback: () => void) => number;
    requestIdleCallback?: (callback: () => void, options: { timeout: number }) => number;
    document?: { visibilityState?: string };
  };
  if (typeof page.requestAnimationFrame !== 'function' || page.document?.visibilityState === 'hidden') {
    setTimeout(run, 0);
    return;
  }
  // A busy page still gets it within a second (long before a customer can have paid). Called on the
  // page itself: the browser refuses these functions detached from their window.
  page.requestAnimationFrame(() => {
    if (typeof page.requestIdleCallback === 'function') page.requestIdleCallback(run, { timeout: 1000 });
    else setTimeout(run, 0);
  });
}

/**
 * The customer display: the sale it shows, as its store has merged it (events and re-reads after a
 * reconnect). It only ever follows the current sale, so a late payment of an earlier sale never
 * chimes at the next customer. Its sound settings come from app.info, re-read for every new sale
 * (once its QR, or its end, is on screen: asked while Stripe answers, the request and its answer
 * would compete with the QR's arrival) and after every (re)connect, so a manager's change reaches
 * the display before the next sale is paid.
 */
export function followCustomerSound(options: ScreenSoundOptions & { customer: CustomerStore }): () => void {
  const { customer, transport } = options;
  let settings: SoundSettings | null = null;
  let stopped = false;
  const refresh = async (): Promise<void> => {
    const info = await transport.call('app.info', {});
    if (info.ok && !stopped) settings = info.value.sound;
  };
  /** The new sale whose settings re-read waits for it to leave "preparing". */
  let owed: string | null = null;
  const settle = (sale: Sale | null): void => {
    if (owed === null || sale?.id !== owed || sale.status === 'created') return;
    owed = null;
    whenDrawnAndIdle(() => {
      if (!stopped) void refresh();
    });
  };
  const sound = createPaidSound({
    judge: createPaidSoundJudge({ storage: options.storage === undefined ? pageSessionStorage() : options.storage, storageKey: CUSTOMER_SOUND_KEY }),
    // Until the till has said, the display stays silent (a muted shop is never surprised).
    settings: () => settings,
    lang: () => customer.getState().lang,
    output: options.output,
    onNewSale: (sale) => {
      owed = sale.id;
    },
  });
  void refresh();
  const initial = customer.getState().sale;
  if (initial) sound.see(initial);
  settle(initial);
  const stopStore = customer.subscribe((state, previous) => {
    if (state.connection === 'connected' && previous.connection !== 'connected') void refresh();
    if (state.sale && state.sale !== previous.sale) sound.see(state.sale);
    settle(state.sale);
  });
  return () => {
    stopped = true;
    stopStore();
  };
}
