// Refunds as stored. What is still refundable is computed here, from the rows, inside the caller's
// transaction: a sale's amount minus every refund that did not fail or get canceled.
import type { Refund, RefundStatus } from '../../../shared/manager-types';
import type { Tender } from '../../../shared/tender';
import type { LedgerDb } from '../ledger/open-ledger';

interface RefundRow {
  id: string;
  sale_id: string;
  stripe_refund_id: string | null;
  tender: Tender;
  amount: number;
  status: RefundStatus;
  email: string | null;
  reason: Refund['reason'];
  failure_reason: string | null;
  requested_by: string | null;
  created_at: number;
  updated_at: number;
}

function fromRow(row: RefundRow): Refund {
  return {
    id: row.id,
    saleId: row.sale_id,
    stripeRefundId: row.stripe_refund_id,
    tender: row.tender,
    amount: row.amount,
    status: row.status,
    email: row.email,
    reason: row.reason,
    failureReason: row.failure_reason,
    requestedBy: row.requested_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewRefund {
  id: string;
  saleId: string;
  amount: number;
  email: string | null;
  reason: Refund['reason'];
  requestedBy: string | null;
  tillId: string;
  createdAt: number;
  /** Defaults to 'promptpay' (through Stripe, saved pending before Stripe is asked). */
  tender?: Tender;
  /** A hand-tender refund is recorded as handed back: 'succeeded' at once. */
  status?: RefundStatus;
  /** The shift whose drawer a cash refund came out of. */
  shiftId?: string | null;
}

/** Statuses that hold money back from being refunded again. */
export const COUNTED_REFUND_STATUSES = "('pending','requires_action','succeeded')";

export class RefundRepository {
  constructor(private readonly db: LedgerDb) {}

  get(id: string): Refund | null {
    const row = this.db.prepare('SELECT * FROM refunds WHERE id = ?').get(id) as RefundRow | undefined;
    return row ? fromRow(row) : null;
  }

  getByStripeId(stripeRefundId: string): Refund | null {
    const row = this.db.prepare('SELECT * FROM refunds WHERE stripe_refund_id = ?').get(stripeRefundId) as RefundRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** Oldest first; refunds made in one millisecond in the order they were made (rowid: ids are random after the time). */
  forSale(saleId: string): Refund[] {
    return (this.db.prepare('SELECT * FROM refunds WHERE sale_id = ? ORDER BY created_at, rowid').all(saleId) as RefundRow[]).map(fromRow);
  }

  open(): Refund[] {
    return (this.db.prepare("SELECT * FROM refunds WHERE status IN ('pending','requires_action') ORDER BY created_at").all() as RefundRow[]).map(fromRow);
  }

  /** Sum of refunds that still count against the sale (not failed or canceled). */
  committedAmount(saleId: string): number {
    const row = this.db.prepare(`SELECT coalesce(sum(amount), 0) AS total FROM refunds WHERE sale_id = ? AND status IN ${COUNTED_REFUND_STATUSES}`).get(saleId) as { total: number };
    return row.total;
  }

  insert(refund: NewRefund): Refund {
    this.db
      .prepare(`INSERT INTO refunds (id, sale_id, amount, status, email, reason, requested_by, till_id, tender, shift_id, created_at, updated_at)
                VALUES (@id, @saleId, @amount, @status, @email, @reason, @requestedBy, @tillId, @tender, @shiftId, @createdAt, @createdAt)`)
      .run({ ...refund, status: refund.status ?? 'pending', tender: refund.tender ?? 'promptpay', shiftId: refund.shiftId ?? null });
    return this.get(refund.id)!;
  }

  update(id: string, patch: { status?: RefundStatus; stripeRefundId?: string; failureReason?: string | null }, at: number): Refund {
    const sets = ['updated_at = @at'];
    const values: Record<string, unknown> = { id, at };
    const columns = { status: 'status', stripeRefundId: 'stripe_refund_id', failureReason: 'failure_reason' } as const;
    for (const key of Object.keys(columns) as (keyof typeof columns)[]) {
      if (patch[key] === undefined) continue;
      sets.push(`${columns[key]} = @${key}`);
      values[key] = patch[key];
    }
    this.db.prepare(`UPDATE refunds SET ${sets.join(', ')} WHERE id = @id`).run(values);
    return this.get(id)!;
  }

  /** Puts a refund's progress on its sale's timeline (who did what, what Stripe said). */
  recordOnTimeline(saleId: string, at: number, source: string, kind: string, applied: boolean, detail: unknown): void {
    this.db
      .prepare(`INSERT INTO sale_events (sale_id, at, source, kind, from_status, to_status, applied, detail)
                VALUES (?, ?, ?, ?, 'succeeded', 'succeeded', ?, ?)`)
      .run(saleId, at, source, kind, applied ? 1 : 0, JSON.stringify(detail));
  }
}
