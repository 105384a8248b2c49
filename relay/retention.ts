// Deletes events older than the retention period, at start and then hourly. Tills that were away
// longer than that get a `relay.gap` message and reconcile from Stripe's own event log (30 days).
import type { EventLog } from './event-log';

export const DEFAULT_RETENTION_DAYS = 7;
export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function pruneExpiredEvents(store: EventLog, retentionDays: number, nowMs: number): Promise<number> {
  return store.pruneReceivedBefore(nowMs - retentionDays * DAY_MS);
}

export interface RetentionOptions {
  store: EventLog;
  retentionDays: number;
  now: () => number;
  intervalMs?: number;
  onPruned?: (deleted: number) => void;
}

export interface RetentionTask {
  /** Prunes now; resolves to how many events were deleted. */
  runNow(): Promise<number>;
  stop(): void;
}

/**
 * Prunes once (a failure here fails the start: the database is not usable), then hourly. With several
 * instances on PostgreSQL each prunes on its own schedule; pruning twice deletes nothing twice.
 */
export async function startRetention(options: RetentionOptions): Promise<RetentionTask> {
  const runNow = async () => {
    const deleted = await pruneExpiredEvents(options.store, options.retentionDays, options.now());
    if (deleted > 0) options.onPruned?.(deleted);
    return deleted;
  };
  await runNow();
  const timer = setInterval(() => {
    // A busy or full disk, a database away: try again next hour rather than crash the relay.
    runNow().catch(() => {});
  }, options.intervalMs ?? RETENTION_INTERVAL_MS);
  timer.unref();
  return { runNow, stop: () => clearInterval(timer) };
}
