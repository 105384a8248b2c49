import { describe, expect, it } from 'vitest';
import { pushAwarePollSchedule, SAFETY_NET_POLL_MS, watchPollSchedule } from '../../../electron/core/payments/poll-schedule';
import { PaymentPathTracker, WEBHOOK_FRESH_MS } from '../../../electron/core/push/payment-path-status';
import type { PaymentPathStatus } from '../../../shared/pos-contract';
import { relayEventsUrl } from '../../../electron/core/push/relay-client';

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
    const schedule = pushAwarePollSchedule(watchPollSchedule, () => healthy);
    expect(schedule.nextDelayMs(0)).toBe(1_000);
    healthy = true;
    expect(schedule.nextDelayMs(0)).toBe(SAFETY_NET_POLL_MS);
  });
});

describe('when a poll finds what push missed', () => {
  it('drops a webhook that stopped delivering back to polling until it delivers again', () => {
    let now = 5_000_000;
    const t = new PaymentPathTracker(true, () => undefined, () => now);
    t.pushReceived('webhook');
    expect(t.status().live).toBe('webhook');
    now += 1_000;
    t.pushMissed();
    expect(t.status().live).toBe('polling');
    now += 1_000;
    t.pushReceived('webhook');
    expect(t.status().live).toBe('webhook');
  });

  it('stops trusting a connected relay that is not bringing events', () => {
    let now = 5_000_000;
    const t = new PaymentPathTracker(false, () => undefined, () => now);
    t.setRelay('connected');
    expect(t.status().live).toBe('relay');
    now += 1_000;
    t.pushMissed();
    expect(t.status()).toMatchObject({ live: 'polling', relay: 'connected' });
    now += 1_000;
    t.pushReceived('relay');
    expect(t.status().live).toBe('relay');
  });
});

describe('relayEventsUrl', () => {
  it('keeps the path a relay is mounted under', () => {
    expect(relayEventsUrl('https://relay.example.com').href).toBe('https://relay.example.com/events');
    expect(relayEventsUrl('https://host.example.com/relay').href).toBe('https://host.example.com/relay/events');
    expect(relayEventsUrl('https://host.example.com/relay/').href).toBe('https://host.example.com/relay/events');
  });
});

describe('the Stripe link and the clock', () => {
  it('says Stripe is unreachable when a request gets no answer, and reachable when one does', () => {
    const published: PaymentPathStatus[] = [];
    const t = new PaymentPathTracker(false, (status) => published.push(status), () => 1_000_000);
    expect(t.status().stripe).toBe('unknown');
    t.stripeLink(false, null);
    expect(t.isStripeUnreachable()).toBe(true);
    t.stripeLink(true, null);
    expect(published.map((status) => status.stripe)).toEqual(['unreachable', 'reachable']);
  });

  it('measures this computer’s clock against Stripe’s Date header', () => {
    const stripeNow = Date.parse('Thu, 26 Nov 2026 05:00:00 GMT');
    const published: PaymentPathStatus[] = [];
    const t = new PaymentPathTracker(false, (status) => published.push(status), () => stripeNow + 10 * 60_000);
    t.stripeLink(true, 'Thu, 26 Nov 2026 05:00:00 GMT');
    expect(t.status().clockSkewSeconds).toBe(600);
    expect(published.at(-1)?.clockSkewSeconds).toBe(600);
  });
});
