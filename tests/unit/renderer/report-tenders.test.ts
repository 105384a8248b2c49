import { describe, expect, it } from 'vitest';
import type { DailyReport, ReportPayment, ReportTotals } from '../../../shared/manager-types';
import { SALE_STATUSES } from '../../../shared/sale-status';
import { createReportStore, hoursFrom, paymentTender, reportDayStartHour, stripePayout, tenderRows } from '../../../renderer/state/report-store';
import { createFakeTransport } from './fake-transport';

const zero = { count: 0, amount: 0 };

/** A day: ฿1,000 PromptPay (2 sales, ฿100 refunded, ฿20 fees, one fee unknown), ฿300 cash, ฿50 by hand. */
function totals(): ReportTotals {
  return {
    byStatus: Object.fromEntries(SALE_STATUSES.map((status) => [status, zero])) as ReportTotals['byStatus'],
    paid: { count: 5, amount: 135_000 },
    refunded: { count: 2, amount: 15_000 },
    net: 120_000,
    tenders: {
      promptpay: { count: 2, gross: 100_000, refunded: 10_000, net: 90_000 },
      cash: { count: 2, gross: 30_000, refunded: 5_000, net: 25_000 },
      promptpay_manual: { count: 1, gross: 5_000, refunded: 0, net: 5_000 },
    },
    refundsPaidOut: { count: 1, amount: 5_000 },
    refundsWaiting: { count: 1, amount: 10_000 },
    stripeFees: 2_000,
    stripeFeesUnknown: 1,
    stripeNetPayout: 88_000,
  };
}

function dailyReport(date: string, patch: Partial<DailyReport> = {}): DailyReport {
  return {
    ...totals(),
    mode: 'demo',
    account: null,
    timeZone: 'Asia/Bangkok',
    tillId: null,
    startsAt: 0,
    endsAt: 0,
    date,
    byHour: Array.from({ length: 24 }, (_, hour) => ({ hour, ...zero })),
    byCashier: [],
    payments: [],
    generatedAt: 0,
    ...patch,
  };
}

const payment = (patch: Partial<ReportPayment> & Record<string, unknown> = {}): ReportPayment => ({
  saleId: 'sale_AAAAAAAA',
  paidAt: 0,
  amount: 100,
  refunded: 0,
  description: null,
  orderRef: null,
  cashier: null,
  tillId: 'till-1',
  paymentIntentId: null,
  flagged: false,
  ...patch,
});

describe('report by tender', () => {
  it('lists every tender in one order, PromptPay through Stripe first, and says who vouches for each', () => {
    const rows = tenderRows(totals());
    expect(rows.map((row) => [row.tender, row.verifiedBy, row.net])).toEqual([
      ['promptpay', 'stripe', 90_000],
      ['cash', 'drawer', 25_000],
      ['promptpay_manual', 'cashier', 5_000],
    ]);
    expect(rows.reduce((sum, row) => sum + row.net, 0)).toBe(totals().net);
  });

  it('Stripe’s payout is PromptPay’s net less the fees, with the sales whose fee is unknown counted', () => {
    expect(stripePayout(totals())).toEqual({ net: 90_000, fees: 2_000, payout: 88_000, feesUnknown: 1 });
  });

  it('a payment carries its tender; one from a core before tenders was PromptPay through Stripe', () => {
    expect(paymentTender(payment({ tender: 'cash' }))).toBe('cash');
    expect(paymentTender(payment({ tender: 'promptpay_manual' }))).toBe('promptpay_manual');
    // What an older core (or a newer tender this screen does not know) sends: no tender, or another word.
    const { tender: _omitted, ...untendered } = payment({ tender: 'cash' });
    expect(paymentTender(untendered as ReportPayment)).toBe('promptpay');
    expect(paymentTender({ ...payment(), tender: 'cheque' } as unknown as ReportPayment)).toBe('promptpay');
  });

  it('orders the hours from the day’s start hour, and reads the start hour only when the report says it', () => {
    expect(hoursFrom(0)).toEqual(Array.from({ length: 24 }, (_, hour) => hour));
    expect(hoursFrom(4).slice(0, 3)).toEqual([4, 5, 6]);
    expect(hoursFrom(4).at(-1)).toBe(3);
    expect(reportDayStartHour(dailyReport('2026-12-02'))).toBe(0);
    expect(reportDayStartHour({ ...dailyReport('2026-12-02'), dayStartHour: 4 })).toBe(4);
    expect(reportDayStartHour({ dayStartHour: 'x' })).toBe(0);
  });
});

describe('report store', () => {
  it('loads the chosen business day, and keeps only the answer for the day last asked', async () => {
    const transport = createFakeTransport();
    const answers = new Map<string, (value: DailyReport) => void>();
    transport.handle('reports.daily', (input) => new Promise((resolve) => answers.set(input.date, (value) => resolve({ ok: true, value }))));
    const store = createReportStore({ transport, now: () => Date.UTC(2026, 11, 2, 5), timeZone: () => 'Asia/Bangkok' });
    expect(store.getState().date).toBe('2026-12-02');
    const first = store.getState().load();
    store.getState().setDate('2026-12-01');
    answers.get('2026-12-01')!(dailyReport('2026-12-01'));
    answers.get('2026-12-02')!(dailyReport('2026-12-02'));
    await first;
    await Promise.resolve();
    expect(store.getState().report?.date).toBe('2026-12-01');
    expect(store.getState().report?.tenders.promptpay_manual.net).toBe(5_000);
    expect(transport.callsOf('reports.daily')).toEqual([{ date: '2026-12-02' }, { date: '2026-12-01' }]);
  });

  it('shows a refusal and keeps no report', async () => {
    const transport = createFakeTransport();
    transport.handle('reports.daily', () => ({ ok: false, error: { code: 'forbidden', message: 'managers only' } }));
    const store = createReportStore({ transport });
    await store.getState().load();
    expect(store.getState().report).toBeNull();
    expect(store.getState().error).not.toBeNull();
  });
});
