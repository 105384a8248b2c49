// How often to ask Stripe about a sale that awaits payment. Customers usually pay within the first
// minute, so poll fast then; back off later because every till shares one account-wide rate limit
// (25 req/s in test mode). When a push path (webhooks, relay) is healthy, polling is only a safety net.

export interface PollSchedule {
  /** Delay before the next poll, given how long the sale has been awaiting payment. */
  nextDelayMs(elapsedMs: number): number;
}

export const adaptivePollSchedule: PollSchedule = {
  nextDelayMs(elapsedMs) {
    if (elapsedMs < 30_000) return 1_000;
    if (elapsedMs < 120_000) return 2_000;
    return 5_000;
  },
};

/** While Stripe is unreachable, retry with growing gaps (capped), so a flaky link is not hammered. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.min(attempt, 5));
}

/** While a push path (relay, webhooks) is healthy, polling only has to catch what push might miss. */
export const SAFETY_NET_POLL_MS = 15_000;

export function pushAwarePollSchedule(base: PollSchedule, isPushHealthy: () => boolean): PollSchedule {
  return {
    nextDelayMs(elapsedMs) {
      const delay = base.nextDelayMs(elapsedMs);
      return isPushHealthy() ? Math.max(SAFETY_NET_POLL_MS, delay) : delay;
    },
  };
}
