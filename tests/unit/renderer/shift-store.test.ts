import { describe, expect, it } from 'vitest';
import type { Shift } from '../../../shared/manager-types';
import { createShiftStore } from '../../../renderer/state/shift-store';
import { createFakeTransport } from './fake-transport';

function shift(overrides: Partial<Shift> = {}): Shift {
  return {
    id: 'shf_TEST0001',
    tillId: 'till-1',
    number: 3,
    openedAt: 1_700_000_000_000,
    openedBy: 'Nok',
    closedAt: null,
    closedBy: null,
    cash: { float: 100_000, cashSales: { count: 1, amount: 35_000 }, payIns: 0, payOuts: 10_000, cashRefunds: { count: 0, amount: 0 }, expected: 125_000 },
    movements: [],
    countedCash: null,
    overShort: null,
    closeNote: null,
    ...overrides,
  };
}

describe('shift store', () => {
  it('loads the open shift, then follows shift.updated (null: the shift was closed elsewhere)', async () => {
    const transport = createFakeTransport();
    transport.handle('shifts.current', () => ({ ok: true, value: shift() }));
    const store = createShiftStore({ transport });
    expect(store.getState().loaded).toBe(false);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ loaded: true, shift: { number: 3, cash: { expected: 125_000 } } });
    store.getState().onEvent({ type: 'shift.updated', data: shift({ cash: { ...shift().cash, expected: 150_000 } }) });
    expect(store.getState().shift?.cash.expected).toBe(150_000);
    store.getState().onEvent({ type: 'shift.updated', data: null });
    expect(store.getState().shift).toBeNull();
  });

  it('an event that arrives while a load is on its way wins over the older answer', async () => {
    const transport = createFakeTransport();
    let answer: (value: Shift | null) => void = () => undefined;
    transport.handle('shifts.current', () => new Promise((resolve) => (answer = (value) => resolve({ ok: true, value }))));
    const store = createShiftStore({ transport });
    const loading = store.getState().load();
    store.getState().onEvent({ type: 'shift.updated', data: null });
    answer(shift());
    await loading;
    expect(store.getState().shift).toBeNull();
  });

  it('opens a shift with the float and closes the dialog', async () => {
    const transport = createFakeTransport();
    transport.handle('shifts.open', (input) => ({ ok: true, value: shift({ cash: { ...shift().cash, float: input.float } }) }));
    const store = createShiftStore({ transport });
    store.getState().show({ kind: 'open' });
    expect(await store.getState().open(100_000)).toBe(true);
    expect(transport.callsOf('shifts.open')).toEqual([{ float: 100_000 }]);
    expect(store.getState()).toMatchObject({ dialog: null, busy: false, shift: { cash: { float: 100_000 } } });
  });

  it('a pay-out goes with its reason and returns to the shift panel', async () => {
    const transport = createFakeTransport();
    transport.handle('shifts.cashMovement', () => ({ ok: true, value: shift() }));
    const store = createShiftStore({ transport });
    store.getState().show({ kind: 'move', movement: 'pay_out' });
    await store.getState().move('pay_out', 10_000, 'ice');
    expect(transport.callsOf('shifts.cashMovement')).toEqual([{ kind: 'pay_out', amount: 10_000, reason: 'ice' }]);
    expect(store.getState().dialog).toEqual({ kind: 'panel' });
  });

  it('closing shows the closed shift (counted, over/short) and leaves no shift open', async () => {
    const transport = createFakeTransport();
    transport.handle('shifts.close', (input) => ({ ok: true, value: shift({ closedAt: 1_700_000_100_000, countedCash: input.countedCash, overShort: input.countedCash - 125_000 }) }));
    const store = createShiftStore({ transport });
    store.getState().onEvent({ type: 'shift.updated', data: shift() });
    await store.getState().close(120_000, '  ');
    expect(transport.callsOf('shifts.close')).toEqual([{ countedCash: 120_000 }]);
    const { dialog, shift: open } = store.getState();
    expect(open).toBeNull();
    expect(dialog?.kind === 'closed' ? dialog.shift.overShort : 'none').toBe(-5_000);
  });

  it('a conflict says what is wrong with the drawer in words, keeps the dialog, and reads the shift again', async () => {
    const transport = createFakeTransport();
    transport.handle('shifts.open', () => ({ ok: false, error: { code: 'conflict', message: 'A shift is already open on till-1.' } }));
    transport.handle('shifts.current', () => ({ ok: true, value: shift() }));
    const store = createShiftStore({ transport });
    store.getState().show({ kind: 'open' });
    expect(await store.getState().open(0)).toBe(false);
    expect(store.getState().error).toEqual({ key: 'shift.error.alreadyOpen', detail: 'A shift is already open on till-1.' });
    expect(store.getState().dialog).toEqual({ kind: 'open' });
    await Promise.resolve();
    expect(transport.callsOf('shifts.current')).toHaveLength(1);
  });

  it('a bad input is shown with the core’s words and nothing else changes', async () => {
    const transport = createFakeTransport();
    transport.handle('shifts.cashMovement', () => ({ ok: false, error: { code: 'invalid_input', message: 'say why the cash goes in or out', field: 'reason' } }));
    const store = createShiftStore({ transport });
    store.getState().onEvent({ type: 'shift.updated', data: shift() });
    await store.getState().move('pay_in', 500, ' ');
    expect(store.getState().error?.key).toBe('error.invalid_input');
    expect(store.getState().shift?.cash.expected).toBe(125_000);
    expect(transport.callsOf('shifts.current')).toHaveLength(0);
  });
});
