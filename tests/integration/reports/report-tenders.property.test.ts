// Reports by tender, Stripe's fees and refunds paid out vs waiting, checked against the ledger's rows
// computed here independently: whatever sales (every tender and status, fees known or not) and refunds
// (of any tender, counted or not) a ledger holds, across time zones with DST and business-day start
// hours (before it, an instant is still the day before). The tenders add up to the all-tender totals,
// and a period's totals are its days' added up.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../../electron/core/ledger/open-ledger';
import { dailyReport } from '../../../electron/core/reports/daily-report';
import { periodReport } from '../../../electron/core/reports/period-report';
import { REFUND_STATUSES, type ReportTotals } from '../../../shared/manager-types';
import { SALE_STATUSES } from '../../../shared/sale-status';
import { TENDERS } from '../../../shared/tender';
import { seedRefundId, seedRefunds, seedSaleId, seedSales, type SeedRefund, type SeedSale } from '../manager/seed-ledger';

const ZONES = ['Asia/Bangkok', 'America/Los_Angeles', 'Australia/Lord_Howe', 'Europe/London'] as const;
/** Windows of a few days around DST changes: Los Angeles and London in March and autumn, Lord Howe's half hour in April. */
const WINDOWS = ['2026-03-06', '2026-03-27', '2026-04-03', '2026-10-23', '2026-10-30'];
const WINDOW_DAYS = 5;
const DAY_MS = 24 * 3_600_000;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chamra-tenders-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// The oracle: Intl's own local date and hour of each instant; before the start hour it is the day before.
const formats = new Map<string, Intl.DateTimeFormat>();
function local(epochMs: number, zone: string): { date: string; hour: number } {
  if (!formats.has(zone)) formats.set(zone, new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }));
  const parts = Object.fromEntries(formats.get(zone)!.formatToParts(epochMs).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}
function businessDate(epochMs: number, zone: string, startHour: number): string {
  const { date, hour } = local(epochMs, zone);
  return hour >= startHour ? date : new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

const saleSpec = fc.record({
  minute: fc.integer({ min: -24 * 60, max: (WINDOW_DAYS + 1) * 24 * 60 }),
  amount: fc.integer({ min: 100, max: 9_999_999 }),
  status: fc.constantFrom(...SALE_STATUSES),
  tender: fc.constantFrom(...TENDERS),
  /** Stripe's fee in basis points of the amount, or not known yet. */
  feeBp: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
  till: fc.constantFrom('till-1', 'till-2'),
  foreign: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
  refunds: fc.array(
    fc.record({
      fraction: fc.integer({ min: 1, max: 100 }),
      status: fc.constantFrom(...REFUND_STATUSES),
      delayMinutes: fc.integer({ min: 0, max: 2 * 24 * 60 }),
      // Usually the sale's own tender; a hand-confirmed PromptPay sale may be refunded in cash.
      inCash: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
});

let counter = 0;

interface Ledger {
  sales: SeedSale[];
  refunds: SeedRefund[];
}

type SaleSpec = typeof saleSpec extends fc.Arbitrary<infer T> ? T : never;

function build(window: string, specs: readonly SaleSpec[]): Ledger {
  const base = Date.parse(`${window}T00:00:00Z`);
  const sales: SeedSale[] = [];
  const refunds: SeedRefund[] = [];
  for (const spec of specs) {
    const id = seedSaleId(++counter);
    const createdAt = base + spec.minute * 60_000 + (counter % 60) * 1000;
    const paidByStripe = spec.status === 'succeeded' && spec.tender === 'promptpay';
    sales.push({
      id, amount: spec.amount, status: spec.status, createdAt, tillId: spec.till, tender: spec.tender,
      stripeFee: paidByStripe && spec.feeBp !== null ? Math.round((spec.amount * spec.feeBp) / 10_000) : null,
      ...(spec.foreign ? { mode: 'test' as const, account: 'acct_other' } : {}),
    });
    if (spec.status !== 'succeeded') continue;
    for (const refund of spec.refunds) {
      refunds.push({
        id: seedRefundId(++counter), saleId: id, amount: Math.max(1, Math.floor((spec.amount * refund.fraction) / 200)), status: refund.status,
        createdAt: createdAt + refund.delayMinutes * 60_000, tillId: spec.till, tender: refund.inCash && spec.tender !== 'promptpay' ? 'cash' : spec.tender,
      });
    }
  }
  return { sales, refunds };
}

const sum = (rows: { amount: number }[]) => rows.reduce((total, row) => total + row.amount, 0);
const COUNTED = new Set(['pending', 'requires_action', 'succeeded']);

/** What a report over `dates` must say, from the rows alone. */
function expected(ledger: Ledger, dates: readonly string[], zone: string, startHour: number, tillId: string | null) {
  const foreign = new Set(ledger.sales.filter((s) => s.mode !== undefined).map((s) => s.id));
  const inRange = (at: number) => dates.includes(businessDate(at, zone, startHour));
  const paid = ledger.sales.filter((s) => !foreign.has(s.id) && s.status === 'succeeded' && inRange(s.createdAt) && (tillId === null || s.tillId === tillId));
  const counted = ledger.refunds.filter((r) => !foreign.has(r.saleId) && COUNTED.has(r.status) && inRange(r.createdAt) && (tillId === null || r.tillId === tillId));
  const tenders = Object.fromEntries(
    TENDERS.map((tender) => {
      const sales = paid.filter((s) => s.tender === tender);
      const refunded = sum(counted.filter((r) => r.tender === tender));
      return [tender, { count: sales.length, gross: sum(sales), refunded, net: sum(sales) - refunded }];
    }),
  ) as ReportTotals['tenders'];
  const stripePaid = paid.filter((s) => s.tender === 'promptpay');
  const stripeFees = stripePaid.reduce((total, s) => total + (s.stripeFee ?? 0), 0);
  const paidOut = counted.filter((r) => r.status === 'succeeded');
  const waiting = counted.filter((r) => r.status !== 'succeeded');
  return {
    paid: { count: paid.length, amount: sum(paid) },
    refunded: { count: counted.length, amount: sum(counted) },
    net: sum(paid) - sum(counted),
    tenders,
    refundsPaidOut: { count: paidOut.length, amount: sum(paidOut) },
    refundsWaiting: { count: waiting.length, amount: sum(waiting) },
    stripeFees,
    stripeFeesUnknown: stripePaid.filter((s) => s.stripeFee == null).length,
    stripeNetPayout: tenders.promptpay.net - stripeFees,
  };
}

/** The tenders add up to the all-tender totals; paid out and waiting add up to the refunds. */
function expectTendersAddUp(totals: ReportTotals): void {
  const tenders = Object.values(totals.tenders);
  expect(tenders.reduce((n, t) => n + t.count, 0)).toBe(totals.paid.count);
  expect(tenders.reduce((n, t) => n + t.gross, 0)).toBe(totals.paid.amount);
  expect(tenders.reduce((n, t) => n + t.refunded, 0)).toBe(totals.refunded.amount);
  expect(tenders.reduce((n, t) => n + t.net, 0)).toBe(totals.net);
  expect(totals.refundsPaidOut.count + totals.refundsWaiting.count).toBe(totals.refunded.count);
  expect(totals.refundsPaidOut.amount + totals.refundsWaiting.amount).toBe(totals.refunded.amount);
}

/** A period's totals, added up here field by field from its days. */
function added(days: readonly ReportTotals[]): unknown {
  const keys = ['paid', 'refunded', 'refundsPaidOut', 'refundsWaiting'] as const;
  return {
    ...Object.fromEntries(keys.map((key) => [key, { count: days.reduce((n, d) => n + d[key].count, 0), amount: days.reduce((n, d) => n + d[key].amount, 0) }])),
    net: days.reduce((n, d) => n + d.net, 0),
    tenders: Object.fromEntries(TENDERS.map((t) => [t, Object.fromEntries((['count', 'gross', 'refunded', 'net'] as const).map((k) => [k, days.reduce((n, d) => n + d.tenders[t][k], 0)]))])),
    stripeFees: days.reduce((n, d) => n + d.stripeFees, 0),
    stripeFeesUnknown: days.reduce((n, d) => n + d.stripeFeesUnknown, 0),
    stripeNetPayout: days.reduce((n, d) => n + d.stripeNetPayout, 0),
    byStatus: Object.fromEntries(SALE_STATUSES.map((s) => [s, { count: days.reduce((n, d) => n + d.byStatus[s].count, 0), amount: days.reduce((n, d) => n + d.byStatus[s].amount, 0) }])),
  };
}

describe('reports by tender', () => {
  it.each(ZONES)('match the ledger rows day by day and over the period, in %s', (zone) => {
    fc.assert(
      fc.property(
        fc.constantFrom(...WINDOWS),
        fc.array(saleSpec, { minLength: 10, maxLength: 80 }),
        // Midnight, hours that DST skips or repeats somewhere (1, 2), a bar's 4 and the latest, 11.
        fc.constantFrom(0, 1, 2, 4, 11),
        fc.constantFrom(null, 'till-2'),
        (window, specs, startHour, tillId) => {
          const db = openLedger(path.join(dir, `property-${++counter}.sqlite3`));
          try {
            db.prepare("INSERT INTO stripe_binding (id, mode, account, key_fingerprint, bound_at) VALUES (1, 'live', 'acct_shop', NULL, 0)").run();
            const ledger = build(window, specs);
            seedSales(db, ledger.sales);
            seedRefunds(db, ledger.refunds);
            const dates = Array.from({ length: WINDOW_DAYS }, (_, i) => new Date(Date.parse(`${window}T00:00:00Z`) + (i - 1) * DAY_MS).toISOString().slice(0, 10));

            const period = periodReport(db, { from: dates[0], to: dates.at(-1)!, timeZone: zone, dayStartHour: startHour, tillId });
            expect(period.dayStartHour).toBe(startHour);
            dates.forEach((date, i) => {
              const daily = dailyReport(db, { date, timeZone: zone, dayStartHour: startHour, tillId });
              expect(daily, `${zone} ${date} from ${startHour}:00`).toMatchObject({ dayStartHour: startHour, ...expected(ledger, [date], zone, startHour, tillId) });
              // Still 24 hours, 0–23 local: the paid sales of the business day by the hour they were rung up.
              const hours = Array.from({ length: 24 }, (_, hour) => ({ hour, count: 0, amount: 0 }));
              for (const sale of ledger.sales) {
                if (sale.mode !== undefined || sale.status !== 'succeeded' || businessDate(sale.createdAt, zone, startHour) !== date || (tillId !== null && sale.tillId !== tillId)) continue;
                hours[local(sale.createdAt, zone).hour].count += 1;
                hours[local(sale.createdAt, zone).hour].amount += sale.amount;
              }
              expect(daily.byHour).toEqual(hours);
              expect(daily.payments.map((p) => [p.saleId, p.tender]).sort()).toEqual(
                ledger.sales.filter((s) => s.mode === undefined && s.status === 'succeeded' && businessDate(s.createdAt, zone, startHour) === date && (tillId === null || s.tillId === tillId))
                  .map((s) => [s.id, s.tender]).sort(),
              );
              expectTendersAddUp(daily);
              const { date: _date, startsAt: _s, endsAt: _e, ...dayTotals } = period.days[i];
              expect(dayTotals).toEqual(Object.fromEntries(Object.keys(dayTotals).map((key) => [key, daily[key as keyof ReportTotals]])));
              expect([period.days[i].startsAt, period.days[i].endsAt]).toEqual([daily.startsAt, daily.endsAt]);
            });
            expect(period.totals).toMatchObject(expected(ledger, dates, zone, startHour, tillId));
            expect(period.totals).toEqual(added(period.days));
            expectTendersAddUp(period.totals);
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});
