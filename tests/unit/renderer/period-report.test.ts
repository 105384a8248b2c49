import { describe, expect, it } from 'vitest';
import type { PeriodReport, PeriodReportDay, ReportTotals } from '../../../shared/manager-types';
import { SALE_STATUSES } from '../../../shared/sale-status';
import { businessDateOf, mondayOf, presetRange } from '../../../renderer/state/business-date';
import { parseRoute, routeHash, tabOf } from '../../../renderer/state/manager-route';
import { bestDay, createPeriodReportStore, periodBars } from '../../../renderer/state/period-report-store';
import { createFakeTransport } from './fake-transport';

const zero = { count: 0, amount: 0 };
const tender = (net: number) => ({ count: net > 0 ? 1 : 0, gross: Math.max(net, 0), refunded: Math.max(-net, 0), net });

function totals(net: number): ReportTotals {
  return {
    byStatus: Object.fromEntries(SALE_STATUSES.map((status) => [status, zero])) as ReportTotals['byStatus'],
    paid: { count: net > 0 ? 1 : 0, amount: Math.max(net, 0) },
    refunded: { count: net < 0 ? 1 : 0, amount: Math.max(-net, 0) },
    net,
    tenders: { promptpay: tender(net), cash: tender(0), promptpay_manual: tender(0) },
    refundsPaidOut: zero,
    refundsWaiting: zero,
    stripeFees: 0,
    stripeFeesUnknown: 0,
    stripeNetPayout: net,
  };
}

const day = (date: string, net: number): PeriodReportDay => ({ ...totals(net), date, startsAt: 0, endsAt: 0 });

function periodReport(from: string, to: string, days: PeriodReportDay[] = []): PeriodReport {
  return { mode: 'demo', account: null, timeZone: 'Asia/Bangkok', tillId: null, startsAt: 0, endsAt: 0, from, to, days, totals: totals(days.reduce((sum, d) => sum + d.net, 0)), generatedAt: 0 };
}

// Wednesday 2 December 2026, 10:00 in Bangkok.
const NOW = Date.UTC(2026, 11, 2, 3);

describe('period presets', () => {
  it('weeks run Monday to Sunday; this week and month end today, last ones are whole', () => {
    expect(mondayOf('2026-12-02')).toBe('2026-11-30');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
    expect(presetRange('thisWeek', '2026-12-02')).toEqual({ from: '2026-11-30', to: '2026-12-02' });
    expect(presetRange('lastWeek', '2026-12-02')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(presetRange('thisMonth', '2026-12-02')).toEqual({ from: '2026-12-01', to: '2026-12-02' });
    expect(presetRange('lastMonth', '2026-12-02')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(presetRange('lastMonth', '2026-03-15')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('lastWeek', '2027-01-03')).toEqual({ from: '2026-12-21', to: '2026-12-27' });
  });

  it('today follows the day’s start hour: 01:30 with a 04:00 start is still yesterday', () => {
    const half_past_one = Date.UTC(2026, 11, 1, 18, 30); // 01:30 on 2 Dec in Bangkok
    expect(businessDateOf(half_past_one, 'Asia/Bangkok')).toBe('2026-12-02');
    expect(businessDateOf(half_past_one, 'Asia/Bangkok', 4)).toBe('2026-12-01');
    expect(businessDateOf(half_past_one + 3 * 3_600_000, 'Asia/Bangkok', 4)).toBe('2026-12-02');
  });
});

describe('period report store', () => {
  it('opens on this week, and a preset asks the core for its days', async () => {
    const transport = createFakeTransport();
    transport.handle('reports.period', (input) => ({ ok: true, value: periodReport(input.from, input.to) }));
    const store = createPeriodReportStore({ transport, now: () => NOW });
    await store.getState().load();
    expect(transport.callsOf('reports.period')).toEqual([{ from: '2026-11-30', to: '2026-12-02' }]);
    store.getState().choose('lastMonth');
    await Promise.resolve();
    expect(store.getState()).toMatchObject({ preset: 'lastMonth', from: '2026-11-01', to: '2026-11-30' });
    expect(transport.callsOf('reports.period').at(-1)).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('a typed range is put in order, and one over 62 days is refused on screen without asking the core', async () => {
    const transport = createFakeTransport();
    transport.handle('reports.period', (input) => ({ ok: true, value: periodReport(input.from, input.to) }));
    const store = createPeriodReportStore({ transport, now: () => NOW });
    store.getState().setFrom('2026-12-01');
    store.getState().setTo('2026-11-20');
    await Promise.resolve();
    expect(store.getState().preset).toBe('custom');
    expect(transport.callsOf('reports.period').at(-1)).toEqual({ from: '2026-11-20', to: '2026-12-01' });
    const asked = transport.callsOf('reports.period').length;
    store.getState().setFrom('2026-09-01');
    await Promise.resolve();
    expect(store.getState().problem).toEqual({ key: 'period.tooLong', vars: { max: 62 } });
    expect(transport.callsOf('reports.period')).toHaveLength(asked);
    store.getState().choose('thisMonth');
    await Promise.resolve();
    expect(store.getState().problem).toBeNull();
  });

  it('keeps only the answer for the range last asked, and shows a refusal', async () => {
    const transport = createFakeTransport();
    const pending: (() => void)[] = [];
    transport.handle('reports.period', (input) => new Promise((resolve) => pending.push(() => resolve({ ok: true, value: periodReport(input.from, input.to) }))));
    const store = createPeriodReportStore({ transport, now: () => NOW });
    const first = store.getState().load();
    store.getState().choose('lastWeek');
    pending[1]();
    pending[0]();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.getState().report).toMatchObject({ from: '2026-11-23', to: '2026-11-29' });

    transport.handle('reports.period', () => ({ ok: false, error: { code: 'forbidden', message: 'managers only' } }));
    await store.getState().load();
    expect(store.getState().error).not.toBeNull();
  });

  it('folds the tender columns away until asked', () => {
    const store = createPeriodReportStore({ transport: createFakeTransport(), now: () => NOW });
    expect(store.getState().showTenders).toBe(false);
    store.getState().toggleTenders();
    expect(store.getState().showTenders).toBe(true);
  });
});

describe('period bars', () => {
  it('draw each day’s net against the largest day; a refund-heavy day is drawn apart; the best day is the most net', () => {
    const days = [day('2026-11-30', 40_000), day('2026-12-01', 0), day('2026-12-02', -10_000), day('2026-12-03', 20_000)];
    expect(periodBars(days)).toEqual([
      { date: '2026-11-30', share: 1, negative: false },
      { date: '2026-12-01', share: 0, negative: false },
      { date: '2026-12-02', share: 0.25, negative: true },
      { date: '2026-12-03', share: 0.5, negative: false },
    ]);
    expect(bestDay(days)).toBe('2026-11-30');
    expect(bestDay([day('2026-12-01', 0)])).toBeNull();
    expect(periodBars([day('2026-12-01', 0)])[0].share).toBe(0);
  });

  it('has its own tab in the manager’s area', () => {
    expect(parseRoute(routeHash({ name: 'period' }))).toEqual({ name: 'period' });
    expect(tabOf({ name: 'period' })).toBe('period');
  });
});
