import { describe, expect, it } from 'vitest';
import { createCashierStore } from '../../../renderer/state/cashier-store';
import { cashierPhase } from '../../../renderer/state/cashier-view';
import { createFakeTransport, demoInfo, flush, makeSale } from './fake-transport';

const info = demoInfo;

function setup() {
  const transport = createFakeTransport();
  transport.handle('app.info', () => ({ ok: true, value: info }));
  transport.handle('sales.current', () => ({ ok: true, value: null }));
  transport.handle('sales.list', () => ({ ok: true, value: [] }));
  const store = createCashierStore({ transport, lang: 'th' });
  store.getState().start();
  return { transport, store };
}

const typeAmount = (store: ReturnType<typeof setup>['store'], text: string): void => {
  for (const ch of text) store.getState().press(ch === '.' ? '.' : (ch as '0'));
};

describe('cashier store', () => {
  it('makes no call for an amount below ฿10 and says why next to the amount', async () => {
    const { transport, store } = setup();
    await flush();
    typeAmount(store, '9.99');
    await store.getState().charge();
    expect(transport.callsOf('sales.charge')).toHaveLength(0);
    expect(store.getState().amountError).toBe('error.amount_too_small');
    await store.getState().charge();
    store.getState().press('clear');
    expect(store.getState().amountError).toBeNull();
    await store.getState().charge();
    expect(store.getState().amountError).toBe('error.amount_empty');
    expect(transport.callsOf('sales.charge')).toHaveLength(0);
  });

  it('charges the typed amount in satang with the trimmed description', async () => {
    const { transport, store } = setup();
    const sale = makeSale({ amount: 12_345 });
    transport.handle('sales.charge', () => ({ ok: true, value: sale }));
    typeAmount(store, '123.45');
    store.getState().setDescription('  Table 4 ');
    await store.getState().charge();
    expect(transport.callsOf('sales.charge')).toEqual([{ amount: 12_345, description: 'Table 4', requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) }]);
    expect(store.getState().sale).toEqual(sale);
    expect(cashierPhase(store.getState().sale, false)).toBe('awaiting');
  });

  it('draws nothing again when the event stream brings the same sale as the charge answer did', async () => {
    const { transport, store } = setup();
    const sale = makeSale();
    transport.handle('sales.charge', () => ({ ok: true, value: sale }));
    typeAmount(store, '50');
    await store.getState().charge();
    const shown = store.getState();
    let changes = 0;
    store.subscribe(() => (changes += 1));
    transport.emit({ type: 'sale.updated', data: JSON.parse(JSON.stringify(sale)) as typeof sale });
    expect(changes).toBe(0);
    expect(store.getState().sale).toBe(shown.sale);
    transport.emit({ type: 'sale.updated', data: { ...sale, status: 'succeeded', updatedAt: sale.updatedAt + 10 } });
    expect(changes).toBe(1);
    expect(store.getState().sale?.status).toBe('succeeded');
  });

  it('follows sale.updated for its sale and ignores the keypad while awaiting', async () => {
    const { transport, store } = setup();
    const sale = makeSale();
    transport.handle('sales.charge', () => ({ ok: true, value: sale }));
    typeAmount(store, '50');
    await store.getState().charge();
    store.getState().press('9');
    expect(store.getState().entry).toBe('50');
    store.getState().newSale();
    expect(store.getState().sale).not.toBeNull();
    transport.emit({ type: 'sale.updated', data: { ...sale, status: 'succeeded', updatedAt: sale.updatedAt + 10 } });
    expect(store.getState().sale?.status).toBe('succeeded');
    expect(store.getState().recent[0].status).toBe('succeeded');
    store.getState().newSale();
    expect(store.getState().sale).toBeNull();
    expect(store.getState().entry).toBe('');
  });

  it('an event that beat the charge response is not lost', async () => {
    const { transport, store } = setup();
    const sale = makeSale();
    transport.handle('sales.charge', () => {
      transport.emit({ type: 'sale.updated', data: { ...sale, status: 'succeeded', updatedAt: sale.updatedAt + 1 } });
      return { ok: true, value: sale };
    });
    typeAmount(store, '50');
    await store.getState().charge();
    expect(store.getState().sale?.status).toBe('succeeded');
  });

  it('shows the core error translated by code and keeps the entry for a retry', async () => {
    const { transport, store } = setup();
    transport.handle('sales.charge', () => ({ ok: false, error: { code: 'stripe_unreachable', message: 'down' } }));
    typeAmount(store, '50');
    await store.getState().charge();
    expect(store.getState().error).toBe('error.stripe_unreachable');
    expect(store.getState().entry).toBe('50');
    expect(store.getState().charging).toBe(false);
  });

  it('a cancel that lost the race to a payment ends showing the paid, flagged sale', async () => {
    const { transport, store } = setup();
    const sale = makeSale();
    transport.handle('sales.charge', () => ({ ok: true, value: sale }));
    transport.handle('sales.cancel', () => ({ ok: false, error: { code: 'conflict', message: 'already paid' } }));
    transport.handle('sales.get', () => ({
      ok: true,
      value: { ...sale, status: 'succeeded', flagged: true, flagReason: 'paid_after_cancel', updatedAt: sale.updatedAt + 5 },
    }));
    typeAmount(store, '50');
    await store.getState().charge();
    await store.getState().cancel();
    expect(store.getState().sale?.status).toBe('succeeded');
    expect(store.getState().sale?.flagged).toBe(true);
    expect(store.getState().error).toBe('error.conflict');
  });

  it('simulates the customer only in demo mode, for the awaiting sale', async () => {
    const { transport, store } = setup();
    await flush();
    const sale = makeSale();
    transport.handle('sales.charge', () => ({ ok: true, value: sale }));
    transport.handle('demo.simulate', () => ({ ok: true, value: { ...sale, status: 'failed', updatedAt: sale.updatedAt + 1 } }));
    typeAmount(store, '50');
    await store.getState().charge();
    await store.getState().simulate('fail');
    expect(transport.callsOf('demo.simulate')).toEqual([{ saleId: sale.id, outcome: 'fail' }]);
    expect(store.getState().sale?.status).toBe('failed');
  });

  it('picks up an unfinished sale after a reload, and re-reads it after a reconnect', async () => {
    const transport = createFakeTransport();
    const sale = makeSale();
    transport.handle('app.info', () => ({ ok: true, value: info }));
    transport.handle('sales.current', () => ({ ok: true, value: sale }));
    transport.handle('sales.list', () => ({ ok: true, value: [sale] }));
    const store = createCashierStore({ transport, lang: 'en' });
    store.getState().start();
    await flush();
    expect(store.getState().sale?.id).toBe(sale.id);
    expect(store.getState().info?.demo).toBe(true);

    transport.setConnection('connected');
    transport.setConnection('disconnected');
    transport.handle('sales.current', () => ({ ok: true, value: { ...sale, status: 'expired', updatedAt: sale.updatedAt + 1 } }));
    transport.setConnection('connected');
    await flush();
    expect(store.getState().sale?.status).toBe('expired');
    // Read at start, when the stream first connects, and again after the reconnect.
    expect(transport.callsOf('sales.current')).toHaveLength(3);
  });

  it('retries a charge that got no answer with the same requestId, so the core cannot charge twice', async () => {
    const { transport, store } = setup();
    await flush();
    const sale = makeSale({ amount: 5_000 });
    let answers = 0;
    transport.handle('sales.charge', () =>
      ++answers === 1 ? { ok: false, error: { code: 'internal', message: 'till service unreachable: fetch failed', unreachable: true } as never } : { ok: true, value: sale },
    );
    typeAmount(store, '50');
    await store.getState().charge();
    expect(store.getState().error).toBe('error.till_unreachable');
    expect(store.getState().entry).toBe('50');
    await store.getState().charge();
    const [first, retry] = transport.callsOf('sales.charge') as { requestId: string }[];
    expect(first.requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(retry.requestId).toBe(first.requestId);
    expect(store.getState().sale?.id).toBe(sale.id);
  });

  it('uses a new requestId for a new sale, a changed amount or description, and after the core answered', async () => {
    const transport = createFakeTransport();
    transport.handle('app.info', () => ({ ok: true, value: info }));
    transport.handle('sales.current', () => ({ ok: true, value: null }));
    transport.handle('sales.list', () => ({ ok: true, value: [] }));
    let n = 0;
    const store = createCashierStore({ transport, lang: 'en', newRequestId: () => `request-${++n}-abcdefgh` });
    store.getState().start();
    const unreachable = () => ({ ok: false as const, error: { code: 'internal', message: 'unreachable', unreachable: true } as never });
    transport.handle('sales.charge', unreachable);
    typeAmount(store, '50');
    await store.getState().charge();
    store.getState().press('0'); // ฿500 now: a different charge
    await store.getState().charge();
    store.getState().setDescription('Table 2');
    await store.getState().charge();
    await store.getState().charge(); // unchanged: the same attempt again
    // The core answered (Stripe down): that attempt is over; the next press is a new one.
    transport.handle('sales.charge', () => ({ ok: false, error: { code: 'stripe_unreachable', message: 'down' } }));
    await store.getState().charge();
    await store.getState().charge();
    const ids = (transport.callsOf('sales.charge') as { requestId: string }[]).map((input) => input.requestId);
    expect(ids).toEqual([
      'request-1-abcdefgh', 'request-2-abcdefgh', 'request-3-abcdefgh', 'request-3-abcdefgh', 'request-3-abcdefgh', 'request-4-abcdefgh',
    ]);

    // A finished sale, then New sale: the same amount is a new charge.
    const sale = makeSale({ amount: 50_000, status: 'succeeded' });
    transport.handle('sales.charge', unreachable);
    await store.getState().charge();
    transport.handle('sales.charge', () => ({ ok: true, value: sale }));
    await store.getState().charge();
    store.getState().newSale();
    typeAmount(store, '500');
    store.getState().setDescription('Table 2');
    transport.handle('sales.charge', unreachable);
    await store.getState().charge();
    expect((transport.callsOf('sales.charge') as { requestId: string }[]).slice(6).map((input) => input.requestId)).toEqual([
      'request-5-abcdefgh', 'request-5-abcdefgh', 'request-6-abcdefgh',
    ]);
  });

  it('says a restore is running when the core refuses a charge for it', async () => {
    const { transport, store } = setup();
    transport.handle('sales.charge', () => ({ ok: false, error: { code: 'conflict', message: 'A restore is in progress…', field: 'maintenance' } }));
    typeAmount(store, '50');
    await store.getState().charge();
    expect(store.getState().error).toBe('error.restore_in_progress');
  });

  it('a charge refused for a Stripe account change says so (not "restore"), and the banner appears', async () => {
    const { transport, store } = setup();
    await flush();
    const pendingChange = { fromMode: 'test' as const, fromAccount: 'acct_1OLD', toMode: 'live' as const, toAccount: 'acct_1NEW' };
    transport.handle('app.info', () => ({ ok: true, value: { ...info, stripe: { ...info.stripe, pendingChange } } }));
    transport.handle('sales.charge', () => ({ ok: false, error: { code: 'conflict', message: 'A manager must approve the change', field: 'stripe_account' } }));
    typeAmount(store, '50');
    await store.getState().charge();
    expect(store.getState().error).toBe('stripe.chargesPaused');
    expect(store.getState().info?.stripe.pendingChange).toEqual(pendingChange);
    expect(store.getState().sale).toBeNull();
  });

  it('a charge refused while the Stripe key is being checked or lacks a permission says so, never "restore"', async () => {
    const { transport, store } = setup();
    await flush();
    transport.handle('sales.charge', () => ({ ok: false, error: { code: 'conflict', message: 'The restricted Stripe key lacks …', field: 'stripe_account' } }));
    typeAmount(store, '50');
    await store.getState().charge();
    expect(store.getState().error).toBe('error.stripe_account');
    expect(store.getState().sale).toBeNull();
  });

  it('a till that cannot reach the service says so', async () => {
    const transport = createFakeTransport();
    transport.handle('app.info', () => ({ ok: false, error: { code: 'internal', message: 'x', unreachable: true } as never }));
    transport.handle('sales.current', () => ({ ok: true, value: null }));
    transport.handle('sales.list', () => ({ ok: true, value: [] }));
    const store = createCashierStore({ transport, lang: 'en' });
    store.getState().start();
    await flush();
    expect(store.getState().error).toBe('error.till_unreachable');
  });
});

describe('cashier store: an answer that arrives after the event stream finished the sale', () => {
  it('lets the next sale start, and the late answer never pulls the paid sale back over what is typed', async () => {
    const { transport, store } = setup();
    await flush();
    const sale = makeSale({ amount: 3_000 });
    transport.handle('sales.charge', () => ({ ok: true, value: sale }));
    let answer: (value: { ok: true; value: typeof sale }) => void = () => undefined;
    transport.handle('demo.simulate', () => new Promise((resolve) => (answer = resolve)));
    typeAmount(store, '30');
    await store.getState().charge();
    const simulating = store.getState().simulate('succeed');
    const paid = { ...sale, status: 'succeeded' as const, updatedAt: sale.updatedAt + 10 };
    // The stream says paid before the simulate call answers; the cashier types the next amount.
    transport.emit({ type: 'sale.updated', data: paid });
    expect(store.getState().sale?.status).toBe('succeeded');
    store.getState().newSale();
    store.getState().press('7');
    answer({ ok: true, value: paid });
    await simulating;
    expect(store.getState().sale).toBeNull();
    expect(store.getState().entry).toBe('7');
    expect(store.getState().recent.find((row) => row.id === sale.id)?.status).toBe('succeeded');
  });
});
