// The amount being typed survives the desktop shell reloading a crashed cashier screen: a "reload" here
// is a new cashier store over the same sessionStorage, as the page's would be.
import { describe, expect, it } from 'vitest';
import { createCashierStore } from '../../../renderer/state/cashier-store';
import { keepSaleDraft, SALE_DRAFT_KEY, type DraftStorage } from '../../../renderer/state/sale-draft';
import { createFakeTransport, demoInfo, flush, makeSale } from './fake-transport';
import type { Sale } from '../../../shared/sale';

function memoryStorage(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
  };
}

/** The cashier page starting (or starting again after a reload) with the core answering `current`. */
function page(storage: DraftStorage, current: Sale | null = null) {
  const transport = createFakeTransport();
  transport.handle('app.info', () => ({ ok: true, value: demoInfo }));
  transport.handle('sales.current', () => ({ ok: true, value: current }));
  transport.handle('sales.list', () => ({ ok: true, value: current ? [current] : [] }));
  const store = createCashierStore({ transport, lang: 'th' });
  const stop = keepSaleDraft(store, storage);
  store.getState().start();
  return { transport, store, stop };
}

describe('sale draft across a reload', () => {
  it('the amount and note typed, not yet charged, come back after the page reloads', async () => {
    const storage = memoryStorage();
    const before = page(storage);
    for (const key of ['1', '2', '5', '.', '5', '0'] as const) before.store.getState().press(key);
    before.store.getState().setDescription('Table 4');
    const after = page(storage);
    await flush();
    expect(after.store.getState()).toMatchObject({ entry: '125.50', description: 'Table 4', sale: null });
  });

  it('an items ticket comes back with its lines and mode', async () => {
    const storage = memoryStorage();
    const before = page(storage);
    before.store.getState().setMode('items');
    before.store.getState().addItem({ id: 'item_latte', name: 'ลาเต้', price: 6_500 });
    before.store.getState().addItem({ id: 'item_latte', name: 'ลาเต้', price: 6_500 });
    const after = page(storage);
    expect(after.store.getState()).toMatchObject({ mode: 'items', entry: '130', ticket: [{ itemId: 'item_latte', name: 'ลาเต้', unitPrice: 6_500, quantity: 2 }] });
  });

  it('once charged the draft is gone: after a reload the sale itself comes back from the core, not the typing', async () => {
    const storage = memoryStorage();
    const before = page(storage);
    const sale = makeSale({ amount: 5_000 });
    before.transport.handle('sales.charge', () => ({ ok: true, value: sale }));
    for (const key of ['5', '0'] as const) before.store.getState().press(key);
    expect(storage.map.has(SALE_DRAFT_KEY)).toBe(true);
    await before.store.getState().charge();
    expect(storage.map.has(SALE_DRAFT_KEY)).toBe(false);
    const after = page(storage, sale);
    await flush();
    expect(after.store.getState()).toMatchObject({ entry: '', sale: { id: sale.id, status: 'awaiting_payment' } });
  });

  it('clearing the amount clears the draft', () => {
    const storage = memoryStorage();
    const { store } = page(storage);
    store.getState().press('7');
    store.getState().press('clear');
    expect(storage.map.has(SALE_DRAFT_KEY)).toBe(false);
  });

  it.each([
    ['not JSON', '{"entry":'],
    ['not a draft', JSON.stringify({ entry: '<script>', description: 1 })],
  ])('a damaged draft (%s) is dropped: the till starts empty', async (_name, text) => {
    const storage = memoryStorage();
    storage.setItem(SALE_DRAFT_KEY, text);
    const { store } = page(storage);
    await flush();
    expect(store.getState()).toMatchObject({ entry: '', description: '', ticket: [] });
    expect(storage.map.has(SALE_DRAFT_KEY)).toBe(false);
  });

  it('without sessionStorage the till works as before', () => {
    const transport = createFakeTransport();
    const store = createCashierStore({ transport, lang: 'en' });
    const stop = keepSaleDraft(store, null);
    store.getState().press('5');
    expect(store.getState().entry).toBe('5');
    stop();
  });
});
