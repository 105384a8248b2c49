// Many tills on one Stripe account share its rate limit (Stripe's is per account). With push down,
// a fleet larger than the limit must settle just under it, and every till must still get a read of
// the event log through within a bounded time, or its payments go unnoticed. The real watchers and
// schedulers, the simulator's real token bucket, one clock the test moves (no real time).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchPollSchedule } from '../../../electron/core/payments/poll-schedule';
import { WatchScheduler } from '../../../electron/core/payments/watch-scheduler';
import { StripeWatcher } from '../../../electron/core/push/stripe-watcher';
import { GatewayError } from '../../../electron/core/stripe/stripe-gateway';
import { AccountRateLimiter } from '../../../stripe-sim/rate-limit';
import { ManualClock } from '../../support/core-harness';

interface FleetRun {
  attemptsPerSecond: number;
  acceptedPerSecond: number;
  /** The longest a till went without an answered read of the event log (ms). */
  longestGapMs: number;
}

async function runFleet(tills: number, limit: number, minutes: number, measuredMinutes: number, pushHealthy = false, startSpreadMs = 1_000): Promise<FleetRun> {
  const clock = new ManualClock(1_800_000_000_000);
  const start = clock.now();
  const bucket = new AccountRateLimiter(limit, clock.now);
  const measureFrom = start + (minutes - measuredMinutes) * 60_000;
  let attempts = 0;
  let accepted = 0;
  const lastAnswered: number[] = [];
  let longestGapMs = 0;
  const schedulers = Array.from({ length: tills }, () => new WatchScheduler(clock));
  const watchers = schedulers.map((scheduler, i) => new StripeWatcher({
    scheduler,
    readEventLog: async () => {
      const now = clock.now();
      if (now >= measureFrom) attempts += 1;
      if (!bucket.tryTake()) throw new GatewayError('rate_limited', 'Stripe is busy (rate limit).');
      if (now >= measureFrom) {
        accepted += 1;
        longestGapMs = Math.max(longestGapMs, now - Math.max(lastAnswered[i], measureFrom));
      }
      lastAnswered[i] = now;
    },
    hasSalesToWatch: () => true,
    newestAwaitingSince: () => start,
    isPushHealthy: () => pushHealthy,
    schedule: watchPollSchedule,
  }));
  // Shops open their sales at different moments within the first second (by default).
  watchers.forEach((watcher, i) => {
    lastAnswered.push(start);
    clock.setTimer((i * startSpreadMs) / tills, () => watcher.poke());
  });
  await clock.advance(minutes * 60_000, () => Promise.all(schedulers.map((scheduler) => scheduler.settled())).then(() => undefined));
  for (let i = 0; i < tills; i += 1) longestGapMs = Math.max(longestGapMs, clock.now() - Math.max(lastAnswered[i], measureFrom));
  await Promise.all(schedulers.map((scheduler) => scheduler.close()));
  const seconds = measuredMinutes * 60;
  return { attemptsPerSecond: attempts / seconds, acceptedPerSecond: accepted / seconds, longestGapMs };
}

// The watchers' jitter, seeded (mulberry32): the same fleet on every run, so the bounds are not luck.
beforeEach(() => {
  let state = 20261203;
  vi.spyOn(Math, 'random').mockImplementation(() => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('a fleet of watchers over the account’s rate limit (push down)', () => {
  it('shares the limit: the fleet settles at it and no till is starved (none waits over two and a half minutes for a read)', async () => {
    // 100 polling tills want 100 reads a second; Stripe's test mode allows 25.
    const run = await runFleet(100, 25, 12, 6);
    expect(run.acceptedPerSecond).toBeGreaterThan(20);
    expect(run.attemptsPerSecond).toBeLessThan(25 * 1.3);
    // Bounded by the longest pause (60 s): one 429 between two answered reads at worst, plus jitter.
    expect(run.longestGapMs).toBeLessThanOrEqual(150_000);
  });

  it('with push healthy, tills whose safety-net reads met a 429 together fall out of step, so each gets through', async () => {
    // One pushed event pokes every till of the account in the same instant, so their 15 s reads
    // come together: 100 against a bucket of 25. After a 429 the next read is jittered, so the
    // tills fall out of step instead of meeting the limit together every 15 s.
    const run = await runFleet(100, 25, 3, 3, true, 0);
    // The fleet's safety net is 100 / 15 ≈ 6.7 reads a second: nearly all of it answered.
    expect(run.acceptedPerSecond).toBeGreaterThan(6);
    expect(run.attemptsPerSecond).toBeLessThan(100 / 15 + 1);
    expect(run.longestGapMs).toBeLessThanOrEqual(30_000);
  });

  it('is back to a read a second once it is under the limit again', async () => {
    // 10 tills under a limit of 25 never meet a 429 after the start: each reads once a second.
    const run = await runFleet(10, 25, 3, 1);
    expect(run.attemptsPerSecond).toBeGreaterThan(9);
    expect(run.acceptedPerSecond).toBe(run.attemptsPerSecond);
  });
});
