import { describe, expect, it } from 'vitest';
import { createCustomerStore } from '../../../renderer/state/customer-store';
import { customerScreen, customerStatus } from '../../../renderer/state/customer-view';
import { createFakeTransport, demoInfo, flush, makeSale } from './fake-transport';

const info = demoInfo;

describe('customer display store', () => {
  it('shows the current sale on load and follows its updates', async () => {
    let now = 1_700_000_100_000;
    const transport = createFakeTransport();
    const sale = makeSale({ createdAt: now - 5_000, updatedAt: now - 5_000 });
    transport.handle('app.info', () => ({ ok: true, value: info }));
    transport.handle('sales.current', () => ({ ok: true, value: sale }));
    const store = createCustomerStore({ transport, lang: 'th', now: () => now });
    store.getState().start();
    await flush();
    const view = () => customerStatus(store.getState().sale, store.getState().finalSince, now);
    expect(store.getState().shopName).toBe('Baan Kafe');
    expect(view()).toBe('awaiting_payment');

    transport.emit({ type: 'sale.updated', data: { ...sale, status: 'succeeded', updatedAt: now } });
    expect(view()).toBe('succeeded');
    now += 9_000;
    expect(view()).toBe('succeeded');
    now += 1_000;
    expect(view()).toBe('idle');

    const next = makeSale({ createdAt: now, updatedAt: now });
    transport.emit({ type: 'sale.updated', data: next });
    expect(view()).toBe('awaiting_payment');
    expect(store.getState().sale?.id).toBe(next.id);
  });

  it('goes from a cash sale with its change to the shop QR of the next sale, then paid by hand', async () => {
    let now = 1_700_000_100_000;
    const transport = createFakeTransport();
    transport.handle('app.info', () => ({ ok: true, value: info }));
    transport.handle('sales.current', () => ({ ok: true, value: null }));
    const store = createCustomerStore({ transport, lang: 'th', now: () => now });
    store.getState().start();
    await flush();
    const screen = () => customerScreen(store.getState().sale, customerStatus(store.getState().sale, store.getState().finalSince, now));
    expect(screen().kind).toBe('idle');

    // A cash sale arrives already paid: its screen at once, held like any result.
    const cash = makeSale({ tender: 'cash', status: 'succeeded', amount: 8_000, cashTendered: 10_000, qrData: null, paymentIntentId: null, createdAt: now, updatedAt: now });
    transport.emit({ type: 'sale.updated', data: cash });
    expect(screen()).toMatchObject({ kind: 'cash', received: 10_000, change: 2_000 });
    now += 3_000;

    // The next customer pays to the shop's own QR; the cashier confirms it.
    const manual = makeSale({ tender: 'promptpay_manual', paymentIntentId: null, qrExpiresAt: null, qrData: '000201shop', createdAt: now, updatedAt: now });
    transport.emit({ type: 'sale.updated', data: manual });
    expect(screen()).toMatchObject({ kind: 'pay', qr: 'shop' });
    transport.emit({ type: 'sale.updated', data: { ...manual, status: 'succeeded', updatedAt: now + 1 } });
    expect(screen()).toMatchObject({ kind: 'result', result: 'succeeded', byHand: true });
    // A late update of the cash sale does not take the screen back.
    transport.emit({ type: 'sale.updated', data: { ...cash, updatedAt: now + 2 } });
    expect(store.getState().sale?.id).toBe(manual.id);
  });

  it('does not greet the next customer with a result that finished long ago', async () => {
    const now = 1_700_000_100_000;
    const transport = createFakeTransport();
    const old = makeSale({ status: 'succeeded', createdAt: now - 120_000, updatedAt: now - 60_000 });
    transport.handle('app.info', () => ({ ok: true, value: info }));
    transport.handle('sales.current', () => ({ ok: true, value: old }));
    const store = createCustomerStore({ transport, lang: 'th', now: () => now });
    store.getState().start();
    await flush();
    expect(customerStatus(store.getState().sale, store.getState().finalSince, now)).toBe('idle');
  });

  // Regression: a sale charged between the display's first read and its event stream connecting was
  // never shown (the stream only re-read state after a disconnect, not on the first connect).
  it('re-reads the current sale when its event stream connects, so nothing sent before is lost', async () => {
    const now = 1_700_000_100_000;
    const transport = createFakeTransport();
    let current: ReturnType<typeof makeSale> | null = null;
    transport.handle('app.info', () => ({ ok: true, value: info }));
    transport.handle('sales.current', () => ({ ok: true, value: current }));
    const store = createCustomerStore({ transport, lang: 'th', now: () => now });
    store.getState().start();
    await flush();
    expect(store.getState().sale).toBeNull();

    current = makeSale({ createdAt: now, updatedAt: now }); // charged; its event went nowhere
    transport.setConnection('connected');
    await flush();
    expect(customerStatus(store.getState().sale, store.getState().finalSince, now)).toBe('awaiting_payment');
  });
});
