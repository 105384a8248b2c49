/**
 * Stripe's global per-account rate limit (25 requests per second in test mode, 100 live), as a
 * token bucket: `limit` requests at once, refilled at `limit` per second. One bucket per
 * simulator, because a simulator is one Stripe account: every key and every till shares it.
 * Hand-written rather than @fastify/rate-limit because it must run on the simulator's own
 * (injectable) clock and answer with Stripe's body, not the plugin's.
 */
export const STRIPE_TEST_MODE_RATE_LIMIT = 25;

export function checkRateLimit(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new Error(`stripe-sim: ${name} must be a whole number of requests per second (0 = off), got ${JSON.stringify(value)}`);
  return value;
}

/** `SIM_RATE_LIMIT=25` → 25; empty or unset → the fallback. */
export function rateLimitFromEnv(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  return checkRateLimit(/^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN, `SIM_RATE_LIMIT ('${value}')`);
}

export interface RateLimitSnapshot {
  /** Requests per second for the whole account; 0 = not limited. */
  limit_per_second: number;
  /** Requests answered 429 since the start (or the last stats reset). */
  throttled: number;
}

export class AccountRateLimiter {
  private tokens: number;
  private refilledAtMs: number;
  private throttledCount = 0;

  constructor(
    private limit: number,
    private readonly nowMs: () => number,
  ) {
    this.tokens = limit;
    this.refilledAtMs = nowMs();
  }

  /** A new limit starts with a full bucket. */
  setLimit(limit: number): void {
    this.limit = checkRateLimit(limit, 'limit_per_second');
    this.tokens = this.limit;
    this.refilledAtMs = this.nowMs();
  }

  /** Takes one request's token; false when the account is over its limit (answer 429). */
  tryTake(): boolean {
    if (this.limit === 0) return true;
    const now = this.nowMs();
    const elapsedMs = Math.max(0, now - this.refilledAtMs);
    this.tokens = Math.min(this.limit, this.tokens + (elapsedMs * this.limit) / 1000);
    this.refilledAtMs = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    this.throttledCount += 1;
    return false;
  }

  snapshot(): RateLimitSnapshot {
    return { limit_per_second: this.limit, throttled: this.throttledCount };
  }

  resetCount(): void {
    this.throttledCount = 0;
  }
}
