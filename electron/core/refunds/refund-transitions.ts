// Forward-only refund statuses: requires_action (Stripe waits for the customer's bank details) →
// pending → succeeded | failed | canceled. Late or duplicate news (poll, webhook) never moves back.
import type { RefundStatus } from '../../../shared/manager-types';

const RANK: Record<RefundStatus, number> = { requires_action: 0, pending: 1, succeeded: 2, failed: 2, canceled: 2 };

export function isFinalRefundStatus(status: RefundStatus): boolean {
  return RANK[status] === 2;
}

export interface RefundDecision {
  applied: boolean;
  note: string;
}

/**
 * `heardFromStripe` is false while our row only exists locally (saved before calling Stripe, status
 * 'pending'): Stripe's first answer then decides, even requires_action.
 */
export function decideRefundTransition(current: RefundStatus, next: RefundStatus, heardFromStripe: boolean): RefundDecision {
  if (isFinalRefundStatus(current)) return { applied: false, note: `already ${current}` };
  if (!heardFromStripe) return { applied: true, note: `Stripe: ${next}` };
  if (next === current) return { applied: false, note: `no change (${next})` };
  if (RANK[next] < RANK[current]) return { applied: false, note: `stale: ${next} after ${current}` };
  return { applied: true, note: `${current} → ${next}` };
}
