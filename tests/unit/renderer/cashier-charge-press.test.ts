// Charge pressed: the request to the core leaves before the screens are told "charging" (every
// subscriber of the till's store runs on that change, and their work would hold the request back),
// and a second press while it is out still sends nothing.
import { describe, expect, it } from 'vitest';
import { createCashierStore } from '../../../renderer/state/cashier-store';
import type { PosResult } from '../../../shared/pos-error';
import type { Sale } from '../../../shared/sale';
import { createFakeTransport, demoInfo, flush, makeSale } from './fake-transport';

describe('till: Charge pressed', () => {
  it('sends the charge before the screens hear "charging", and a second press sends nothing more', async () => {
    const transport = createFakeTransport();
    transport.handle('app.info', () => ({ ok: true, value: demoInfo }));
    transport.handle('sales.current', () => ({ ok: true, value: null }));
    transport.handle('sales.list', () => ({ ok: true, value: [] }));
    const sale = makeSale({ amount: 12_000 });
    let answer: (result: PosResult<Sale>) => void = () => undefined;
    transport.handle('sales.charge', () => new Promise<PosResult<Sale>>((resolve) => (answer = resolve)));
    const store = createCashierStore({ transport, lang: 'en' });
    store.getState().start();
    await flush();
    for (const key of '120') store.getState().press(key as '0');

    // What a subscriber (the screen) finds when it first hears "charging".
    let chargesSentWhenToldCharging: number | null = null;
    store.subscribe((state, previous) => {
      if (state.charging && !previous.charging) chargesSentWhenToldCharging = transport.callsOf('sales.charge').length;
    });
    const first = store.getState().charge();
    expect(chargesSentWhenToldCharging).toBe(1);
    expect(store.getState().charging).toBe(true);

    await store.getState().charge();
    expect(transport.callsOf('sales.charge')).toHaveLength(1);

    answer({ ok: true, value: sale });
    await first;
    expect(store.getState().charging).toBe(false);
    expect(store.getState().sale).toEqual(sale);
  });
});
