// Property: across random days of trade (shifts opened and closed, floats, cash and other sales, cash
// refunds, pay-ins and pay-outs, several shifts a day, refusals when no shift is open), with business
// days starting at 00:00 to 06:00 in zones with and without DST (New York; Lord Howe's half-hour
// shift), every shift expects float + cash sales + pay-ins − pay-outs − cash refunds, its over/short is
// counted − expected, and each day's Z report holds exactly that day's shifts, their cash added up, and
// the day's cash sales as its cash tender.
//
// The shift side runs on a real ledger file on a clock the test sets. Cash sales and refunds are written
// as the cash path leaves them (cash-ledger.ts: SalesRepository.insert, then the status), because the
// real sales.cash needs the whole till and a clock that only moves forward; the drawer reads only the
// rows, so this is what it sees either way. The expected figures come from a model kept here.
import * as fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { ShiftCash } from '../../../shared/manager-types';
import type { Tender } from '../../../shared/tender';
import { recordCashRefund, recordCashSale } from './cash-ledger';
import { openShiftLedger, shiftSideOn } from './shift-till';

// Hundreds of ledgers per zone: seconds each on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

const ZONES = ['Asia/Bangkok', 'America/New_York', 'Australia/Lord_Howe'] as const;
/** Days just before DST changes (New York: 8 March and 1 November; Lord Howe: 5 April and 4 October 2026), and a plain one. */
const STARTS = ['2026-03-07', '2026-10-31', '2026-04-04', '2026-10-03', '2026-01-15'];

type Step =
  | { kind: 'advance'; minutes: number }
  | { kind: 'open'; float: number }
  | { kind: 'sale'; amount: number; tender: Tender; paid: boolean }
  | { kind: 'move'; payIn: boolean; amount: number }
  | { kind: 'refund'; pick: number; fraction: number; counted: boolean }
  | { kind: 'close'; off: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('advance' as const), minutes: fc.integer({ min: 1, max: 9 * 60 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('open' as const), float: fc.integer({ min: 0, max: 500_000 }) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('sale' as const), amount: fc.integer({ min: 1, max: 2_000_000 }), tender: fc.constantFrom<Tender>('cash', 'cash', 'promptpay', 'promptpay_manual'), paid: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), payIn: fc.boolean(), amount: fc.integer({ min: 1, max: 300_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refund' as const), pick: fc.nat(), fraction: fc.integer({ min: 1, max: 100 }), counted: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('close' as const), off: fc.integer({ min: -5_000, max: 5_000 }) }) },
);

interface ModelShift {
  id: string;
  openedAt: number;
  cash: ShiftCash;
  counted: number | null;
}

interface ModelSale {
  id: string;
  amount: number;
  tender: Tender;
  paid: boolean;
  createdAt: number;
  left: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
/** The business day of an instant, worked out here from the zone's wall clock: before the start hour it is the day before. */
function businessDay(at: number, zone: string, startHour: number): string {
  if (!formats.has(zone)) formats.set(zone, new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' }));
  const parts = Object.fromEntries(formats.get(zone)!.formatToParts(at).map((part) => [part.type, part.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  if (Number(parts.hour) >= startHour) return date;
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/** The operation's value, or the message it was refused with. */
async function attempt<T>(work: Promise<T>): Promise<{ value: T | null; refused: string | null }> {
  try {
    return { value: await work, refused: null };
  } catch (error) {
    return { value: null, refused: error instanceof Error ? error.message : String(error) };
  }
}

const expectedOf = (cash: ShiftCash) => cash.float + cash.cashSales.amount + cash.payIns - cash.payOuts - cash.cashRefunds.amount;

describe('the drawer across random days', () => {
  it.each(ZONES)('adds up for every shift and every Z report in %s', async (zone) => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 6 }), fc.constantFrom(...STARTS), fc.array(step, { minLength: 10, maxLength: 50 }), async (startHour, start, steps) => {
        const ledger = openShiftLedger({ timeZone: zone, dayStartHour: startHour }, Date.parse(`${start}T00:00:00Z`));
        try {
          const till = shiftSideOn(ledger);
          const shifts: ModelShift[] = [];
          const sales: ModelSale[] = [];
          let open: ModelShift | null = null;
          for (const s of steps) {
            const at = ledger.clock.now;
            // What the step was refused with, and what it should have been refused with (null: not refused).
            let refusal: { got: string | null; want: RegExp | null } = { got: null, want: null };
            if (s.kind === 'advance') {
              ledger.clock.now += s.minutes * 60_000;
            } else if (s.kind === 'open') {
              const result = await attempt(till.run('shifts.open', { float: s.float }));
              refusal = { got: result.refused, want: open ? /is still open on this till/ : null };
              if (result.value) {
                open = { id: result.value.id, openedAt: at, counted: null, cash: { float: s.float, cashSales: { count: 0, amount: 0 }, payIns: 0, payOuts: 0, cashRefunds: { count: 0, amount: 0 }, expected: s.float } };
                shifts.push(open);
              }
            } else if (s.kind === 'sale') {
              // A cash sale needs an open shift (sales.cash refuses otherwise); other tenders take the open one if any.
              if (s.tender === 'cash' && !open) continue;
              const id = recordCashSale(ledger.db, { amount: s.amount, tender: s.tender, shiftId: open?.id ?? null, createdAt: at, status: s.paid ? 'succeeded' : 'canceled' });
              sales.push({ id, amount: s.amount, tender: s.tender, paid: s.paid, createdAt: at, left: s.paid ? s.amount : 0 });
              if (open && s.tender === 'cash' && s.paid) {
                open.cash.cashSales.count += 1;
                open.cash.cashSales.amount += s.amount;
              }
            } else if (s.kind === 'move') {
              const result = await attempt(till.run('shifts.cashMovement', { kind: s.payIn ? 'pay_in' : 'pay_out', amount: s.amount, reason: 'property' }));
              refusal = { got: result.refused, want: open ? null : /No shift is open on this till/ };
              if (open && s.payIn) open.cash.payIns += s.amount;
              if (open && !s.payIn) open.cash.payOuts += s.amount;
            } else if (s.kind === 'refund') {
              const refundable = sales.filter((sale) => sale.left > 0);
              if (refundable.length === 0) continue;
              const sale = refundable[s.pick % refundable.length];
              // Cash goes back out of the open drawer (refused without one, as the refund service does).
              if (sale.tender === 'cash' && !open) continue;
              const amount = Math.max(1, Math.floor((sale.left * s.fraction) / 100));
              recordCashRefund(ledger.db, { saleId: sale.id, amount, tender: sale.tender, shiftId: open?.id ?? null, createdAt: at, status: s.counted ? 'succeeded' : 'failed' });
              if (s.counted) sale.left -= amount;
              if (open && sale.tender === 'cash' && s.counted) {
                open.cash.cashRefunds.count += 1;
                open.cash.cashRefunds.amount += amount;
              }
            } else if (s.kind === 'close') {
              // Counted near what the model expects (over or short); the close's figures are checked in its Z below.
              const counted = open ? Math.max(0, expectedOf(open.cash) + s.off) : 0;
              const result = await attempt(till.run('shifts.close', { countedCash: counted }));
              refusal = { got: result.refused, want: open ? null : /No shift is open on this till/ };
              if (open) open.counted = counted;
              open = null;
            }
            expect(refusal.got === null, `${s.kind} refused: ${refusal.got}`).toBe(refusal.want === null);
            expect(refusal.got ?? '').toMatch(refusal.want ?? /^$/);
            if (open) open.cash.expected = expectedOf(open.cash);
            expect((await till.run('shifts.current', {}))?.cash ?? null).toEqual(open?.cash ?? null);
          }
          if (open) {
            // A drawer paid out below zero is counted as empty.
            open.counted = Math.max(0, expectedOf(open.cash));
            await till.run('shifts.close', { countedCash: open.counted });
          }

          // Every day with a shift or a sale is closed by a Z report (each has started: it holds a moment already passed).
          const days = [...new Set([...shifts.map((shift) => businessDay(shift.openedAt, zone, startHour)), ...sales.map((sale) => businessDay(sale.createdAt, zone, startHour))])].sort();
          ledger.clock.now += 60_000;
          for (const day of days) {
            const z = await till.run('zreports.create', { date: day });
            const mine = shifts.filter((shift) => businessDay(shift.openedAt, zone, startHour) === day);
            expect(z.shifts.map((shift) => shift.id), day).toEqual(mine.map((shift) => shift.id));
            z.shifts.forEach((shift, i) => {
              expect(shift.cash).toEqual(mine[i].cash);
              expect(shift.countedCash).toBe(mine[i].counted);
              expect(shift.overShort).toBe(mine[i].counted! - mine[i].cash.expected);
            });
            const sum = (pick: (cash: ShiftCash) => number) => mine.reduce((total, shift) => total + pick(shift.cash), 0);
            expect(z.cash).toEqual({
              float: sum((c) => c.float),
              cashSales: { count: sum((c) => c.cashSales.count), amount: sum((c) => c.cashSales.amount) },
              payIns: sum((c) => c.payIns),
              payOuts: sum((c) => c.payOuts),
              cashRefunds: { count: sum((c) => c.cashRefunds.count), amount: sum((c) => c.cashRefunds.amount) },
              expected: sum((c) => c.expected),
            });
            expect(z.countedCash).toBe(mine.reduce((total, shift) => total + shift.counted!, 0));
            expect(z.overShort).toBe(z.countedCash - z.cash.expected);
            // The day's cash tender is its paid cash sales, whichever shift took them.
            const cashToday = sales.filter((sale) => sale.tender === 'cash' && sale.paid && businessDay(sale.createdAt, zone, startHour) === day);
            expect([z.tenders.cash.count, z.tenders.cash.gross], day).toEqual([cashToday.length, cashToday.reduce((total, sale) => total + sale.amount, 0)]);
          }
          expect((await till.run('zreports.list', {})).map((z) => z.number).sort((a, b) => a - b)).toEqual(days.map((_, i) => i + 1));
        } finally {
          ledger.close();
        }
      }),
      { numRuns: 25 },
    );
  });
});
