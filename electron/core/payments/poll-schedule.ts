// How often the till's one watcher reads Stripe's event log. One read covers every open sale, so it
// can afford to be fast while a customer may be paying (a payment is seen within about a second) and
// still costs the account's shared rate limit O(1), not O(open sales). When a push path (webhooks,
// relay) is healthy, the read is only a safety net.

export interface PollSchedule {
  /** Delay before the next read, given how long the newest open sale has been awaiting payment. */
  nextDelayMs(elapsedMs: number): number;
}

/** While any sale awaits payment and push is not healthy: one read a second. */
export const watchPollSchedule: PollSchedule = {
  nextDelayMs: () => 1_000,
};

/** While only expired sales may still be paid late (nobody is standing at the till): a slower read. */
export const LATE_PAYMENT_POLL_MS = 5_000;

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
