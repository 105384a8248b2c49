// Deletes events older than the retention period, at start and then hourly. Tills that were away
// longer than that get a `relay.gap` message and reconcile from Stripe's own event log (30 days).
import type { EventStore } from './event-store';

export const DEFAULT_RETENTION_DAYS = 7;
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function pruneExpiredEvents(store: EventStore, retentionDays: number, nowMs: number): number {
  return store.pruneReceivedBefore(nowMs - retentionDays * DAY_MS);
}

export interface RetentionOptions {
  store: EventStore;
  retentionDays: number;
  now: () => number;
  intervalMs?: number;
  onPruned?: (deleted: number) => void;
}

export interface RetentionTask {
  /** Prunes now; returns how many events were deleted. */
  runNow(): number;
  stop(): void;
}

export function startRetention(options: RetentionOptions): RetentionTask {
  const runNow = () => {
    const deleted = pruneExpiredEvents(options.store, options.retentionDays, options.now());
    if (deleted > 0) options.onPruned?.(deleted);
    return deleted;
  };
  runNow();
  const timer = setInterval(() => {
    try {
      runNow();
    } catch {
      // A busy or full disk: try again next hour rather than crash the relay.
    }
  }, options.intervalMs ?? RETENTION_INTERVAL_MS);
  timer.unref();
  return { runNow, stop: () => clearInterval(timer) };
}
