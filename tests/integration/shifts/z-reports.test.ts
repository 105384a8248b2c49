// The Z report on a real till: the day's totals are the daily report's for this till (the one place
// totals come from), its drawer is its shifts added up; it is refused while a shift of the day is open,
// before the day starts and a second time; it is numbered per till without gaps, and nothing done later
// (a refund, a setting, the cutoff hour) changes it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallContext, PosCore } from '../../../electron/core/pos-core-types';
import { businessDateOf, dayBounds } from '../../../electron/core/reports/business-day';
import { emptyTotals, totalsOfDays } from '../../../electron/core/reports/report-totals';
import { ledgerScope } from '../../../electron/core/settings/stripe-binding';
import type { AuditEntryView, Cashier, DailyReport, Refund, ReportTotals, Shift, ZReport, ZReportSummary } from '../../../shared/manager-types';
import type { Sale } from '../../../shared/sale';
import { call, OWNER_NAME, signedInContext, useTestCores } from '../../support/core-harness';
import { ledgerOf, recordCashRefund, recordCashSale } from './cash-ledger';
import { openShiftLedger, shiftSideOn, type ShiftLedger } from './shift-till';

vi.setConfig({ testTimeout: 60_000 });

const core = useTestCores();
const TOTAL_KEYS = Object.keys(emptyTotals()) as (keyof ReportTotals)[];
const totalsIn = (report: ReportTotals) => Object.fromEntries(TOTAL_KEYS.map((key) => [key, report[key]]));

async function refusal(pos: PosCore, op: string, input: unknown, context?: CallContext) {
  const result = await pos.dispatch(op, input, context ?? (await signedInContext(pos)));
  if (result.ok) throw new Error(`${op} was expected to be refused`);
  return result.error;
}

async function paidPromptPay(pos: PosCore, amount: number): Promise<Sale> {
  const sale = await call<Sale>(pos, 'sales.charge', { amount, description: 'ลาเต้เย็น' });
  return call<Sale>(pos, 'demo.simulate', { saleId: sale.id, outcome: 'succeed' });
}

/** A day on the till: two shifts with cash sales, a pay-in, a pay-out and a cash refund, and a PromptPay sale. */
async function dayOfTrade(pos: PosCore): Promise<{ first: Shift; second: Shift; promptPay: Sale }> {
  const db = ledgerOf(pos);
  try {
    const open1 = await call<Shift>(pos, 'shifts.open', { float: 100_000 });
    const sale = recordCashSale(db, { amount: 25_000, shiftId: open1.id, createdAt: Date.now() });
    await call<Shift>(pos, 'shifts.cashMovement', { kind: 'pay_in', amount: 5_000, reason: 'coins from the bank' });
    const first = await call<Shift>(pos, 'shifts.close', { countedCash: 130_000 });
    const open2 = await call<Shift>(pos, 'shifts.open', { float: 50_000 });
    recordCashSale(db, { amount: 7_500, shiftId: open2.id, createdAt: Date.now() });
    recordCashRefund(db, { saleId: sale, amount: 2_500, shiftId: open2.id, createdAt: Date.now() });
    await call<Shift>(pos, 'shifts.cashMovement', { kind: 'pay_out', amount: 1_000, reason: 'ice' });
    const promptPay = await paidPromptPay(pos, 12_300);
    const second = await call<Shift>(pos, 'shifts.close', { countedCash: 53_500 });
    return { first, second, promptPay };
  } finally {
    db.close();
  }
}

describe('the Z report', () => {
  it("closes this till's business day: the daily report's totals for the till, its shifts and their cash, the count and over/short", async () => {
    const pos = await core();
    const { first, second } = await dayOfTrade(pos);
    const date = businessDateOf(first.openedAt, 'Asia/Bangkok');
    const z = await call<ZReport>(pos, 'zreports.create', { date });

    expect(z).toMatchObject({ number: 1, tillId: 'till-1', date, shopName: 'Chamra POS', timeZone: 'Asia/Bangkok', dayStartHour: 0, mode: 'demo', createdBy: OWNER_NAME });
    expect(z.id).toMatch(/^zr_/);
    expect([z.startsAt, z.endsAt]).toEqual(Object.values(dayBounds(date, 'Asia/Bangkok', 0)));
    // The totals are the daily report's for this till and day (whatever the tender columns hold by now).
    const daily = await call<DailyReport>(pos, 'reports.daily', { date, tillId: 'till-1' });
    expect(totalsIn(z)).toEqual(totalsIn(daily));
    const db = ledgerOf(pos);
    try {
      expect(totalsIn(z)).toEqual(totalsIn(totalsOfDays(db, [dayBounds(date, 'Asia/Bangkok', 0)], { scope: ledgerScope(db), tillId: 'till-1' })[0]));
    } finally {
      db.close();
    }
    expect(z.paid).toEqual({ count: 3, amount: 25_000 + 7_500 + 12_300 });

    // The drawer: each shift as it closed, and their sum.
    expect(z.shifts).toEqual([first, second]);
    expect(first.cash.expected).toBe(130_000);
    expect(second.cash.expected).toBe(50_000 + 7_500 - 2_500 - 1_000);
    expect(z.cash).toEqual({ float: 150_000, cashSales: { count: 2, amount: 32_500 }, payIns: 5_000, payOuts: 1_000, cashRefunds: { count: 1, amount: 2_500 }, expected: 184_000 });
    expect([z.countedCash, z.overShort]).toEqual([183_500, -500]);

    expect(await call<ZReport>(pos, 'zreports.get', { id: z.id })).toEqual(z);
    expect(await call<ZReportSummary[]>(pos, 'zreports.list', {})).toEqual([{ id: z.id, number: 1, tillId: 'till-1', date, net: z.net, createdAt: z.createdAt, createdBy: OWNER_NAME }]);
    const audit = (await call<AuditEntryView[]>(pos, 'audit.list', {})).filter((entry) => entry.action === 'zreport.create');
    expect(audit).toMatchObject([{ actor: OWNER_NAME, detail: { id: z.id, number: 1, tillId: 'till-1', date, net: z.net, expectedCash: 184_000, countedCash: 183_500, overShort: -500 } }]);
  });

  it('is refused while a shift of the day is open, before the day starts and a second time, each saying why and changing nothing', async () => {
    const pos = await core();
    const shift = await call<Shift>(pos, 'shifts.open', { float: 1_000 });
    const date = businessDateOf(shift.openedAt, 'Asia/Bangkok');
    const open = await refusal(pos, 'zreports.create', { date });
    expect(open).toMatchObject({ code: 'conflict', field: 'shift' });
    expect(open.message).toMatch(/^Shift 1 \(opened at \d\d:\d\d\) is still open; close it with its cash count before closing the day\.$/);
    await call<Shift>(pos, 'shifts.close', { countedCash: 1_000 });

    const tomorrow = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const early = await refusal(pos, 'zreports.create', { date: tomorrow });
    expect(early).toEqual({ code: 'conflict', field: 'date', message: `The business day ${tomorrow} has not started yet (it starts ${tomorrow} 00:00, Asia/Bangkok); nothing was closed.` });
    expect(await call<ZReportSummary[]>(pos, 'zreports.list', {})).toEqual([]);

    await call<ZReport>(pos, 'zreports.create', { date });
    expect(await refusal(pos, 'zreports.create', { date })).toEqual({ code: 'conflict', field: 'date', message: `Z report 1 already closed business day ${date} on this till; a day is closed once.` });
    // A closed day takes no new shift: its cash would be in no Z report.
    const reopen = await refusal(pos, 'shifts.open', { float: 0 });
    expect(reopen).toMatchObject({ code: 'conflict', field: 'shift' });
    expect(reopen.message).toContain(`Business day ${date} on this till is already closed by Z report 1`);
    expect(await call<ZReportSummary[]>(pos, 'zreports.list', {})).toHaveLength(1);
    expect(await call<Shift | null>(pos, 'shifts.current', {})).toBeNull();
    expect(await refusal(pos, 'zreports.get', { id: 'zr_doesnotexist1' })).toMatchObject({ code: 'not_found', field: 'id' });
    expect(await refusal(pos, 'zreports.create', { date: '2026-02-30' })).toMatchObject({ code: 'invalid_input', field: 'date' });
  });

  it('never changes: a refund, a new shop name and a new cutoff hour later, it reads back byte for byte; the ledger refuses UPDATE and DELETE', async () => {
    const pos = await core();
    const { first, promptPay } = await dayOfTrade(pos);
    const date = businessDateOf(first.openedAt, 'Asia/Bangkok');
    const z = await call<ZReport>(pos, 'zreports.create', { date });
    const db = ledgerOf(pos);
    try {
      const stored = () => (db.prepare('SELECT report FROM z_reports WHERE id = ?').get(z.id) as { report: string }).report;
      const before = stored();
      expect(JSON.parse(before)).toEqual(z);

      const refund = await call<Refund>(pos, 'refunds.create', { saleId: promptPay.id, amount: 2_300, email: 'customer@example.com' });
      expect(refund.status).not.toBe('failed');
      await call(pos, 'settings.update', { shopName: 'ร้านใหม่', dayStartHour: 5 });
      // The refund counts on the business day it was made, under the new cutoff (between 00:00 and 05:00
      // in Bangkok that is the day before the calendar's): that day's report shows it, the Z does not change.
      const refundDay = businessDateOf(refund.createdAt, 'Asia/Bangkok', 5);
      const daily = await call<DailyReport>(pos, 'reports.daily', { date: refundDay, tillId: 'till-1' });
      expect(daily.refunded.amount).toBeGreaterThanOrEqual(2_300);
      expect(daily.refunded.amount).toBeGreaterThan(refundDay === date ? z.refunded.amount : 0);

      expect(stored()).toBe(before);
      expect(JSON.stringify(await call<ZReport>(pos, 'zreports.get', { id: z.id }))).toBe(before);
      expect(() => db.prepare("UPDATE z_reports SET report = '{}' WHERE id = ?").run(z.id)).toThrow('a Z report never changes');
      expect(() => db.prepare('DELETE FROM z_reports WHERE id = ?').run(z.id)).toThrow('a Z report is never removed');
      expect(stored()).toBe(before);
    } finally {
      db.close();
    }
  });

  it("is a manager's: a cashier may not create, list or read one", async () => {
    const pos = await core();
    const owner = await signedInContext(pos);
    const cashier = await call<Cashier>(pos, 'cashiers.create', { name: 'Cashier Nok', pin: '4321', role: 'cashier' }, owner);
    const session: CallContext = { transport: 'http', clientKey: 'http:cashier' };
    await call(pos, 'auth.signIn', { cashierId: cashier.cashierId, pin: '4321' }, session);
    const date = businessDateOf(Date.now(), 'Asia/Bangkok');
    for (const [op, input] of [['zreports.create', { date }], ['zreports.list', {}], ['zreports.get', { id: 'zr_doesnotexist1' }]] as const) {
      expect(await refusal(pos, op, input, session)).toMatchObject({ code: 'forbidden' });
    }
    expect(await call<ZReportSummary[]>(pos, 'zreports.list', {}, owner)).toEqual([]);
  });
});

describe('Z report numbers', () => {
  let ledger: ShiftLedger | null = null;
  afterEach(() => {
    ledger?.close();
    ledger = null;
  });

  it('run 1, 2, 3 per till without gaps, each till on its own, whatever order the days are closed in', async () => {
    ledger = openShiftLedger({ timeZone: 'Asia/Bangkok', dayStartHour: 0 });
    const one = shiftSideOn(ledger, 'till-1');
    const two = shiftSideOn(ledger, 'till-2');
    ledger.clock.now = Date.parse('2026-01-20T12:00:00+07:00');
    const numbers: string[] = [];
    for (const [till, date] of [[one, '2026-01-17'], [two, '2026-01-18'], [one, '2026-01-19'], [one, '2026-01-18'], [two, '2026-01-20']] as const) {
      const z = await till.run('zreports.create', { date });
      numbers.push(`${z.tillId}#${z.number}:${z.date}`);
    }
    // A refused create takes no number.
    await expect(one.run('zreports.create', { date: '2026-01-17' })).rejects.toThrow('Z report 1 already closed business day 2026-01-17');
    await expect(one.run('zreports.create', { date: '2026-01-21' })).rejects.toThrow('has not started yet');
    const last = await one.run('zreports.create', { date: '2026-01-20' });
    expect([...numbers, `${last.tillId}#${last.number}:${last.date}`]).toEqual([
      'till-1#1:2026-01-17', 'till-2#1:2026-01-18', 'till-1#2:2026-01-19', 'till-1#3:2026-01-18', 'till-2#2:2026-01-20', 'till-1#4:2026-01-20',
    ]);
    expect((await one.run('zreports.list', { tillId: 'till-2' })).map((z) => z.number)).toEqual([2, 1]);
    expect(await one.run('zreports.list', { limit: 2 })).toHaveLength(2);
  });

  it("takes the day's shifts by the cutoff hour in force when it is made", async () => {
    ledger = openShiftLedger({ timeZone: 'Asia/Bangkok', dayStartHour: 4 });
    const till = shiftSideOn(ledger);
    ledger.clock.now = Date.parse('2026-01-15T22:00:00+07:00');
    const night = await till.run('shifts.open', { float: 10_000 });
    ledger.clock.now = Date.parse('2026-01-16T02:30:00+07:00');
    await till.run('shifts.close', { countedCash: 10_100 });
    ledger.clock.now = Date.parse('2026-01-16T09:00:00+07:00');
    const z = await till.run('zreports.create', { date: '2026-01-15' });
    expect(z.shifts.map((shift) => shift.id)).toEqual([night.id]);
    expect([z.dayStartHour, z.startsAt, z.overShort]).toEqual([4, Date.parse('2026-01-15T04:00:00+07:00'), 100]);
    // The morning shift of the 16th opens: the 15th is closed, the 16th is not.
    expect((await till.run('shifts.open', { float: 0 })).number).toBe(2);
  });
});
