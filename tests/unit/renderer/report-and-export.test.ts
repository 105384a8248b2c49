import { describe, expect, it } from 'vitest';
import type { ExportJob } from '../../../shared/manager-types';
import { mergeJob, progressPercent, upsertJob } from '../../../renderer/state/export-progress';
import { busiestHour, layoutHourChart, niceCeiling } from '../../../renderer/state/hour-chart';
import { linkWarnings, paymentPathView } from '../../../renderer/state/payment-path-view';
import { isApiRow } from '../../../renderer/state/report-store';
import { detailSummary, sourceLabel } from '../../../renderer/state/timeline-view';

const job = (patch: Partial<ExportJob>): ExportJob => ({
  id: 'exp_ABCDEFGH',
  format: 'csv',
  from: '2026-11-01',
  to: '2026-11-30',
  status: 'running',
  done: 0,
  total: 1000,
  fileName: 'x.csv',
  filePath: null,
  downloadUrl: null,
  error: null,
  ...patch,
});

describe('hour chart', () => {
  it('rounds the axis up to a few round steps of baht and draws the peak inside the plot', () => {
    expect(niceCeiling(734)).toBe(1000);
    expect(niceCeiling(180)).toBe(200);
    const layout = layoutHourChart([{ hour: 9, count: 2, amount: 73_400 }, { hour: 12, count: 1, amount: 10_000 }], { width: 720, height: 240 });
    // ฿734 in steps of ฿200: 0, 200, 400, 600, 800.
    expect(layout.max).toBe(80_000);
    expect(layout.ticks.map((tick) => tick.value)).toEqual([0, 20_000, 40_000, 60_000, 80_000]);
    expect(layout.bars).toHaveLength(24);
    const nine = layout.bars[9];
    expect(nine.y + nine.height).toBeCloseTo(layout.plot.bottom);
    expect(nine.y).toBeGreaterThan(layout.plot.top);
    expect(layout.bars[3].height).toBe(0);
    expect(busiestHour([{ hour: 9, count: 2, amount: 73_400 }, { hour: 12, count: 1, amount: 10_000 }])).toBe(9);
  });

  it('draws an empty day without dividing by zero', () => {
    const layout = layoutHourChart([]);
    expect(layout.max).toBe(0);
    expect(layout.bars.every((bar) => bar.height === 0)).toBe(true);
    expect(busiestHour([])).toBeNull();
  });
});

describe('export progress', () => {
  it('never goes backwards, and a finished job stays finished', () => {
    expect(mergeJob(job({ done: 500 }), job({ done: 300 })).done).toBe(500);
    expect(mergeJob(job({ status: 'done', done: 1000 }), job({ done: 900 })).status).toBe('done');
    expect(upsertJob([job({ done: 10 })], job({ done: 20 }))[0].done).toBe(20);
    expect(progressPercent(job({ done: 333 }))).toBe(33);
    expect(progressPercent(job({ total: 0 }))).toBeNull();
    expect(progressPercent(job({ status: 'done', total: 0 }))).toBe(100);
  });
});

describe('payment path indicator and timeline labels', () => {
  it('calls relay and webhooks instant, and warns when a relay is down and polling carries the load', () => {
    expect(paymentPathView({ live: 'relay', relay: 'connected', webhook: 'off', lastPushAt: null, stripe: 'reachable', clockSkewSeconds: 0 })).toMatchObject({ tone: 'good', labelKey: 'path.live.relay' });
    expect(paymentPathView({ live: 'webhook', relay: 'off', webhook: 'ready', lastPushAt: null, stripe: 'reachable', clockSkewSeconds: 0 }).labelKey).toBe('path.live.webhook');
    expect(paymentPathView({ live: 'polling', relay: 'down', webhook: 'off', lastPushAt: null, stripe: 'reachable', clockSkewSeconds: 0 })).toMatchObject({ tone: 'warn', labelKey: 'path.live.polling' });
    expect(paymentPathView({ live: 'polling', relay: 'off', webhook: 'off', lastPushAt: null, stripe: 'reachable', clockSkewSeconds: 0 }).tone).toBe('ok');
    expect(paymentPathView(null).tone).toBe('unknown');
  });

  it('names machine sources in the screen language and people as they are', () => {
    expect(sourceLabel('webhook')).toEqual({ key: 'timeline.source.webhook' });
    expect(sourceLabel('Ploy')).toEqual({ text: 'Ploy' });
    expect(detailSummary({ eventId: 'evt_1', type: 'payment_intent.succeeded', nested: { a: 1 } }, String)).toBe('eventId: evt_1 · type: payment_intent.succeeded');
    expect(detailSummary(null, String)).toBeNull();
  });
});

describe('link warnings on the till', () => {
  const base = { live: 'polling' as const, relay: 'off' as const, webhook: 'off' as const, lastPushAt: null };

  it('says plainly that PromptPay cannot work while Stripe is unreachable', () => {
    expect(linkWarnings({ ...base, stripe: 'unreachable', clockSkewSeconds: null })).toEqual([{ kind: 'offline' }]);
    expect(paymentPathView({ ...base, stripe: 'unreachable', clockSkewSeconds: null })).toMatchObject({ tone: 'bad', labelKey: 'path.offline' });
  });

  it('warns about a clock more than two minutes off, in either direction, and not about a few seconds', () => {
    expect(linkWarnings({ ...base, stripe: 'reachable', clockSkewSeconds: 5 })).toEqual([]);
    expect(linkWarnings({ ...base, stripe: 'reachable', clockSkewSeconds: 600 })).toEqual([{ kind: 'clock', minutes: 10, direction: 'ahead' }]);
    expect(linkWarnings({ ...base, stripe: 'reachable', clockSkewSeconds: -300 })).toEqual([{ kind: 'clock', minutes: 5, direction: 'behind' }]);
  });
});

describe('daily report rows', () => {
  it('names API sales by the fact, in the screen language, never by the core words', () => {
    const row = { count: 1, amount: 100 };
    expect(isApiRow({ ...row, cashierId: null, name: 'API (no cashier)', source: 'api' })).toBe(true);
    expect(isApiRow({ ...row, cashierId: 'csh_nok12345', name: 'Nok', source: 'till' })).toBe(false);
    // A till sale from before cashiers signed in has no cashier either, but the fact says till.
    expect(isApiRow({ ...row, cashierId: null, name: '', source: 'till' })).toBe(false);
    expect(isApiRow({ ...row, cashierId: null, name: 'API (no cashier)' })).toBe(true);
  });
});
