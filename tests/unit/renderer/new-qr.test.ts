// "New QR": an expired or failed sale gets a fresh QR for the same sale (same amount, note and
// PaymentIntent) instead of being typed again; both screens follow the new attempt.
import { describe, expect, it } from 'vitest';
import type { Sale } from '../../../shared/sale';
import { cashierKeyAction, type KeyInput } from '../../../renderer/state/cashier-keys';
import { createCashierStore } from '../../../renderer/state/cashier-store';
import { canRenew, cashierPhase, endedReason } from '../../../renderer/state/cashier-view';
import { createCustomerStore } from '../../../renderer/state/customer-store';
import { mergeSale } from '../../../renderer/state/sale-merge';
import { createFakeTransport, demoInfo, flush, makeSale } from './fake-transport';

const info = demoInfo;
const EXPIRED_CODE = 'payment_intent_payment_attempt_expired';

/** The same sale after Stripe ended its QR attempt. */
const ended = (sale: Sale, status: 'expired' | 'failed', failureCode: string | null = EXPIRED_CODE): Sale => ({
  ...sale,
  status,
  paymentIntentStatus: 'requires_payment_method',
  qrData: null,
  failureCode,
  updatedAt: sale.updatedAt + 10,
});

/** The same sale on its next QR attempt, as the core answers sales.renew. */
const renewed = (sale: Sale, attempt = 2): Sale => ({
  ...sale, status: 'awaiting_payment', paymentIntentStatus: 'requires_action', qrData: `qr-attempt-${attempt}`, failureCode: null, qrExpiresAt: sale.updatedAt + 600_020, updatedAt: sale.updatedAt + 20 });

function setup() {
  const transport = createFakeTransport();
  transport.handle('app.info', () => ({ ok: true, value: info }));
  transport.handle('sales.current', () => ({ ok: true, value: null }));
  transport.handle('sales.list', () => ({ ok: true, value: [] }));
  const store = createCashierStore({ transport, lang: 'en' });
  store.getState().start();
  return { transport, store };
}

async function chargeAndEnd(status: 'expired' | 'failed', failureCode: string | null = EXPIRED_CODE) {
  const { transport, store } = setup();
  await flush();
  const sale = makeSale({ amount: 50_000, description: 'Table 4' });
  transport.handle('sales.charge', () => ({ ok: true, value: sale }));
  for (const key of ['5', '0', '0'] as const) store.getState().press(key);
  await store.getState().charge();
  const over = ended(sale, status, failureCode);
  transport.emit({ type: 'sale.updated', data: over });
  return { transport, store, sale, over };
}

describe('New QR in the cashier store', () => {
  it('asks sales.renew for the same sale and follows the new attempt', async () => {
    const { transport, store, sale } = await chargeAndEnd('expired');
    expect(store.getState().sale?.status).toBe('expired');
    transport.handle('sales.renew', (input) => ({ ok: true, value: renewed({ ...sale, id: input.saleId }) }));
    await store.getState().renew();
    expect(transport.callsOf('sales.renew')).toEqual([{ saleId: sale.id }]);
    // Same sale, amount and note; no second charge.
    expect(transport.callsOf('sales.charge')).toHaveLength(1);
    const now = store.getState().sale!;
    expect([now.id, now.amount, now.description, now.status, now.qrData]).toEqual([sale.id, 50_000, 'Table 4', 'awaiting_payment', 'qr-attempt-2']);
    expect(cashierPhase(now, false)).toBe('awaiting');
    expect(store.getState().recent[0].status).toBe('awaiting_payment');
  });

  it('a late event from the ended attempt does not undo the new QR; the new attempt can still finish', async () => {
    const { transport, store, sale, over } = await chargeAndEnd('failed', 'payment_intent_payment_attempt_failed');
    transport.handle('sales.renew', () => ({ ok: true, value: renewed(sale) }));
    await store.getState().renew();
    transport.emit({ type: 'sale.updated', data: { ...over, updatedAt: over.updatedAt + 999 } });
    expect(store.getState().sale?.status).toBe('awaiting_payment');
    transport.emit({ type: 'sale.updated', data: { ...renewed(sale), status: 'succeeded', updatedAt: sale.updatedAt + 30 } as Sale });
    expect(store.getState().sale?.status).toBe('succeeded');
  });

  it('is only offered for an expired or failed sale whose PaymentIntent Stripe keeps', async () => {
    const { transport, store } = setup();
    await flush();
    const sale = makeSale();
    transport.handle('sales.charge', () => ({ ok: true, value: sale }));
    transport.handle('sales.renew', () => ({ ok: true, value: renewed(sale) }));
    for (const key of ['5', '0'] as const) store.getState().press(key);
    await store.getState().charge();
    await store.getState().renew(); // still awaiting payment
    transport.emit({ type: 'sale.updated', data: { ...sale, status: 'canceled', paymentIntentStatus: 'canceled', updatedAt: sale.updatedAt + 1 } });
    await store.getState().renew(); // canceled
    expect(transport.callsOf('sales.renew')).toHaveLength(0);

    expect(canRenew(ended(sale, 'expired'))).toBe(true);
    expect(canRenew(ended(sale, 'failed'))).toBe(true);
    expect(canRenew({ ...ended(sale, 'expired'), paymentIntentStatus: 'canceled' })).toBe(false);
    expect(canRenew({ ...ended(sale, 'failed'), paymentIntentId: null })).toBe(false);
    expect(canRenew({ ...sale, status: 'succeeded' })).toBe(false);
    expect(canRenew(null)).toBe(false);
  });

  it('a refused renew says why and shows the sale as the core has it', async () => {
    const { transport, store, sale, over } = await chargeAndEnd('expired');
    transport.handle('sales.renew', () => ({ ok: false, error: { code: 'conflict', message: 'no longer renewable' } }));
    transport.handle('sales.get', () => ({ ok: true, value: { ...over, paymentIntentStatus: 'canceled', updatedAt: over.updatedAt + 1 } }));
    await store.getState().renew();
    expect(store.getState().error).toBe('error.conflict');
    expect(store.getState().pending).toBeNull();
    expect(store.getState().sale?.id).toBe(sale.id);
    expect(canRenew(store.getState().sale)).toBe(false);
  });

  it('two quick presses make one call', async () => {
    const { transport, store, sale } = await chargeAndEnd('expired');
    transport.handle('sales.renew', () => ({ ok: true, value: renewed(sale) }));
    await Promise.all([store.getState().renew(), store.getState().renew()]);
    expect(transport.callsOf('sales.renew')).toHaveLength(1);
  });
});

describe('New QR on the keyboard and on screen', () => {
  const enter: KeyInput = { key: 'Enter', inTextField: false };
  it('Enter asks for a new QR on a renewable sale; Escape still starts a new sale', () => {
    expect(cashierKeyAction(enter, 'finished', true)).toEqual({ type: 'renew' });
    expect(cashierKeyAction({ key: 'Escape', inTextField: false }, 'finished', true)).toEqual({ type: 'newSale' });
    expect(cashierKeyAction(enter, 'finished', false)).toEqual({ type: 'newSale' });
    expect(cashierKeyAction(enter, 'awaiting', true)).toBeNull();
  });

  it('names why the last QR ended', () => {
    const sale = makeSale();
    expect(endedReason(ended(sale, 'expired'))).toEqual({ key: 'cashier.ended.stripeExpired', code: EXPIRED_CODE });
    expect(endedReason(ended(sale, 'expired', null))).toEqual({ key: 'cashier.ended.timeout', code: null });
    expect(endedReason(ended(sale, 'failed', 'payment_intent_payment_attempt_failed'))).toEqual({ key: 'cashier.ended.declined', code: 'payment_intent_payment_attempt_failed' });
    expect(endedReason(ended(sale, 'failed', 'card_declined'))).toEqual({ key: 'cashier.ended.other', code: 'card_declined' });
    expect(endedReason(ended(sale, 'failed', null))).toEqual({ key: 'cashier.ended.unknown', code: null });
    expect(endedReason(sale)).toBeNull();
  });

  it('merging prefers the later QR attempt, then the later stage', () => {
    const sale = makeSale();
    const over = ended(sale, 'expired');
    const next = renewed(sale);
    expect(mergeSale(over, next)).toBe(next);
    expect(mergeSale(next, over)).toBe(next);
    expect(mergeSale(sale, over)).toBe(over);
  });

  it('the customer display leaves the expired screen for the new QR', async () => {
    const transport = createFakeTransport();
    const sale = makeSale();
    transport.handle('app.info', () => ({ ok: true, value: info }));
    transport.handle('sales.current', () => ({ ok: true, value: ended(sale, 'expired') }));
    const store = createCustomerStore({ transport, lang: 'th', now: () => sale.updatedAt + 50 });
    store.getState().start();
    await flush();
    expect(store.getState().sale?.status).toBe('expired');
    transport.emit({ type: 'sale.updated', data: renewed(sale) });
    expect(store.getState().sale?.status).toBe('awaiting_payment');
    expect(store.getState().sale?.qrData).toBe('qr-attempt-2');
    expect(store.getState().finalSince).toBeNull();
  });
});
