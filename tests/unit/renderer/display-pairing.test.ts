import { describe, expect, it } from 'vitest';
import { createCustomerStore } from '../../../renderer/state/customer-store';
import { formatPairingCode, isCompletePairingCode, pairingErrorKey, pressPairingCode } from '../../../renderer/state/display-pairing';
import { createDisplaysStore, isCodeExpired } from '../../../renderer/state/displays-store';
import type { PinKey } from '../../../renderer/state/pin-entry';
import type { PairedDisplay } from '../../../shared/manager-types';
import type { Sale } from '../../../shared/sale';
import { createFakeTransport, demoInfo, flush, makeSale } from './fake-transport';

const info = demoInfo;
const UNPAIRED = { ok: false as const, error: { code: 'unauthorized' as const, message: 'This display is not paired with the till.' } };

function type(keys: string, press: (key: PinKey) => void): void {
  for (const key of keys) press(key as PinKey);
}

describe('pairing code entry', () => {
  it('takes digits up to six and supports delete and clear', () => {
    let code = '';
    for (const key of ['4', '8', '2', '9', '1', '3', '7'] as PinKey[]) code = pressPairingCode(code, key);
    expect(code).toBe('482913');
    expect(isCompletePairingCode(code)).toBe(true);
    expect(pressPairingCode(code, 'backspace')).toBe('48291');
    expect(isCompletePairingCode('48291')).toBe(false);
    expect(pressPairingCode(code, 'clear')).toBe('');
  });

  it('shows a six-digit code in two groups of three', () => {
    expect(formatPairingCode('482913')).toBe('482 913');
    expect(formatPairingCode('4829')).toBe('4829');
  });

  it('words each refusal of a code for the person at the tablet', () => {
    expect(pairingErrorKey({ code: 'unauthorized', message: 'That code is not right.' })).toBe('pair.error.wrong');
    expect(pairingErrorKey({ code: 'unauthorized', message: 'That code has expired. On the till, ask for a new code.' })).toBe('pair.error.expired');
    expect(pairingErrorKey({ code: 'unauthorized', message: 'That code was already used.' })).toBe('pair.error.expired');
    expect(pairingErrorKey({ code: 'rate_limited', message: 'Too many wrong codes' })).toBe('pair.error.locked');
    expect(pairingErrorKey({ code: 'internal', message: 'till service unreachable: x', unreachable: true })).toBe('error.till_unreachable');
  });
});

describe('customer display pairing', () => {
  it('shows the pairing screen when the till refuses the feed, and does not open the event stream', async () => {
    const transport = createFakeTransport();
    transport.handle('app.info', () => UNPAIRED);
    transport.handle('sales.current', () => UNPAIRED);
    const store = createCustomerStore({ transport, lang: 'th' });
    store.getState().start();
    await flush();
    expect(store.getState().access).toBe('pairing');
    // No feed subscription: an event pushed now (were a stream open) would not be shown.
    transport.emit({ type: 'sale.updated', data: makeSale() });
    expect(store.getState().sale).toBeNull();
  });

  it('sends the code on the sixth digit, shows a wrong code, then starts the feed once paired', async () => {
    const transport = createFakeTransport();
    let paired = false;
    const sale = makeSale();
    transport.handle('app.info', () => (paired ? { ok: true, value: info } : UNPAIRED));
    transport.handle('sales.current', () => (paired ? { ok: true, value: sale } : UNPAIRED));
    transport.handle('displays.pair', ({ code }) => {
      if (code !== '482913') return { ok: false, error: { code: 'unauthorized', message: 'That code is not right.', field: 'code' } };
      paired = true;
      return { ok: true, value: { name: 'Display 1' } };
    });
    const store = createCustomerStore({ transport, lang: 'en' });
    store.getState().start();
    await flush();

    type('11111', store.getState().pressKey);
    expect(transport.callsOf('displays.pair')).toHaveLength(0);
    store.getState().pressKey('1');
    await flush();
    expect(transport.callsOf('displays.pair')).toEqual([{ code: '111111' }]);
    expect(store.getState()).toMatchObject({ access: 'pairing', code: '', pairError: 'pair.error.wrong' });

    type('482913', store.getState().pressKey);
    await flush();
    await flush();
    expect(store.getState()).toMatchObject({ access: 'ready', pairedName: 'Display 1', shopName: 'Baan Kafe', pairError: null });
    expect(store.getState().sale?.id).toBe(sale.id);
    const next: Sale = makeSale();
    transport.emit({ type: 'sale.updated', data: next });
    expect(store.getState().sale?.id).toBe(next.id);
  });

  it('goes back to the pairing screen when its feed drops and the till no longer knows it', async () => {
    const transport = createFakeTransport();
    let paired = true;
    transport.handle('app.info', () => (paired ? { ok: true, value: info } : UNPAIRED));
    transport.handle('sales.current', () => (paired ? { ok: true, value: null } : UNPAIRED));
    const store = createCustomerStore({ transport, lang: 'th' });
    store.getState().start();
    await flush();
    transport.setConnection('connected');
    await flush();
    expect(store.getState().access).toBe('ready');

    paired = false; // a manager unpaired it; the till ended its stream
    transport.setConnection('disconnected');
    await flush();
    expect(store.getState().access).toBe('pairing');
    transport.emit({ type: 'sale.updated', data: makeSale() });
    expect(store.getState().sale).toBeNull();
  });
});

describe('displays on the till', () => {
  const display: PairedDisplay = { displayId: 'dsp_abcdefgh12', name: 'Display 1', pairedAt: 1, pairedBy: 'Owner', lastSeen: 2 };

  it('opens the code dialog with a fresh code and knows when it has expired', async () => {
    const transport = createFakeTransport();
    transport.handle('displays.pairingCode', () => ({ ok: true, value: { code: '482913', expiresAt: 1_000 } }));
    const store = createDisplaysStore({ transport });
    await store.getState().openCode();
    expect(store.getState()).toMatchObject({ codeOpen: true, code: { code: '482913' } });
    expect(isCodeExpired(store.getState().code, 999)).toBe(false);
    expect(isCodeExpired(store.getState().code, 1_000)).toBe(true);
    store.getState().closeCode();
    expect(store.getState().code).toBeNull();
  });

  it('does not pop the dialog back up when it was closed before the code arrived', async () => {
    const transport = createFakeTransport();
    let answer: (value: { ok: true; value: { code: string; expiresAt: number } }) => void = () => undefined;
    transport.handle('displays.pairingCode', () => new Promise((resolve) => (answer = resolve)));
    const store = createDisplaysStore({ transport });
    const opening = store.getState().openCode();
    store.getState().closeCode();
    answer({ ok: true, value: { code: '482913', expiresAt: 1_000 } });
    await opening;
    expect(store.getState()).toMatchObject({ codeOpen: false, code: null });
  });

  it('lists paired displays and unpairs one', async () => {
    const transport = createFakeTransport();
    transport.handle('displays.list', () => ({ ok: true, value: [display] }));
    transport.handle('displays.unpair', () => ({ ok: true, value: [] }));
    const store = createDisplaysStore({ transport });
    await store.getState().load();
    expect(store.getState().displays).toEqual([display]);
    await store.getState().unpair(display.displayId);
    expect(transport.callsOf('displays.unpair')).toEqual([{ displayId: display.displayId }]);
    expect(store.getState()).toMatchObject({ displays: [], unpairing: null });
  });
});
