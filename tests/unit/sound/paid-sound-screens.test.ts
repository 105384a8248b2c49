import { describe, expect, it } from 'vitest';
import { createAppStores } from '../../../renderer/state/app-stores';
import { createCashierStore } from '../../../renderer/state/cashier-store';
import { createCustomerStore } from '../../../renderer/state/customer-store';
import type { Announcement } from '../../../renderer/state/paid-sound';
import { followCashierSound, followCustomerSound } from '../../../renderer/state/paid-sound-screens';
import type { ShopSettings } from '../../../shared/manager-types';
import { DEFAULT_SOUND, RECEIPT_SETTING_DEFAULTS, type SoundSettings } from '../../../shared/receipt';
import type { Sale } from '../../../shared/sale';
import { createFakeTransport, demoInfo, flush, makeSale } from '../renderer/fake-transport';
import { memoryStorage } from './memory-storage';

const paid = (sale: Sale, at = 1): Sale => ({ ...sale, status: 'succeeded', paymentIntentStatus: 'succeeded', qrData: null, updatedAt: sale.updatedAt + at });

function recorder() {
  const heard: string[] = [];
  const output = (announcement: Announcement, settings: SoundSettings, lang: string): void => {
    heard.push(`${announcement.cue}:${announcement.sale.id}:${lang}:${settings.volume}`);
  };
  return { heard, output };
}

describe('paid sound on the till', () => {
  function till(options: { current?: Sale | null; sound?: SoundSettings } = {}) {
    const transport = createFakeTransport();
    let current: Sale | null = options.current ?? null;
    transport.handle('app.info', () => ({ ok: true, value: { ...demoInfo, sound: options.sound ?? DEFAULT_SOUND } }));
    transport.handle('sales.current', () => ({ ok: true, value: current }));
    transport.handle('sales.list', () => ({ ok: true, value: current ? [current] : [] }));
    const cashier = createCashierStore({ transport, lang: 'th' });
    const { heard, output } = recorder();
    const storage = memoryStorage();
    cashier.getState().start();
    const stop = followCashierSound({ transport, cashier, output, storage });
    return { transport, cashier, heard, stop, storage, setCurrent: (sale: Sale | null) => (current = sale) };
  }

  it('chimes once when push and polling both report a payment and the till re-reads it after a reconnect', async () => {
    const sale = makeSale({ qrAttempt: 1, amount: 24_500 });
    const { transport, heard, setCurrent } = till({ current: sale });
    await flush();
    transport.emit({ type: 'sale.updated', data: sale });
    transport.emit({ type: 'sale.updated', data: paid(sale) }); // push
    transport.emit({ type: 'sale.updated', data: paid(sale) }); // polling
    setCurrent(paid(sale, 2));
    transport.setConnection('disconnected');
    transport.setConnection('connected'); // the till re-reads sales.current and sales.list
    await flush();
    transport.emit({ type: 'sale.updated', data: sale }); // a stale copy
    expect(heard).toEqual([`paid:${sale.id}:th:70`]);
  });

  it('does not announce the paid sale it finds when it opens, nor after a reload', async () => {
    const sale = paid(makeSale({ qrAttempt: 1 }));
    const first = till({ current: sale });
    await flush();
    first.transport.emit({ type: 'sale.updated', data: sale });
    expect(first.heard).toEqual([]);
  });

  it('hears a sale paid while the page reloaded, once', async () => {
    const sale = makeSale({ qrAttempt: 1 });
    const before = till({ current: sale });
    await flush();
    before.stop();
    // The reload: a new page, the same sessionStorage; the sale was paid meanwhile.
    const transport = createFakeTransport();
    transport.handle('app.info', () => ({ ok: true, value: demoInfo }));
    transport.handle('sales.current', () => ({ ok: true, value: paid(sale) }));
    transport.handle('sales.list', () => ({ ok: true, value: [paid(sale)] }));
    const cashier = createCashierStore({ transport, lang: 'en' });
    const { heard, output } = recorder();
    cashier.getState().start();
    followCashierSound({ transport, cashier, output, storage: before.storage });
    await flush();
    transport.emit({ type: 'sale.updated', data: paid(sale, 3) });
    expect(heard).toEqual([`paid:${sale.id}:en:70`]);
  });

  it('follows a change of the sound in Settings without a reload', async () => {
    const transport = createFakeTransport();
    const base: ShopSettings = {
      shopName: 'Baan Kafe', timeZone: 'Asia/Bangkok', dayStartHour: 0, promptPayId: null, qrTimeoutSeconds: 600, backupFolder: null, backupTime: null, ...RECEIPT_SETTING_DEFAULTS,
    };
    let saved = base;
    transport.handle('settings.get', () => ({ ok: true, value: saved }));
    const stores = createAppStores({ transport, lang: 'en' });
    stores.cashier.setState({ info: { ...demoInfo, sound: DEFAULT_SOUND } });
    const { heard, output } = recorder();
    followCashierSound({ transport, cashier: stores.cashier, output, storage: null });

    saved = { ...base, sound: { chime: false, speakAmount: false, volume: 70 } };
    await stores.settings.getState().load();
    expect(stores.cashier.getState().info?.sound.chime).toBe(false);
    const muted = makeSale({ qrAttempt: 1 });
    transport.emit({ type: 'sale.updated', data: muted });
    transport.emit({ type: 'sale.updated', data: paid(muted) });

    saved = { ...base, sound: { chime: true, speakAmount: true, volume: 40 } };
    await stores.settings.getState().load();
    const heardSale = makeSale({ qrAttempt: 1 });
    transport.emit({ type: 'sale.updated', data: heardSale });
    transport.emit({ type: 'sale.updated', data: paid(heardSale) });
    expect(heard).toEqual([`paid:${heardSale.id}:en:40`]);
  });
});

describe('paid sound on the customer display', () => {
  it('chimes once for the sale it shows, and follows the till’s sound settings from one sale to the next', async () => {
    const transport = createFakeTransport();
    let sound: SoundSettings = { ...DEFAULT_SOUND, volume: 55 };
    transport.handle('app.info', () => ({ ok: true, value: { ...demoInfo, sound } }));
    transport.handle('sales.current', () => ({ ok: true, value: null }));
    const customer = createCustomerStore({ transport, lang: 'th' });
    customer.getState().start();
    const { heard, output } = recorder();
    followCustomerSound({ transport, customer, output, storage: memoryStorage() });
    await flush();

    const first = makeSale({ qrAttempt: 1 });
    transport.emit({ type: 'sale.updated', data: first });
    await flush();
    transport.emit({ type: 'sale.updated', data: paid(first) });
    transport.emit({ type: 'sale.updated', data: paid(first) });
    transport.emit({ type: 'sale.updated', data: paid(first, 2) });

    // A manager mutes the sound; the display reads it when the next sale starts.
    sound = { ...DEFAULT_SOUND, chime: false };
    const second = makeSale({ qrAttempt: 1 });
    transport.emit({ type: 'sale.updated', data: second });
    await flush();
    transport.emit({ type: 'sale.updated', data: paid(second) });

    // An older sale's late copy does not chime over the current one.
    sound = DEFAULT_SOUND;
    transport.emit({ type: 'sale.updated', data: paid(first, 9) });
    expect(heard).toEqual([`paid:${first.id}:th:55`]);
  });
});
