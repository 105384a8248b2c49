// Property: whatever the tills sell and refund, in whatever zones and business-day start hours, with
// some tills offline and catching up late and old batches sent again, head office's row for each till
// on each business day equals that till's own reports.daily, its month equals the till's own period
// report, and the chain's totals are the tills' added up. Real tills (the whole core each), a real relay.
import * as fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyTotals, type Totals } from '../../../relay/head-office/chain-report';
import { businessDateOf } from '../../../electron/core/reports/business-day';
import type { PeriodReport } from '../../../shared/manager-types';
import type { Sale } from '../../../shared/sale';
import { call } from '../../support/core-harness';
import {
  comparable, RelayGate, ring, startTestRelay, startTestTill, tillDaily, tillRow, tillSpec, type TestRelay, type TestTill,
} from './head-office-harness';

/** Zones with a DST shift (New York), a half-hour offset (Kolkata), a 45-minute one (Chatham). */
const ZONES = ['Asia/Bangkok', 'Asia/Tokyo', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'] as const;
const KINDS = ['stripe', 'stripe-fail', 'stripe-cancel', 'cash', 'manual', 'manual-cancel'] as const;
type Kind = (typeof KINDS)[number];

interface SaleOp {
  /** Minutes after the run's start (up to four days). */
  at: number;
  kind: Kind;
  amount: number;
  /** A refund of part of a paid sale, `after` minutes later; paid out or left waiting (Stripe sales). */
  refund: { percent: number; after: number; paidOut: boolean } | null;
}

interface TillPlan {
  zone: (typeof ZONES)[number];
  dayStartHour: number;
  /** Unreachable for the whole run; catches up at its end, after the others. */
  offline: boolean;
  sales: SaleOp[];
}

const saleOp: fc.Arbitrary<SaleOp> = fc.record({
  at: fc.integer({ min: 0, max: 4 * 24 * 60 }),
  kind: fc.constantFrom(...KINDS),
  amount: fc.integer({ min: 1_000, max: 80_000 }),
  refund: fc.option(fc.record({ percent: fc.integer({ min: 1, max: 100 }), after: fc.integer({ min: 0, max: 2 * 24 * 60 }), paidOut: fc.boolean() }), { freq: 4 }),
});
const tillPlan: fc.Arbitrary<TillPlan> = fc.record({
  zone: fc.constantFrom(...ZONES),
  dayStartHour: fc.integer({ min: 0, max: 11 }),
  offline: fc.boolean(),
  sales: fc.array(saleOp, { minLength: 1, maxLength: 6 }),
});
const scenario = fc.record({
  /** Days after the previous run's last instant: runs only move the tills' clocks forward. */
  gapDays: fc.integer({ min: 1, max: 40 }),
  tills: fc.tuple(tillPlan, tillPlan, tillPlan),
  /** Which stale batch to send again at the end (an index into every batch the gates saw). */
  resend: fc.nat(),
});

const specs = [tillSpec('bangrak', 'till-1'), tillSpec('bangrak', 'till-2'), tillSpec('chiangmai', 'till-1')];
let relay: TestRelay;
const gates: RelayGate[] = [];
const tills: TestTill[] = [];
let cursor = Date.parse('2026-01-05T00:00:00Z');

beforeAll(async () => {
  relay = await startTestRelay(specs);
  for (const spec of specs) {
    const gate = await new RelayGate(relay.relay.url).start();
    gates.push(gate);
    tills.push(await startTestTill(spec, gate.url));
  }
}, 180_000);

afterAll(async () => {
  for (const till of tills) await till.close();
  for (const gate of gates) await gate.close();
  await relay?.close();
}, 120_000);

function add(sum: Totals, totals: Totals): Totals {
  const walk = (a: Record<string, unknown>, b: Record<string, unknown>) => {
    for (const key of Object.keys(b)) {
      if (typeof b[key] === 'number') a[key] = (a[key] as number) + (b[key] as number);
      else walk(a[key] as Record<string, unknown>, b[key] as Record<string, unknown>);
    }
  };
  walk(sum as unknown as Record<string, unknown>, totals as unknown as Record<string, unknown>);
  return sum;
}

async function ringOne(till: TestTill, op: SaleOp): Promise<Sale> {
  const { pos } = till;
  switch (op.kind) {
    case 'stripe': return ring.promptpay(pos, op.amount);
    case 'stripe-fail': return ring.promptpay(pos, op.amount, 'fail');
    case 'stripe-cancel': return ring.promptpay(pos, op.amount, 'cancel');
    case 'cash': return ring.cash(pos, op.amount);
    case 'manual': return ring.manual(pos, op.amount);
    case 'manual-cancel': return ring.manual(pos, op.amount, 'cancel');
  }
}

/** Plays one till's plan in time order; returns the business days it touched. */
async function play(till: TestTill, plan: TillPlan, start: number): Promise<Set<string>> {
  const events: { at: number; run: () => Promise<void> }[] = [];
  const days = new Set<string>();
  const dayOf = (at: number) => businessDateOf(at, plan.zone, plan.dayStartHour);
  for (const op of plan.sales) {
    const at = start + op.at * 60_000;
    let sale: Sale | null = null;
    events.push({ at, run: async () => void (sale = await ringOne(till, op)) });
    days.add(dayOf(at));
    const refund = op.refund;
    if (refund && (op.kind === 'stripe' || op.kind === 'cash' || op.kind === 'manual')) {
      const refundAt = at + refund.after * 60_000;
      events.push({
        at: refundAt,
        run: async () => {
          const amount = Math.max(1, Math.floor((sale!.amount * refund.percent) / 100));
          const made = await ring.refund(till.pos, sale!, amount, { paidOut: refund.paidOut });
          // The day it counts on, from the till's own record (the refund side keeps the system clock).
          days.add(dayOf(made.createdAt));
        },
      });
    }
  }
  // Stable: a refund at its sale's very minute comes after the sale.
  events.sort((a, b) => a.at - b.at);
  for (const event of events) {
    till.clock.set(event.at);
    await event.run();
  }
  return days;
}

describe('head office totals (property)', () => {
  it('equal each till\'s own daily and monthly reports, and add up to the chain, whatever arrives late or twice', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ gapDays, tills: plans, resend }) => {
        const start = cursor + gapDays * 86_400_000;
        cursor = start + 7 * 86_400_000;
        // The shop's zone and day start change: every sale is queued again with its new business day.
        for (const [index, till] of tills.entries()) {
          till.clock.set(start);
          await call(till.pos, 'settings.update', { timeZone: plans[index].zone, dayStartHour: plans[index].dayStartHour });
          if (plans[index].offline) gates[index].down();
        }
        const touched = await Promise.all(tills.map((till, index) => play(till, plans[index], start)));
        // The online tills first; the offline ones come back and catch up after.
        await Promise.all(tills.filter((_, index) => !plans[index].offline).map((till) => till.sender.drained()));
        for (const [index, till] of tills.entries()) {
          if (!plans[index].offline) continue;
          gates[index].mode = 'open';
          till.sender.retryNow();
          await till.sender.drained();
        }
        // An old batch arrives again (a retry that crossed a newer one): it changes nothing.
        // (Every till sells at least once per run, so there is always a batch to pick.)
        const seen = gates.flatMap((gate, index) => gate.salesPosts.filter((post) => post.answer?.status === 200).map((post) => ({ post, spec: specs[index] })));
        const { post, spec } = seen[resend % seen.length];
        const again = await fetch(`${relay.relay.url}/head-office/sales`, {
          method: 'POST', headers: { authorization: `Bearer ${spec.token}`, 'content-type': 'application/json' }, body: post.body,
        });
        expect(again.status).toBe(200);

        const allDays = new Set(touched.flatMap((days) => [...days]));
        for (const date of [...allDays].sort()) {
          const report = await relay.daily(date);
          const sum = emptyTotals();
          for (const [index, till] of tills.entries()) {
            const own = comparable(await tillDaily(till.pos, date));
            add(sum, own);
            expect(tillRow(report, specs[index]) ?? emptyTotals(), `${specs[index].shopId}/${specs[index].tillId} on ${date}`).toEqual(own);
          }
          expect(report.totals, `chain on ${date}`).toEqual(sum);
        }
        const months = new Set([...allDays].map((date) => date.slice(0, 7)));
        for (const month of months) {
          const report = await relay.monthly(month);
          const last = report.to;
          for (const [index, till] of tills.entries()) {
            const own = await call<PeriodReport>(till.pos, 'reports.period', { from: `${month}-01`, to: last });
            expect(tillRow(report, specs[index]) ?? emptyTotals(), `${specs[index].tillId} in ${month}`).toEqual(comparable(own.totals));
          }
        }
      }),
      { numRuns: 6, endOnFailure: true },
    );
  }, 600_000);
});
