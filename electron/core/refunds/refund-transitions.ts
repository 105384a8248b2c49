// Forward-only refund statuses: requires_action (Stripe waits for the customer's bank details) →
// pending → succeeded | failed | canceled. Late or duplicate news (poll, webhook) never moves back.
// One exception, because Stripe makes it: a succeeded refund can still fail afterwards (the bank
// returned the money). That move, and only that one, is applied — and marked as a reversal so a person
// is told: the customer did not get the money after all.
import type { RefundStatus } from '../../../shared/manager-types';

const RANK: Record<RefundStatus, number> = { requires_action: 0, pending: 1, succeeded: 2, failed: 2, canceled: 2 };

export function isFinalRefundStatus(status: RefundStatus): boolean {
  return RANK[status] === 2;
}

export interface RefundDecision {
  applied: boolean;
  note: string;
  /** True for succeeded → failed: money that had left came back; flag it for a person. */
  reversal?: boolean;
}

/**
 * `heardFromStripe` is false while our row only exists locally (saved before calling Stripe, status
 * 'pending'): Stripe's first answer then decides, even requires_action.
 */
export function decideRefundTransition(current: RefundStatus, next: RefundStatus, heardFromStripe: boolean): RefundDecision {
  if (current === 'succeeded' && next === 'failed') {
    return { applied: true, note: 'succeeded → failed: the refund failed after it had succeeded', reversal: true };
  }
  if (isFinalRefundStatus(current)) return { applied: false, note: `already ${current}` };
  if (!heardFromStripe) return { applied: true, note: `Stripe: ${next}` };
  if (next === current) return { applied: false, note: `no change (${next})` };
  if (RANK[next] < RANK[current]) return { applied: false, note: `stale: ${next} after ${current}` };
  return { applied: true, note: `${current} → ${next}` };
}
