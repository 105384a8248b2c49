// Shifts on a real till (startCore, SQLite ledger): open with a float, pay in and out with a reason,
// cash sales and cash refunds of the shift, close with the count. Each step is audited and announced,
// and every refusal is clear and changes nothing.
import { describe, expect, it, vi } from 'vitest';
import type { CallContext, PosCore } from '../../../electron/core/pos-core-types';
import { businessDateOf } from '../../../electron/core/reports/business-day';
import type { AuditEntryView, Cashier, Refund, Shift } from '../../../shared/manager-types';
import type { Sale } from '../../../shared/sale';
import type { PosEvent } from '../../../shared/pos-contract';
import { call, OWNER_NAME, signedInContext, useTestCores } from '../../support/core-harness';
import { ledgerOf, recordCashRefund, recordCashSale } from './cash-ledger';

// A cashier's PIN costs a 128 MiB scrypt: slow on a busy machine.
vi.setConfig({ testTimeout: 60_000 });

const core = useTestCores();

function shiftEvents(pos: PosCore): (Shift | null)[] {
  const seen: (Shift | null)[] = [];
  pos.subscribe((event: PosEvent) => {
    if (event.type === 'shift.updated') seen.push(event.data);
  });
  return seen;
}

async function auditOf(pos: PosCore, prefix: string): Promise<AuditEntryView[]> {
  const entries = await call<AuditEntryView[]>(pos, 'audit.list', { limit: 500 }, await signedInContext(pos));
  return entries.filter((entry) => entry.action.startsWith(prefix)).reverse();
}

async function refusal(pos: PosCore, op: string, input: unknown, context?: CallContext) {
  const result = await pos.dispatch(op, input, context ?? (await signedInContext(pos)));
  if (result.ok) throw new Error(`${op} was expected to be refused`);
  return result.error;
}

async function cashierSession(pos: PosCore): Promise<CallContext> {
  const cashier = await call<Cashier>(pos, 'cashiers.create', { name: 'Cashier Nok', pin: '4321', role: 'cashier' }, await signedInContext(pos));
  const context: CallContext = { transport: 'http', clientKey: 'http:cashier' };
  await call(pos, 'auth.signIn', { cashierId: cashier.cashierId, pin: '4321' }, context);
  return context;
}

describe('a shift', () => {
  it('opens with a float, numbered per till, recorded with who opened it, audited and announced', async () => {
    const pos = await core();
    const events = shiftEvents(pos);
    expect(await call<Shift | null>(pos, 'shifts.current', {})).toBeNull();
    const shift = await call<Shift>(pos, 'shifts.open', { float: 100_000 });
    expect(shift).toMatchObject({
      tillId: 'till-1', number: 1, openedBy: OWNER_NAME, closedAt: null, countedCash: null, overShort: null, movements: [],
      cash: { float: 100_000, cashSales: { count: 0, amount: 0 }, payIns: 0, payOuts: 0, cashRefunds: { count: 0, amount: 0 }, expected: 100_000 },
    });
    expect(shift.id).toMatch(/^shift_/);
    expect(await call<Shift | null>(pos, 'shifts.current', {})).toEqual(shift);
    expect(events).toEqual([shift]);
    const [audit] = await auditOf(pos, 'shift.');
    expect(audit).toMatchObject({ actor: OWNER_NAME, action: 'shift.open', detail: { shiftId: shift.id, number: 1, tillId: 'till-1', float: 100_000 } });
  });

  it('refuses a second open shift on the till, naming the open one, and changes nothing', async () => {
    const pos = await core();
    const first = await call<Shift>(pos, 'shifts.open', { float: 50_000 });
    const error = await refusal(pos, 'shifts.open', { float: 20_000 });
    expect(error).toMatchObject({ code: 'conflict', field: 'shift' });
    expect(error.message).toMatch(/^Shift 1 is still open on this till \(opened at \d\d:\d\d by Owner Somchai\); close it with its cash count before opening another\.$/);
    expect(await call<Shift | null>(pos, 'shifts.current', {})).toEqual(first);
    expect((await auditOf(pos, 'shift.')).map((entry) => entry.action)).toEqual(['shift.open']);
  });

  it('refuses bad amounts and reasons with a clear error, changing nothing', async () => {
    const pos = await core();
    expect(await refusal(pos, 'shifts.open', { float: -1 })).toMatchObject({ code: 'invalid_input', field: 'float' });
    expect(await refusal(pos, 'shifts.open', { float: 10.5 })).toMatchObject({ code: 'invalid_input', field: 'float' });
    expect(await call<Shift | null>(pos, 'shifts.current', {})).toBeNull();
    await call<Shift>(pos, 'shifts.open', { float: 0 });
    expect(await refusal(pos, 'shifts.cashMovement', { kind: 'pay_out', amount: 100, reason: '   ' })).toMatchObject({ code: 'invalid_input', field: 'reason', message: 'reason: say why the cash goes in or out' });
    expect(await refusal(pos, 'shifts.cashMovement', { kind: 'pay_out', amount: 0, reason: 'ice' })).toMatchObject({ code: 'invalid_input', field: 'amount' });
    expect(await refusal(pos, 'shifts.cashMovement', { kind: 'refund', amount: 100, reason: 'ice' })).toMatchObject({ code: 'invalid_input', field: 'kind' });
    expect(await refusal(pos, 'shifts.close', { countedCash: -5 })).toMatchObject({ code: 'invalid_input', field: 'countedCash' });
    const shift = await call<Shift>(pos, 'shifts.current', {});
    expect(shift.movements).toEqual([]);
    expect(shift.closedAt).toBeNull();
  });

  it('counts pay-ins and pay-outs with their reasons; a pay-out below zero is allowed and audited as such', async () => {
    const pos = await core();
    const events = shiftEvents(pos);
    await call<Shift>(pos, 'shifts.open', { float: 10_000 });
    await call<Shift>(pos, 'shifts.cashMovement', { kind: 'pay_in', amount: 50_000, reason: 'Change from the bank' });
    const afterOut = await call<Shift>(pos, 'shifts.cashMovement', { kind: 'pay_out', amount: 12_000, reason: '  Ice delivery  ' });
    expect(afterOut.cash).toMatchObject({ float: 10_000, payIns: 50_000, payOuts: 12_000, expected: 48_000 });
    expect(afterOut.movements.map(({ kind, amount, reason, actor }) => ({ kind, amount, reason, actor }))).toEqual([
      { kind: 'pay_in', amount: 50_000, reason: 'Change from the bank', actor: OWNER_NAME },
      { kind: 'pay_out', amount: 12_000, reason: 'Ice delivery', actor: OWNER_NAME },
    ]);
    const below = await call<Shift>(pos, 'shifts.cashMovement', { kind: 'pay_out', amount: 50_000, reason: 'Supplier paid in cash' });
    expect(below.cash.expected).toBe(-2_000);
    expect(events.map((shift) => shift?.cash.expected)).toEqual([10_000, 60_000, 48_000, -2_000]);
    const audit = await auditOf(pos, 'shift.');
    expect(audit.map((entry) => [entry.action, entry.detail])).toEqual([
      ['shift.open', expect.anything()],
      ['shift.pay_in', { shiftId: below.id, number: 1, amount: 50_000, reason: 'Change from the bank', expectedAfter: 60_000 }],
      ['shift.pay_out', { shiftId: below.id, number: 1, amount: 12_000, reason: 'Ice delivery', expectedAfter: 48_000 }],
      ['shift.pay_out', { shiftId: below.id, number: 1, amount: 50_000, reason: 'Supplier paid in cash', expectedAfter: -2_000, drawerBelowZero: true }],
    ]);
  });

  it("expects the float plus the shift's cash sales and pay-ins, minus pay-outs and cash refunds (counted statuses only)", async () => {
    const pos = await core();
    const shift = await call<Shift>(pos, 'shifts.open', { float: 100_000 });
    const db = ledgerOf(pos);
    try {
      const at = Date.now();
      const sale = recordCashSale(db, { amount: 12_000, shiftId: shift.id, createdAt: at });
      recordCashSale(db, { amount: 3_500, shiftId: shift.id, createdAt: at + 1 });
      // Not this drawer's cash: a PromptPay sale, a hand-confirmed one, a cash sale of no shift, one not paid.
      recordCashSale(db, { amount: 99_000, shiftId: shift.id, createdAt: at + 2, tender: 'promptpay' });
      recordCashSale(db, { amount: 88_000, shiftId: shift.id, createdAt: at + 3, tender: 'promptpay_manual' });
      recordCashSale(db, { amount: 77_000, shiftId: null, createdAt: at + 4 });
      recordCashSale(db, { amount: 66_000, shiftId: shift.id, createdAt: at + 5, status: 'canceled' });
      recordCashRefund(db, { saleId: sale, amount: 2_000, shiftId: shift.id, createdAt: at + 6 });
      // A failed refund handed nothing back; a PromptPay refund comes from Stripe, not the drawer.
      recordCashRefund(db, { saleId: sale, amount: 5_000, shiftId: shift.id, createdAt: at + 7, status: 'failed' });
      recordCashRefund(db, { saleId: sale, amount: 4_000, shiftId: shift.id, createdAt: at + 8, tender: 'promptpay' });
    } finally {
      db.close();
    }
    await call<Shift>(pos, 'shifts.cashMovement', { kind: 'pay_in', amount: 700, reason: 'coins' });
    await call<Shift>(pos, 'shifts.cashMovement', { kind: 'pay_out', amount: 300, reason: 'stamps' });
    const now = await call<Shift>(pos, 'shifts.current', {});
    expect(now.cash).toEqual({ float: 100_000, cashSales: { count: 2, amount: 15_500 }, payIns: 700, payOuts: 300, cashRefunds: { count: 1, amount: 2_000 }, expected: 113_900 });
  });

  it('takes cash sales and cash refunds made through the real operations (sales.cash, refunds.create), announcing each', async () => {
    const pos = await core();
    const events = shiftEvents(pos);
    const shift = await call<Shift>(pos, 'shifts.open', { float: 50_000 });
    const sale = await call<Sale>(pos, 'sales.cash', { amount: 12_550, tendered: 20_000 });
    expect(sale).toMatchObject({ status: 'succeeded', tender: 'cash', cashTendered: 20_000 });
    await call<Sale>(pos, 'sales.cash', { amount: 4_000, tendered: 4_000 });
    await call<Refund>(pos, 'refunds.create', { saleId: sale.id, amount: 2_550 });
    const now = await call<Shift>(pos, 'shifts.current', {});
    expect(now.cash).toEqual({ float: 50_000, cashSales: { count: 2, amount: 16_550 }, payIns: 0, payOuts: 0, cashRefunds: { count: 1, amount: 2_550 }, expected: 64_000 });
    expect(events.map((s) => s?.cash.expected)).toEqual([50_000, 62_550, 66_550, 64_000]);
    const closed = await call<Shift>(pos, 'shifts.close', { countedCash: 64_000 });
    expect([closed.id, closed.overShort]).toEqual([shift.id, 0]);
  });

  it('closes with the counted cash: expected frozen, over/short, audited with the numbers; then no shift is open', async () => {
    const pos = await core();
    const events = shiftEvents(pos);
    const shift = await call<Shift>(pos, 'shifts.open', { float: 100_000 });
    await call<Shift>(pos, 'shifts.cashMovement', { kind: 'pay_out', amount: 2_500, reason: 'milk' });
    const closed = await call<Shift>(pos, 'shifts.close', { countedCash: 97_000, note: '  one coin under the tray  ' });
    expect(closed).toMatchObject({ id: shift.id, number: 1, closedBy: OWNER_NAME, countedCash: 97_000, overShort: -500, closeNote: 'one coin under the tray', cash: { expected: 97_500 } });
    expect(closed.closedAt).toEqual(expect.any(Number));
    expect(await call<Shift | null>(pos, 'shifts.current', {})).toBeNull();
    expect(events.at(-1)).toBeNull();
    const audit = (await auditOf(pos, 'shift.close'))[0];
    expect(audit).toMatchObject({
      actor: OWNER_NAME,
      detail: { shiftId: shift.id, number: 1, float: 100_000, cashSales: 0, payIns: 0, payOuts: 2_500, cashRefunds: 0, expected: 97_500, counted: 97_000, overShort: -500, note: 'one coin under the tray' },
    });

    // Closed means closed: cash moves and a second close need a new shift, which is number 2.
    expect(await refusal(pos, 'shifts.cashMovement', { kind: 'pay_in', amount: 100, reason: 'late' })).toEqual({
      code: 'conflict', field: 'shift', message: 'No shift is open on this till: open one with its float before paying cash in.',
    });
    expect(await refusal(pos, 'shifts.close', { countedCash: 0 })).toMatchObject({ code: 'conflict', field: 'shift' });
    const second = await call<Shift>(pos, 'shifts.open', { float: 97_000 });
    expect(second.number).toBe(2);
    const over = await call<Shift>(pos, 'shifts.close', { countedCash: 97_100 });
    expect([over.overShort, over.closeNote]).toEqual([100, null]);
  });

  it("a cashier runs their own shift; the day's shifts are a manager's list", async () => {
    const pos = await core();
    const cashier = await cashierSession(pos);
    const shift = await call<Shift>(pos, 'shifts.open', { float: 20_000 }, cashier);
    expect(shift.openedBy).toBe('Cashier Nok');
    await call<Shift>(pos, 'shifts.cashMovement', { kind: 'pay_in', amount: 1_000, reason: 'float top-up' }, cashier);
    const closed = await call<Shift>(pos, 'shifts.close', { countedCash: 21_000 }, cashier);
    expect([closed.closedBy, closed.overShort]).toEqual(['Cashier Nok', 0]);
    const today = businessDateOf(shift.openedAt, 'Asia/Bangkok');
    expect(await refusal(pos, 'shifts.list', { date: today }, cashier)).toMatchObject({ code: 'forbidden' });
    expect((await call<Shift[]>(pos, 'shifts.list', { date: today })).map((s) => [s.number, s.countedCash])).toEqual([[1, 21_000]]);
    expect(await call<Shift[]>(pos, 'shifts.list', { date: today, tillId: 'till-2' })).toEqual([]);
  });
});
