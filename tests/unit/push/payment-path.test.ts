import { describe, expect, it } from 'vitest';
import { adaptivePollSchedule, pushAwarePollSchedule, SAFETY_NET_POLL_MS } from '../../../electron/core/payments/poll-schedule';
import { PaymentPathTracker, WEBHOOK_FRESH_MS } from '../../../electron/core/push/payment-path-status';
import type { PaymentPathStatus } from '../../../shared/pos-contract';

describe('PaymentPathTracker', () => {
  function tracker(webhookConfigured: boolean) {
    let now = 1_000_000;
    const published: PaymentPathStatus[] = [];
    const t = new PaymentPathTracker(webhookConfigured, (status) => published.push(status), () => now);
    return { t, published, advance: (ms: number) => (now += ms) };
  }

  it('reports polling until a push path proves itself', () => {
    const { t } = tracker(true);
    expect(t.status()).toMatchObject({ live: 'polling', webhook: 'ready', relay: 'off' });
    t.pushReceived('webhook');
    expect(t.status().live).toBe('webhook');
  });

  it('prefers a connected relay and falls back when it drops', () => {
    const { t, published } = tracker(false);
    t.setRelay('connecting');
    t.setRelay('connected');
    expect(t.status().live).toBe('relay');
    t.setRelay('down');
    expect(published.map((status) => status.live)).toEqual(['polling', 'relay', 'polling']);
  });

  it('stops trusting a quiet webhook after a while', () => {
    const { t, advance } = tracker(true);
    t.pushReceived('webhook');
    advance(WEBHOOK_FRESH_MS + 1);
    expect(t.isPushHealthy()).toBe(false);
  });
});

describe('pushAwarePollSchedule', () => {
  it('polls at full speed without push and only as a safety net with it', () => {
    let healthy = false;
    const schedule = pushAwarePollSchedule(adaptivePollSchedule, () => healthy);
    expect(schedule.nextDelayMs(0)).toBe(1_000);
    healthy = true;
    expect(schedule.nextDelayMs(0)).toBe(SAFETY_NET_POLL_MS);
  });
});
