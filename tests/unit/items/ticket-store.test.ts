// The till's ticket in the cashier store: tapped items set the amount, and Charge, Cash and PromptPay by
// hand send the ticket as `lines` that add up to it (the contract's own schema checks that here too).
import { describe, expect, it } from 'vitest';
import { createCashierStore } from '../../../renderer/state/cashier-store';
import { cashSaleInput, chargeInput, manualQrSaleInput } from '../../../shared/pos-contract';
import { createFakeTransport, demoInfo, makeSale } from '../renderer/fake-transport';

const LATTE = { id: 'itm_latte00000001', name: 'ลาเต้เย็น', price: 6_500 };
const CAKE = { id: 'itm_cake000000001', name: 'Cake', price: 8_000 };

function till() {
  const transport = createFakeTransport();
  transport.handle('app.info', () => ({ ok: true, value: { ...demoInfo, promptPayReady: true } }));
  let n = 0;
  const store = createCashierStore({ transport, lang: 'en', newRequestId: () => `request-${++n}-aaaa` });
  store.setState({ info: demoInfo });
  return { transport, store };
}

describe('the ticket', () => {
  it('sets the amount from its lines; the keypad types nothing while it is open, and clear empties it', () => {
    const { store } = till();
    store.getState().setMode('items');
    store.getState().addItem(LATTE);
    store.getState().addItem(LATTE);
    store.getState().addItem(CAKE);
    expect(store.getState().ticket).toEqual([
      { itemId: LATTE.id, name: 'ลาเต้เย็น', unitPrice: 6_500, quantity: 2 },
      { itemId: CAKE.id, name: 'Cake', unitPrice: 8_000, quantity: 1 },
    ]);
    expect(store.getState().entry).toBe('210');
    store.getState().press('5');
    expect(store.getState().entry).toBe('210');
    store.getState().setLineQuantity(1, 3);
    expect(store.getState().entry).toBe('370');
    store.getState().setLineQuantity(0, 0);
    expect(store.getState().ticket).toHaveLength(1);
    store.getState().removeTicketLine(0);
    expect(store.getState().entry).toBe('');
    store.getState().addItem(CAKE);
    store.getState().press('clear');
    expect(store.getState()).toMatchObject({ ticket: [], entry: '' });
  });

  it('Items mode starts without an amount typed on the keypad', () => {
    const { store } = till();
    store.getState().press('4');
    store.getState().setMode('items');
    expect(store.getState().entry).toBe('');
  });

  it('Charge sends the lines and the amount; a retry after no answer is the same request with the same lines', async () => {
    const { store, transport } = till();
    let answer = false;
    transport.handle('sales.charge', (input) => (answer ? { ok: true, value: makeSale({ amount: input.amount, status: 'awaiting_payment' }) } : { ok: false, error: { code: 'internal', message: 'till service unreachable', unreachable: true } as never }));
    store.getState().addItem(LATTE);
    store.getState().addItem(CAKE);
    await store.getState().charge();
    answer = true;
    await store.getState().charge();
    const calls = transport.callsOf('sales.charge');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toEqual(calls[1]);
    expect(calls[0]).toMatchObject({ amount: 14_500, lines: [{ itemId: LATTE.id, name: 'ลาเต้เย็น', unitPrice: 6_500, quantity: 1 }, { itemId: CAKE.id, name: 'Cake', unitPrice: 8_000, quantity: 1 }] });
    expect(chargeInput.safeParse(calls[0]).success).toBe(true);
    // A new sale starts with an empty ticket.
    store.setState({ sale: makeSale({ status: 'succeeded' }) });
    store.getState().newSale();
    expect(store.getState().ticket).toEqual([]);
  });

  it('Cash and PromptPay by hand send the lines too; an amount keyed in sends none', async () => {
    const { store, transport } = till();
    transport.handle('sales.cash', (input) => ({ ok: true, value: makeSale({ amount: input.amount, status: 'succeeded', tender: 'cash' }) }));
    transport.handle('sales.manualQr', (input) => ({ ok: true, value: makeSale({ amount: input.amount, status: 'awaiting_payment', tender: 'promptpay_manual' }) }));
    store.getState().addItem(CAKE);
    store.getState().setLineQuantity(0, 2);
    store.getState().openCash();
    store.getState().setTendered(20_000);
    await store.getState().completeCash();
    const cash = transport.callsOf('sales.cash')[0];
    expect(cash).toMatchObject({ amount: 16_000, tendered: 20_000, lines: [{ itemId: CAKE.id, quantity: 2 }] });
    expect(cashSaleInput.safeParse(cash).success).toBe(true);

    store.setState({ sale: makeSale({ status: 'succeeded' }) });
    store.getState().newSale();
    store.getState().addItem(LATTE);
    await store.getState().chargeManual();
    const manual = transport.callsOf('sales.manualQr')[0];
    expect(manual).toMatchObject({ amount: 6_500, lines: [{ itemId: LATTE.id, quantity: 1 }] });
    expect(manualQrSaleInput.safeParse(manual).success).toBe(true);

    store.setState({ sale: makeSale({ status: 'succeeded' }) });
    store.getState().newSale();
    store.getState().press('4');
    store.getState().press('0');
    store.getState().openCash();
    store.getState().setTendered(4_000);
    await store.getState().completeCash();
    expect(transport.callsOf('sales.cash')[1]).not.toHaveProperty('lines');
  });
});
