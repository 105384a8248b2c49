// Shifts by business day (the shop's zone and its day start hour), several tills on one ledger, and
// what the payment path calls: openShiftId() and changed().
import { afterEach, describe, expect, it } from 'vitest';
import { openShiftLedger, shiftSideOn, type ShiftLedger } from './shift-till';
import { recordCashSale } from './cash-ledger';

let ledger: ShiftLedger | null = null;
afterEach(() => {
  ledger?.close();
  ledger = null;
});

/** Epoch ms of a Bangkok wall-clock time (UTC+7, no DST). */
const bangkok = (date: string, time: string) => Date.parse(`${date}T${time}:00+07:00`);

describe('shifts of a business day', () => {
  it('follow the day start hour: a shift opened at 03:30 with a 04:00 start belongs to the day before', async () => {
    ledger = openShiftLedger({ timeZone: 'Asia/Bangkok', dayStartHour: 4 });
    const till = shiftSideOn(ledger);
    ledger.clock.now = bangkok('2026-01-15', '18:00');
    const evening = await till.run('shifts.open', { float: 10_000 });
    await till.run('shifts.close', { countedCash: 10_000 });
    ledger.clock.now = bangkok('2026-01-16', '03:30');
    const lateNight = await till.run('shifts.open', { float: 10_000 });
    await till.run('shifts.close', { countedCash: 10_000 });
    ledger.clock.now = bangkok('2026-01-16', '04:00');
    const morning = await till.run('shifts.open', { float: 10_000 });

    expect((await till.run('shifts.list', { date: '2026-01-15' })).map((s) => s.id)).toEqual([evening.id, lateNight.id]);
    expect((await till.run('shifts.list', { date: '2026-01-16' })).map((s) => [s.id, s.closedAt])).toEqual([[morning.id, null]]);
    expect(await till.run('shifts.list', { date: '2026-01-14' })).toEqual([]);

    // The manager moves the cutoff back to midnight: the 03:30 shift now counts on the 16th.
    ledger.settings.update({ dayStartHour: 0 });
    expect((await till.run('shifts.list', { date: '2026-01-16' })).map((s) => s.id)).toEqual([lateNight.id, morning.id]);
  });

  it('are numbered per till, listed for every till or one, and one till never sees another till as its open shift', async () => {
    ledger = openShiftLedger({ timeZone: 'Asia/Bangkok', dayStartHour: 0 });
    const one = shiftSideOn(ledger, 'till-1');
    const two = shiftSideOn(ledger, 'till-2');
    ledger.clock.now = bangkok('2026-01-15', '08:00');
    const a1 = await one.run('shifts.open', { float: 1_000 });
    ledger.clock.now += 60_000;
    const b1 = await two.run('shifts.open', { float: 2_000 });
    await one.run('shifts.close', { countedCash: 1_000 });
    ledger.clock.now += 60_000;
    const a2 = await one.run('shifts.open', { float: 3_000 });
    expect([a1.number, b1.number, a2.number]).toEqual([1, 1, 2]);
    expect([one.side.openShiftId(), two.side.openShiftId()]).toEqual([a2.id, b1.id]);
    expect((await one.run('shifts.current', {}))?.id).toBe(a2.id);
    expect((await one.run('shifts.list', { date: '2026-01-15' })).map((s) => `${s.tillId}#${s.number}`)).toEqual(['till-1#1', 'till-2#1', 'till-1#2']);
    expect((await one.run('shifts.list', { date: '2026-01-15', tillId: 'till-2' })).map((s) => s.id)).toEqual([b1.id]);
  });
});

describe('what the payment path calls', () => {
  it('openShiftId() names the open shift or null; changed() announces the shift with its cash now, or null', async () => {
    ledger = openShiftLedger({ timeZone: 'Asia/Bangkok', dayStartHour: 0 });
    const till = shiftSideOn(ledger);
    expect(till.side.openShiftId()).toBeNull();
    till.side.changed();
    expect(till.events).toEqual([null]);
    const shift = await till.run('shifts.open', { float: 5_000 });
    expect(till.side.openShiftId()).toBe(shift.id);
    recordCashSale(ledger.db, { amount: 4_200, shiftId: shift.id, createdAt: ledger.clock.now });
    till.side.changed();
    expect(till.events.at(-1)).toMatchObject({ id: shift.id, cash: { cashSales: { count: 1, amount: 4_200 }, expected: 9_200 } });
    await till.run('shifts.close', { countedCash: 9_200 });
    expect(till.side.openShiftId()).toBeNull();
  });
});
