// The cashier store's tenders: cash (the cash panel, quick keys, change) and PromptPay confirmed by
// hand, against a scripted core whose handlers check their input with the contract's own schemas.
import { describe, expect, it } from 'vitest';
import { cashSaleInput, manualQrSaleInput, saleRefInput } from '../../../shared/pos-contract';
import type { Sale } from '../../../shared/sale';
import { createCashierStore } from '../../../renderer/state/cashier-store';
import { cashierPhase } from '../../../renderer/state/cashier-view';
import { cashSums, chargeBlock, changeGiven, checkHandEntry, pressTendered, satangAsEntry, tenderErrorKey } from '../../../renderer/state/cash-tender';
import { createFakeTransport, demoInfo, flush, makeSale } from './fake-transport';

function setup() {
  const transport = createFakeTransport();
  transport.handle('app.info', () => ({ ok: true, value: demoInfo }));
  transport.handle('sales.current', () => ({ ok: true, value: null }));
  transport.handle('sales.list', () => ({ ok: true, value: [] }));
  const sales = new Map<string, Sale>();
  transport.handle('sales.cash', (input) => {
    const parsed = cashSaleInput.safeParse(input);
    if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: parsed.error.message, field: String(parsed.error.issues[0].path[0]) } };
    const sale = makeSale({ amount: parsed.data.amount, tender: 'cash', cashTendered: parsed.data.tendered, status: 'succeeded', paymentIntentId: null, paymentIntentStatus: null, qrData: null, qrExpiresAt: null, description: parsed.data.description ?? null });
    sales.set(sale.id, sale);
    return { ok: true, value: sale };
  });
  transport.handle('sales.manualQr', (input) => {
    const parsed = manualQrSaleInput.parse(input);
    const sale = makeSale({ amount: parsed.amount, tender: 'promptpay_manual', status: 'awaiting_payment', paymentIntentId: null, paymentIntentStatus: null, qrData: '000201010212…6304ABCD', qrExpiresAt: null });
    sales.set(sale.id, sale);
    return { ok: true, value: sale };
  });
  transport.handle('sales.confirmManual', (input) => {
    const sale = sales.get(saleRefInput.parse(input).saleId);
    if (!sale || sale.status !== 'awaiting_payment') return { ok: false, error: { code: 'conflict', message: 'finished' } };
    const paid = { ...sale, status: 'succeeded' as const, updatedAt: sale.updatedAt + 1 };
    sales.set(paid.id, paid);
    return { ok: true, value: paid };
  });
  transport.handle('sales.get', (input) => {
    const sale = sales.get(input.saleId);
    return sale ? { ok: true, value: sale } : { ok: false, error: { code: 'not_found', message: 'no' } };
  });
  const store = createCashierStore({ transport, lang: 'en' });
  store.getState().start();
  return { transport, store, sales };
}

type Store = ReturnType<typeof setup>['store'];
const typeKeys = (store: Store, text: string): void => {
  for (const ch of text) store.getState().press(ch as '0');
};

describe('cash sale', () => {
  it('opens the cash panel for the typed amount, takes the cash handed over on the keypad, and records it paid with change', async () => {
    const { transport, store } = setup();
    await flush();
    typeKeys(store, '85');
    store.getState().setDescription(' Table 2 ');
    store.getState().openCash();
    expect(store.getState().cash).toEqual({ tendered: '' });
    typeKeys(store, '100');
    // The amount stays as typed: the keypad now types the cash received.
    expect(store.getState().entry).toBe('85');
    expect(cashSums(8_500, store.getState().cash!.tendered)).toEqual({ tendered: 10_000, change: 1_500, short: 0, enough: true });
    await store.getState().completeCash();
    expect(transport.callsOf('sales.cash')).toEqual([{ amount: 8_500, tendered: 10_000, description: 'Table 2', requestId: expect.any(String) }]);
    const sale = store.getState().sale!;
    expect(sale).toMatchObject({ tender: 'cash', status: 'succeeded', cashTendered: 10_000 });
    expect(changeGiven(sale)).toBe(1_500);
    expect(store.getState().cash).toBeNull();
    expect(cashierPhase(sale, false)).toBe('finished');
    expect(store.getState().recent[0].id).toBe(sale.id);
  });

  it('Complete does nothing while the cash received is short', async () => {
    const { transport, store } = setup();
    await flush();
    typeKeys(store, '120');
    store.getState().openCash();
    store.getState().setTendered(10_000);
    await store.getState().completeCash();
    expect(transport.callsOf('sales.cash')).toHaveLength(0);
    expect(cashSums(12_000, store.getState().cash!.tendered)).toMatchObject({ enough: false, short: 2_000, change: 0 });
  });

  it('a quick key sets the cash received to that note (it does not add up), Exact sets the amount', async () => {
    const { store } = setup();
    await flush();
    typeKeys(store, '37.5');
    store.getState().openCash();
    store.getState().setTendered(5_000);
    store.getState().setTendered(10_000);
    expect(store.getState().cash).toEqual({ tendered: '100' });
    store.getState().setTendered(3_750);
    expect(store.getState().cash).toEqual({ tendered: '37.50' });
    expect(cashSums(3_750, '37.50').change).toBe(0);
  });

  it('takes amounts under ฿10 (no Stripe minimum) and refuses nothing-typed with a message, no call', async () => {
    const { transport, store } = setup();
    await flush();
    store.getState().openCash();
    expect(store.getState().cash).toBeNull();
    expect(store.getState().amountError).toBe('error.amount_empty');
    typeKeys(store, '5');
    store.getState().openCash();
    store.getState().setTendered(2_000);
    await store.getState().completeCash();
    expect(transport.callsOf('sales.cash')).toEqual([{ amount: 500, tendered: 2_000, requestId: expect.any(String) }]);
  });

  it('Back returns to the amount as typed; Charge and Cash are inert while the cash panel is open', async () => {
    const { transport, store } = setup();
    await flush();
    typeKeys(store, '50');
    store.getState().openCash();
    await store.getState().charge();
    expect(transport.callsOf('sales.charge')).toHaveLength(0);
    store.getState().closeCash();
    expect(store.getState().cash).toBeNull();
    expect(store.getState().entry).toBe('50');
    store.getState().press('0');
    expect(store.getState().entry).toBe('500');
  });

  it('no open shift: the refusal says to open one (field shift) and nothing changes', async () => {
    const { transport, store } = setup();
    transport.handle('sales.cash', () => ({ ok: false, error: { code: 'conflict', message: 'Open a shift first.', field: 'shift' } }));
    await flush();
    typeKeys(store, '40');
    store.getState().openCash();
    store.getState().setTendered(5_000);
    await store.getState().completeCash();
    expect(store.getState().error).toBe('tender.error.noShift');
    expect(store.getState().sale).toBeNull();
    expect(store.getState().cash).toEqual({ tendered: '50' });
    expect(store.getState().recent).toEqual([]);
  });

  it('a cash sale whose answer never came is retried with the same requestId; a different sum gets a new one', async () => {
    const { transport, store } = setup();
    let reachable = false;
    transport.handle('sales.cash', (input) => {
      if (!reachable) return { ok: false, error: { code: 'internal', message: 'till service unreachable', unreachable: true } as never };
      return { ok: true, value: makeSale({ amount: input.amount, tender: 'cash', cashTendered: input.tendered, status: 'succeeded' }) };
    });
    await flush();
    typeKeys(store, '40');
    store.getState().openCash();
    store.getState().setTendered(5_000);
    await store.getState().completeCash();
    expect(store.getState().error).toBe('error.till_unreachable');
    reachable = true;
    await store.getState().completeCash();
    const [first, second] = transport.callsOf('sales.cash') as { requestId: string }[];
    expect(second.requestId).toBe(first.requestId);
    store.getState().newSale();
    typeKeys(store, '40');
    store.getState().openCash();
    store.getState().setTendered(10_000);
    await store.getState().completeCash();
    const third = transport.callsOf('sales.cash')[2] as { requestId: string };
    expect(third.requestId).not.toBe(first.requestId);
  });

  it('a digit after a paid cash sale starts the next sale: the cash panel is gone', async () => {
    const { store } = setup();
    await flush();
    typeKeys(store, '10');
    store.getState().openCash();
    store.getState().setTendered(2_000);
    await store.getState().completeCash();
    store.getState().newSale();
    store.getState().press('7');
    expect(store.getState()).toMatchObject({ sale: null, cash: null, entry: '7' });
  });
});

describe('PromptPay confirmed by hand', () => {
  it('makes a sale awaiting payment with the QR, and "Payment received" records it paid', async () => {
    const { transport, store } = setup();
    await flush();
    typeKeys(store, '9');
    await store.getState().chargeManual();
    expect(transport.callsOf('sales.manualQr')).toEqual([{ amount: 900, requestId: expect.any(String) }]);
    expect(store.getState().sale).toMatchObject({ tender: 'promptpay_manual', status: 'awaiting_payment' });
    expect(cashierPhase(store.getState().sale, false)).toBe('awaiting');
    await store.getState().confirmManual();
    expect(store.getState().sale).toMatchObject({ tender: 'promptpay_manual', status: 'succeeded' });
    expect(store.getState().pending).toBeNull();
  });

  it('a refused confirm (the sale was canceled meanwhile) shows why and then the sale as it is', async () => {
    const { transport, store, sales } = setup();
    await flush();
    typeKeys(store, '60');
    await store.getState().chargeManual();
    const id = store.getState().sale!.id;
    sales.set(id, { ...sales.get(id)!, status: 'canceled', updatedAt: sales.get(id)!.updatedAt + 5 });
    await store.getState().confirmManual();
    expect(store.getState().error).toBe('error.conflict');
    expect(store.getState().sale?.status).toBe('canceled');
    expect(transport.callsOf('sales.confirmManual')).toHaveLength(1);
  });

  it('is never simulated: the demo Pay button is for Stripe sales only', async () => {
    const { transport, store } = setup();
    transport.handle('demo.simulate', () => ({ ok: true, value: makeSale() }));
    await flush();
    typeKeys(store, '60');
    await store.getState().chargeManual();
    await store.getState().simulate('succeed');
    expect(transport.callsOf('demo.simulate')).toHaveLength(0);
    expect(store.getState().sale?.status).toBe('awaiting_payment');
  });

  it('no PromptPay ID: the refusal says a manager sets it, and no sale is made', async () => {
    const { transport, store } = setup();
    transport.handle('sales.manualQr', () => ({ ok: false, error: { code: 'conflict', message: 'no PromptPay ID', field: 'promptPayId' } }));
    await flush();
    typeKeys(store, '60');
    await store.getState().chargeManual();
    expect(store.getState().error).toBe('tender.error.noPromptPayId');
    expect(store.getState().sale).toBeNull();
    expect(store.getState().entry).toBe('60');
  });
});

describe('tender rules', () => {
  it('hand amounts: from 1 satang to the maximum; Charge is blocked under ฿10 or while Stripe is unreachable', () => {
    expect(checkHandEntry('0.01')).toEqual({ ok: true, satang: 1 });
    expect(checkHandEntry('0')).toMatchObject({ ok: false, messageKey: 'error.amount_empty' });
    expect(checkHandEntry('')).toMatchObject({ ok: false, messageKey: 'error.amount_empty' });
    expect(chargeBlock('9.99', false)).toBe('under_minimum');
    expect(chargeBlock('10', false)).toBeNull();
    expect(chargeBlock('', false)).toBeNull();
    expect(chargeBlock('0', false)).toBeNull();
    expect(chargeBlock('100', true)).toBe('offline');
  });

  it('cash received stops at the largest amount; amounts round-trip to typed text', () => {
    expect(pressTendered('99999999', '9')).toBe('99999999');
    expect(pressTendered('999999.99', '9')).toBe('999999.99');
    expect(satangAsEntry(2_000)).toBe('20');
    expect(satangAsEntry(1_250)).toBe('12.50');
    expect(cashSums(500, '')).toEqual({ tendered: 0, change: 0, short: 500, enough: false });
  });

  it('refusals the cashier can act on have their own words', () => {
    expect(tenderErrorKey({ code: 'conflict', message: '', field: 'shift' })).toBe('tender.error.noShift');
    expect(tenderErrorKey({ code: 'conflict', message: '', field: 'promptPayId' })).toBe('tender.error.noPromptPayId');
    expect(tenderErrorKey({ code: 'conflict', message: '' })).toBeNull();
    expect(changeGiven({ tender: 'promptpay', amount: 100, cashTendered: null })).toBeNull();
  });
});
