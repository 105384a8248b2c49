// The business day's start hour (settings.dayStartHour): a bar closing at 02:00 sets 4, and a sale at
// 01:30 counts on the day the night began, in the daily and period reports, the JSON report and the
// exports alike. DST days keep their 23 or 25 hours from start hour to start hour.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../../electron/core/ledger/open-ledger';
import { dailyReport } from '../../../electron/core/reports/daily-report';
import type { DailyReport, PeriodReport, ShopSettings } from '../../../shared/manager-types';
import { call, signedInContext } from '../../support/core-harness';
import { startTestTill, TEST_API_TOKEN, type TestTill } from '../http/http-test-till';
import { seedRefundId, seedRefunds, seedSaleId, seedSales } from '../manager/seed-ledger';

const bangkok = (local: string) => Date.parse(`${local}+07:00`);

describe('a business day starting at 04:00 on a real till', () => {
  let till: TestTill;
  beforeAll(async () => {
    till = await startTestTill();
    const db = openLedger(path.join(till.dataDir, 'ledger.sqlite3'));
    seedSales(db, [
      { id: seedSaleId(1), amount: 40_000, status: 'succeeded', createdAt: bangkok('2026-03-09T23:00:00'), stripeFee: 660 },
      { id: seedSaleId(2), amount: 1_000, status: 'succeeded', createdAt: bangkok('2026-03-10T01:30:00'), tender: 'cash', cashTendered: 2_000 },
      { id: seedSaleId(3), amount: 2_000, status: 'succeeded', createdAt: bangkok('2026-03-10T04:00:00'), tender: 'promptpay_manual' },
    ]);
    seedRefunds(db, [{ id: seedRefundId(4), saleId: seedSaleId(1), amount: 5_000, status: 'requires_action', createdAt: bangkok('2026-03-10T03:59:00') }]);
    db.close();
  });
  afterAll(async () => {
    await till?.close();
  });

  const daily = async (date: string) => call<DailyReport>(till.core, 'reports.daily', { date }, await signedInContext(till.core));
  const setStartHour = async (dayStartHour: number) =>
    call<ShopSettings>(till.core, 'settings.update', { dayStartHour }, await signedInContext(till.core));
  const get = (query: string) => fetch(`${till.url}/reports/${query}`, { headers: { authorization: `Bearer ${TEST_API_TOKEN}` } });

  it('counts the night on the day it began, and says from which hour its days run', async () => {
    await setStartHour(0);
    expect((await daily('2026-03-09')).paid).toEqual({ count: 1, amount: 40_000 });
    expect((await daily('2026-03-10')).paid).toEqual({ count: 2, amount: 3_000 });

    await setStartHour(4);
    const night = await daily('2026-03-09');
    expect(night).toMatchObject({ dayStartHour: 4, startsAt: bangkok('2026-03-09T04:00:00'), endsAt: bangkok('2026-03-10T04:00:00') });
    expect(night.paid).toEqual({ count: 2, amount: 41_000 });
    expect(night.tenders).toMatchObject({ promptpay: { count: 1, gross: 40_000, refunded: 5_000, net: 35_000 }, cash: { count: 1, gross: 1_000, net: 1_000 } });
    expect(night.refundsWaiting).toEqual({ count: 1, amount: 5_000 });
    // Hours stay the clock's (0–23): the 01:30 sale is in hour 1 of the day that began at 04:00.
    expect(night.byHour).toHaveLength(24);
    expect(night.byHour[1]).toEqual({ hour: 1, count: 1, amount: 1_000 });
    expect(night.byHour[23]).toEqual({ hour: 23, count: 1, amount: 40_000 });
    expect(night.payments.map((p) => [p.saleId, p.tender])).toEqual([[seedSaleId(1), 'promptpay'], [seedSaleId(2), 'cash']]);

    const next = await daily('2026-03-10');
    expect(next.paid).toEqual({ count: 1, amount: 2_000 });
    expect(next.tenders.promptpay_manual).toEqual({ count: 1, gross: 2_000, refunded: 0, net: 2_000 });
    expect(next.refunded).toEqual({ count: 0, amount: 0 });

    const period = await call<PeriodReport>(till.core, 'reports.period', { from: '2026-03-09', to: '2026-03-10' }, await signedInContext(till.core));
    expect(period.dayStartHour).toBe(4);
    expect(period.days.map((d) => d.paid.amount)).toEqual([41_000, 2_000]);
  });

  it('gives the REST API and the exports the same days', async () => {
    await setStartHour(4);
    const json = (await (await get('daily?date=2026-03-09&format=json')).json()) as DailyReport;
    expect(json).toMatchObject({ dayStartHour: 4, paid: { count: 2, amount: 41_000 } });
    const csv = await (await get('daily?date=2026-03-09&format=csv')).text();
    const rows = csv.trimEnd().split('\r\n').slice(1);
    expect(rows.map((row) => row.split(',')[1])).toEqual([seedSaleId(1), seedSaleId(2)]);
    const period = await (await get('period?from=2026-03-10&to=2026-03-10&format=csv')).text();
    expect(period.trimEnd().split('\r\n').slice(1).map((row) => row.split(',')[1])).toEqual([seedSaleId(3)]);
  });
});

describe('start hours on DST days', () => {
  it('run from start hour to start hour: 23 hours in spring, 25 in autumn, a repeated hour on its own day', () => {
    const db = openLedger(':memory:');
    try {
      const la = 'America/Los_Angeles';
      seedSales(db, [
        // 2026-11-01, Los Angeles: 01:00–02:00 happens twice (PDT, then PST).
        { id: seedSaleId(10), amount: 100, status: 'succeeded', createdAt: Date.parse('2026-11-01T07:30:00Z') }, // 00:30 PDT
        { id: seedSaleId(11), amount: 200, status: 'succeeded', createdAt: Date.parse('2026-11-01T08:30:00Z') }, // 01:30 PDT
        { id: seedSaleId(12), amount: 400, status: 'succeeded', createdAt: Date.parse('2026-11-01T09:30:00Z') }, // 01:30 PST
        // 2026-03-08: 02:00–03:00 does not happen.
        { id: seedSaleId(13), amount: 800, status: 'succeeded', createdAt: Date.parse('2026-03-08T09:30:00Z') }, // 01:30 PST
        { id: seedSaleId(14), amount: 1_600, status: 'succeeded', createdAt: Date.parse('2026-03-08T10:30:00Z') }, // 03:30 PDT
      ]);
      const autumn = dailyReport(db, { date: '2026-11-01', timeZone: la, dayStartHour: 1 });
      expect((autumn.endsAt - autumn.startsAt) / 3_600_000).toBe(25);
      expect(autumn.paid).toEqual({ count: 2, amount: 600 });
      expect(autumn.byHour[1]).toEqual({ hour: 1, count: 2, amount: 600 });
      expect(dailyReport(db, { date: '2026-10-31', timeZone: la, dayStartHour: 1 }).paid).toEqual({ count: 1, amount: 100 });

      const spring = dailyReport(db, { date: '2026-03-08', timeZone: la, dayStartHour: 2 });
      expect((spring.endsAt - spring.startsAt) / 3_600_000).toBe(23);
      expect(spring.startsAt).toBe(Date.parse('2026-03-08T10:00:00Z')); // 03:00 PDT: 02:00 never came
      expect(spring.paid).toEqual({ count: 1, amount: 1_600 });
      expect(dailyReport(db, { date: '2026-03-07', timeZone: la, dayStartHour: 2 }).paid).toEqual({ count: 1, amount: 800 });
    } finally {
      db.close();
    }
  });
});
