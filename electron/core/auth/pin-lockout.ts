// Brute-force limits for PIN entry. Per cashier (persisted): 5 wrong PINs lock that cashier for
// 5 minutes, doubling on each repeat. Per caller (in memory): wrong PINs from one network address
// (HTTP: every caller on the till's own machine shares one) or one desktop window are limited too,
// whichever cashier they name, so cycling through cashier ids or dropping the session cookie does not
// buy more guesses. Till-wide (in memory): wrong manager PINs typed to raise a session (auth.elevate)
// are counted for the whole till, so fresh sessions from fresh clients do not buy more guesses either.
export const MAX_WRONG_PINS = 5;
export const BASE_LOCK_MS = 5 * 60 * 1000;
/** Wrong PINs one caller may enter (across all cashiers) before it is locked out itself. */
export const MAX_CLIENT_WRONG_PINS = 10;
/** Wrong manager PINs (auth.elevate) the whole till may see before elevation is locked. */
export const MAX_TILL_WRONG_MANAGER_PINS = 10;
/** Failures older than this no longer count towards a caller's or the till's limit. */
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** Callers remembered at most; beyond it, those neither locked nor recently failing are forgotten. */
const MAX_TRACKED_KEYS = 10_000;

/** The lock that follows the given number of earlier locks: 5, 10, 20 … minutes, capped at a day. */
export function lockDurationMs(previousLocks: number): number {
  return Math.min(BASE_LOCK_MS * 2 ** previousLocks, 24 * 60 * 60 * 1000);
}

interface FailureRecord {
  failures: number[];
  lockedUntil: number | null;
  locks: number;
}

export interface FailureThrottleOptions {
  /** Failures within `windowMs` that lock the key. */
  maxFailures: number;
  windowMs?: number;
  now?: () => number;
}

/**
 * Counts failures per key in a sliding window; `maxFailures` of them lock the key for
 * lockDurationMs(earlier locks). A success clears nothing: on a shared till anyone's right PIN would
 * otherwise wipe an attacker's count; failures simply age out of the window. Checking and recording
 * are synchronous, so callers that serialize their slow work per key get exact counts.
 */
export class FailureThrottle {
  private readonly records = new Map<string, FailureRecord>();
  private readonly now: () => number;
  private readonly windowMs: number;

  constructor(private readonly options: FailureThrottleOptions) {
    this.now = options.now ?? Date.now;
    this.windowMs = options.windowMs ?? FAILURE_WINDOW_MS;
  }

  /** Epoch ms until which this key may not try again, or null. */
  lockedUntil(key: string): number | null {
    const record = this.records.get(key);
    if (!record?.lockedUntil) return null;
    return record.lockedUntil > this.now() ? record.lockedUntil : null;
  }

  /** Records a failure; returns the new lock end when this failure locked the key. */
  recordFailure(key: string): number | null {
    const now = this.now();
    if (!this.records.has(key) && this.records.size >= MAX_TRACKED_KEYS) this.forgetIdle(now);
    const record = this.records.get(key) ?? { failures: [], lockedUntil: null, locks: 0 };
    record.failures = [...record.failures.filter((at) => now - at < this.windowMs), now];
    this.records.set(key, record);
    if (record.failures.length < this.options.maxFailures) return null;
    record.lockedUntil = now + lockDurationMs(record.locks);
    record.locks += 1;
    record.failures = [];
    return record.lockedUntil;
  }

  private forgetIdle(now: number): void {
    for (const [key, record] of this.records) {
      const locked = record.lockedUntil !== null && record.lockedUntil > now;
      const recent = record.failures.some((at) => now - at < this.windowMs);
      if (!locked && !recent) this.records.delete(key);
    }
  }
}

/** Wrong PINs per caller (network address or desktop window). */
export class ClientPinThrottle extends FailureThrottle {
  constructor(now: () => number = Date.now) {
    super({ maxFailures: MAX_CLIENT_WRONG_PINS, now });
  }
}
