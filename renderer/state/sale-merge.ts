// Sales reach a screen from call results, events and re-reads after a reconnect, in any order.
// These rules keep a screen from ever showing a sale moving backwards.
import type { Sale } from '../../shared/sale';
import { SALE_STAGE as STAGE } from '../../shared/sale-status';

/**
 * Whether `a` shows a later QR attempt of the sale than `b` (> 0), an earlier one (< 0), or the same.
 * "New QR" on an expired or failed sale starts a new attempt that awaits payment again. The core's
 * transition function sets a QR's expiry exactly once, when its attempt starts, and a new attempt's
 * expiry is later; copies without a QR yet (just created) belong to the first attempt.
 */
export function compareQrAttempt(a: Sale, b: Sale): number {
  if (a.qrExpiresAt === null || b.qrExpiresAt === null) return 0;
  return Math.sign(a.qrExpiresAt - b.qrExpiresAt);
}

/** The better-informed of two copies of the same sale: later QR attempt, then later stage, then later update. */
export function mergeSale(current: Sale | null, incoming: Sale): Sale {
  if (!current || current.id !== incoming.id) return incoming;
  const attemptDiff = compareQrAttempt(incoming, current);
  if (attemptDiff !== 0) return attemptDiff > 0 ? incoming : current;
  const stageDiff = STAGE[incoming.status] - STAGE[current.status];
  if (stageDiff !== 0) return stageDiff > 0 ? incoming : current;
  if (incoming.updatedAt === current.updatedAt && sameSale(incoming, current)) return current;
  return incoming.updatedAt >= current.updatedAt ? incoming : current;
}

/**
 * Two copies of one sale that say the same (the answer to a call and the event stream both bring each
 * change): the one already held is kept, so nothing on screen is drawn again for the second copy.
 */
function sameSale(a: Sale, b: Sale): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Which sale a display that follows "the current sale" should show after `incoming` arrives:
 * the same sale merged, or a newer sale, but never an older sale's late update over a newer one.
 */
export function followSale(current: Sale | null, incoming: Sale): Sale {
  if (!current || current.id === incoming.id) return mergeSale(current, incoming);
  return incoming.createdAt >= current.createdAt ? incoming : current;
}

/** Newest first, one row per sale, at most `limit` rows. */
export function upsertRecent(list: readonly Sale[], incoming: Sale, limit = 10): Sale[] {
  const existing = list.find((sale) => sale.id === incoming.id) ?? null;
  const merged = mergeSale(existing, incoming);
  if (merged === existing) return list as Sale[];
  return [merged, ...list.filter((sale) => sale.id !== incoming.id)]
    .sort((a, b) => b.createdAt - a.createdAt)
    .slice(0, limit);
}
