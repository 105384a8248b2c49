// Week and month reports: a row per business day, days without sales included, and totals that are
// the daily reports of those days added up, whatever the ledger holds, the time zone (DST, +14:00,
// half-hour shifts) and the range. Then the operation's guards and the REST API, on a real till.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../../electron/core/ledger/open-ledger';
import { dailyReport } from '../../../electron/core/reports/daily-report';
import { periodReport } from '../../../electron/core/reports/period-report';
import type { Cashier, PeriodReport, ReportTotals } from '../../../shared/manager-types';
import { MAX_PERIOD_REPORT_DAYS } from '../../../shared/pos-contract';
import { SALE_STATUSES } from '../../../shared/sale-status';
import { REFUND_STATUSES } from '../../../shared/manager-types';
import { call, signedInContext } from '../../support/core-harness';
import { rawRequest, startTestTill, TEST_API_TOKEN, type TestTill } from '../http/http-test-till';
import { seedRefunds, seedRefundId, seedSaleId, seedSales, type SeedRefund, type SeedSale } from './seed-ledger';

const ZONES = ['Asia/Bangkok', 'UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Australia/Lord_Howe'] as const;
/** Windows of 12 days around DST changes (Los Angeles in March, Lord Howe's half hour in April and October). */
const WINDOWS = ['2026-03-03', '2026-04-01', '2026-09-29'];
const WINDOW_DAYS = 12;
const DAY_MS = 24 * 3_600_000;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-period-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Calendar days from `from` for `count` days, by plain UTC arithmetic (independent of the code under test). */
function calendar(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * DAY_MS).toISOString().slice(0, 10));
}

const localDates = new Map<string, Intl.DateTimeFormat>();
function localDate(epochMs: number, zone: string): string {
  if (!localDates.has(zone)) localDates.set(zone, new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }));
  return localDates.get(zone)!.format(epochMs);
}

type CoreTotals = Pick<ReportTotals, 'byStatus' | 'paid' | 'refunded' | 'net'>;

function totalsOf(report: ReportTotals): CoreTotals {
  return { byStatus: report.byStatus, paid: report.paid, refunded: report.refunded, net: report.net };
}

function sumOf(all: CoreTotals[]): CoreTotals {
  const sum: CoreTotals = {
    byStatus: Object.fromEntries(SALE_STATUSES.map((s) => [s, { count: 0, amount: 0 }])) as ReportTotals['byStatus'],
    paid: { count: 0, amount: 0 },
    refunded: { count: 0, amount: 0 },
    net: 0,
  };
  for (const t of all) {
    for (const s of SALE_STATUSES) {
      sum.byStatus[s].count += t.byStatus[s].count;
      sum.byStatus[s].amount += t.byStatus[s].amount;
    }
    sum.paid.count += t.paid.count;
    sum.paid.amount += t.paid.amount;
    sum.refunded.count += t.refunded.count;
    sum.refunded.amount += t.refunded.amount;
    sum.net += t.net;
  }
  return sum;
}

const saleSpec = fc.record({
  // Minutes into the window, so many sales land near midnights.
  minute: fc.integer({ min: -2 * 24 * 60, max: (WINDOW_DAYS + 2) * 24 * 60 }),
  amount: fc.integer({ min: 1_000, max: 9_999_999 }),
  status: fc.constantFrom(...SALE_STATUSES),
  till: fc.constantFrom('till-1', 'till-2'),
  // A sale taken in another mode or account never counts in this ledger's reports.
  foreign: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  refunds: fc.array(fc.record({ fraction: fc.integer({ min: 1, max: 100 }), status: fc.constantFrom(...REFUND_STATUSES), delayMinutes: fc.integer({ min: 0, max: 3 * 24 * 60 }) }), { maxLength: 2 }),
});

let counter = 0;

describe('period report totals', () => {
  it.each(ZONES)('are the daily reports of its days added up, and the ledger rows, in %s', (zone) => {
    fc.assert(
      fc.property(
        fc.constantFrom(...WINDOWS),
        fc.array(saleSpec, { minLength: 20, maxLength: 120 }),
        fc.integer({ min: -1, max: WINDOW_DAYS }),
        fc.integer({ min: 1, max: 14 }),
        fc.constantFrom(null, 'till-2'),
        (window, specs, startOffset, length, tillId) => {
          const db = openLedger(path.join(dir, `property-${++counter}.sqlite3`));
          try {
            db.prepare("INSERT INTO stripe_binding (id, mode, account, key_fingerprint, bound_at) VALUES (1, 'live', 'acct_shop', NULL, 0)").run();
            const base = Date.parse(`${window}T00:00:00Z`);
            const sales: SeedSale[] = [];
            const refunds: SeedRefund[] = [];
            for (const spec of specs) {
              const id = seedSaleId(++counter);
              const createdAt = base + spec.minute * 60_000 + (counter % 60) * 1000;
              sales.push({ id, amount: spec.amount, status: spec.status, createdAt, tillId: spec.till, ...(spec.foreign ? { mode: 'test', account: 'acct_other' } : {}) });
              if (spec.status !== 'succeeded') continue;
              for (const refund of spec.refunds) {
                refunds.push({ id: seedRefundId(++counter), saleId: id, amount: Math.max(1, Math.floor((spec.amount * refund.fraction) / 200)), status: refund.status, createdAt: createdAt + refund.delayMinutes * 60_000, tillId: spec.till });
              }
            }
            seedSales(db, sales);
            seedRefunds(db, refunds);
            const from = new Date(base + startOffset * DAY_MS).toISOString().slice(0, 10);
            const dates = calendar(from, length);
            const to = dates.at(-1)!;

            const report = periodReport(db, { from, to, timeZone: zone, tillId });
            const dailies = dates.map((date) => dailyReport(db, { date, timeZone: zone, tillId, includePayments: false }));
            expect(report.days.map((d) => d.date)).toEqual(dates);
            report.days.forEach((day, i) => {
              expect(totalsOf(day), `${zone} ${day.date}`).toEqual(totalsOf(dailies[i]));
              expect([day.startsAt, day.endsAt]).toEqual([dailies[i].startsAt, dailies[i].endsAt]);
            });
            expect(totalsOf(report.totals)).toEqual(sumOf(dailies));
            expect([report.startsAt, report.endsAt]).toEqual([dailies[0].startsAt, dailies.at(-1)!.endsAt]);
            expect(report).toMatchObject({ from, to, timeZone: zone, tillId, mode: 'live', account: 'acct_shop' });

            // And independently of the daily report: straight from the rows.
            const inRange = (at: number) => dates.includes(localDate(at, zone));
            const mine = sales.filter((s) => s.mode === undefined && inRange(s.createdAt) && (tillId === null || s.tillId === tillId));
            const paid = mine.filter((s) => s.status === 'succeeded');
            const foreignIds = new Set(sales.filter((s) => s.mode !== undefined).map((s) => s.id));
            const counted = refunds.filter((r) => !foreignIds.has(r.saleId) && inRange(r.createdAt) && (tillId === null || r.tillId === tillId) && !['failed', 'canceled'].includes(r.status));
            const sum = (rows: { amount: number }[]) => rows.reduce((total, row) => total + row.amount, 0);
            expect(report.totals.paid).toEqual({ count: paid.length, amount: sum(paid) });
            expect(report.totals.refunded).toEqual({ count: counted.length, amount: sum(counted) });
            expect(report.totals.net).toBe(sum(paid) - sum(counted));
            for (const status of SALE_STATUSES) {
              const rows = mine.filter((s) => s.status === status);
              expect(report.totals.byStatus[status]).toEqual({ count: rows.length, amount: sum(rows) });
            }
            // A day nothing happened on is a row of zeros, not a missing row.
            for (const day of report.days.filter((d) => !mine.some((s) => localDate(s.createdAt, zone) === d.date) && !counted.some((r) => localDate(r.createdAt, zone) === d.date))) {
              expect(totalsOf(day)).toEqual(sumOf([]));
            }
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('gives a 23-hour and a 25-hour day their own rows across both DST changes of a year', () => {
    const db = openLedger(path.join(dir, 'dst.sqlite3'));
    try {
      const march = periodReport(db, { from: '2026-03-01', to: '2026-03-31', timeZone: 'America/Los_Angeles' });
      const november = periodReport(db, { from: '2026-11-01', to: '2026-11-07', timeZone: 'America/Los_Angeles' });
      expect(march.days).toHaveLength(31);
      expect(march.days.map((d) => (d.endsAt - d.startsAt) / 3_600_000).filter((h) => h !== 24)).toEqual([23]);
      expect((november.days[0].endsAt - november.days[0].startsAt) / 3_600_000).toBe(25);
      expect(totalsOf(march.totals)).toEqual(sumOf([]));
    } finally {
      db.close();
    }
  });

  it('refuses a range it was not meant for, even when called without the operation’s schema', () => {
    const db = openLedger(path.join(dir, 'refuse.sqlite3'));
    try {
      expect(() => periodReport(db, { from: '2026-03-02', to: '2026-03-01', timeZone: 'UTC' })).toThrow(/1 to 62 days/);
      expect(() => periodReport(db, { from: '2026-01-01', to: '2026-03-31', timeZone: 'UTC' })).toThrow(/1 to 62 days/);
    } finally {
      db.close();
    }
  });
});

describe('reports.period and GET /reports/period on a real till', () => {
  let till: TestTill;
  const FROM = '2026-03-01';
  const TO = '2026-03-31';
  beforeAll(async () => {
    till = await startTestTill();
    const db = openLedger(path.join(till.dataDir, 'ledger.sqlite3'));
    const at = (date: string, hour: number) => Date.parse(`${date}T${String(hour).padStart(2, '0')}:30:00+07:00`);
    seedSales(db, [
      { id: seedSaleId(1), amount: 12_000, status: 'succeeded', createdAt: at('2026-03-01', 9) },
      { id: seedSaleId(2), amount: 3_500, status: 'succeeded', createdAt: at('2026-03-01', 23), tillId: 'till-2' },
      { id: seedSaleId(3), amount: 8_000, status: 'expired', createdAt: at('2026-03-15', 12) },
      { id: seedSaleId(4), amount: 50_000, status: 'succeeded', createdAt: at('2026-03-31', 0) },
      // Outside the month on either side.
      { id: seedSaleId(5), amount: 99_900, status: 'succeeded', createdAt: at('2026-02-28', 23) },
      { id: seedSaleId(6), amount: 77_700, status: 'succeeded', createdAt: at('2026-04-01', 0) },
    ]);
    seedRefunds(db, [{ id: seedRefundId(1), saleId: seedSaleId(1), amount: 2_000, status: 'succeeded', createdAt: at('2026-03-02', 10) }]);
    db.close();
  });
  afterAll(async () => {
    await till?.close();
  });

  const get = (query: string, headers: Record<string, string> = { authorization: `Bearer ${TEST_API_TOKEN}` }) => fetch(`${till.url}/reports/period?${query}`, { headers });

  it('answers a manager a row per day of the month, empty days as zeros, and the month’s totals', async () => {
    const report = await call<PeriodReport>(till.core, 'reports.period', { from: FROM, to: TO }, await signedInContext(till.core));
    expect(report.days).toHaveLength(31);
    expect(report.days[0]).toMatchObject({ date: '2026-03-01', paid: { count: 2, amount: 15_500 }, refunded: { count: 0, amount: 0 }, net: 15_500 });
    expect(report.days[1]).toMatchObject({ date: '2026-03-02', paid: { count: 0, amount: 0 }, refunded: { count: 1, amount: 2_000 }, net: -2_000 });
    expect(report.days[14].byStatus.expired).toEqual({ count: 1, amount: 8_000 });
    expect(report.days[30]).toMatchObject({ date: '2026-03-31', paid: { count: 1, amount: 50_000 } });
    expect(report.totals).toMatchObject({ paid: { count: 3, amount: 65_500 }, refunded: { count: 1, amount: 2_000 }, net: 63_500 });
    const tillTwo = await call<PeriodReport>(till.core, 'reports.period', { from: FROM, to: TO, tillId: 'till-2' }, await signedInContext(till.core));
    expect(tillTwo.totals.paid).toEqual({ count: 1, amount: 3_500 });
  });

  it('is for managers: a cashier and a client that is not signed in are refused', async () => {
    const owner = await signedInContext(till.core);
    const cashier = await call<Cashier>(till.core, 'cashiers.create', { name: 'Cashier Nok', pin: '135790', role: 'cashier' }, owner);
    const session = { transport: 'http' as const, clientKey: 'http:period-cashier' };
    await call(till.core, 'auth.signIn', { cashierId: cashier.cashierId, pin: '135790' }, session);
    expect(await till.core.dispatch('reports.period', { from: FROM, to: TO }, session)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await till.core.dispatch('reports.period', { from: FROM, to: TO }, { transport: 'http', clientKey: 'http:stranger' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('refuses a backwards range, more than 62 days and a day that does not exist, naming the field', async () => {
    const owner = await signedInContext(till.core);
    for (const [input, pattern] of [
      [{ from: '2026-03-02', to: '2026-03-01' }, /must not be before the first day/],
      [{ from: '2026-01-01', to: '2026-03-04' }, new RegExp(`at most ${MAX_PERIOD_REPORT_DAYS} days`)],
      [{ from: '2026-02-01', to: '2026-02-30' }, /no such day/],
      [{ from: FROM, to: TO, extra: 1 }, /extra/],
    ] as const) {
      expect(await till.core.dispatch('reports.period', input, owner), JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(pattern) } });
    }
    // 62 days is the most, and it is allowed.
    expect(await till.core.dispatch('reports.period', { from: '2026-01-01', to: '2026-03-03' }, owner)).toMatchObject({ ok: true, value: { days: { length: 62 } } });
  });

  it('answers GET /reports/period with the same report as JSON, for the bearer token only', async () => {
    const response = await get(`from=${FROM}&to=${TO}`);
    expect(response.status).toBe(200);
    const viaRest = (await response.json()) as PeriodReport;
    const viaScreens = await call<PeriodReport>(till.core, 'reports.period', { from: FROM, to: TO }, await signedInContext(till.core));
    expect({ ...viaRest, generatedAt: 0 }).toEqual({ ...viaScreens, generatedAt: 0 });
    expect((await get(`from=${FROM}&to=${TO}`, {})).status).toBe(401);
    expect((await get(`from=${FROM}&to=${TO}`, { authorization: 'Bearer wrong-token' })).status).toBe(401);
    // Behind a proxy, a request is off the till: refused before anything is read.
    expect((await rawRequest(till.url, { path: `/reports/period?from=${FROM}&to=${TO}`, headers: { authorization: `Bearer ${TEST_API_TOKEN}`, 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403);
  });

  it('refuses a bad REST query with 400 and the field, and streams the period as a CSV file', async () => {
    for (const [query, field] of [
      [`from=${FROM}&to=2026-02-27`, 'to'],
      ['from=2026-01-01&to=2026-12-31', 'to'],
      [`from=2026-02-31&to=${TO}`, 'from'],
      [`from=${FROM}&to=${TO}&format=html`, 'format'],
      [`from=${FROM}`, 'to'],
    ]) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      expect(await response.json(), query).toMatchObject({ error: { code: 'invalid_input', field } });
    }
    const csv = await get(`from=${FROM}&to=${TO}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain(`filename="chamra-sales-${FROM}_${TO}.csv"`);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 4);
  });
});
