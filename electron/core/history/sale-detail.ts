// One sale with everything that happened to it: the state machine's events (applied or ignored, with
// what Stripe said), refund progress, and the audited actions of people (cancel, refund, export …).
import type { SaleDetail, SaleTimelineEntry } from '../../../shared/manager-types';
import { PosError } from '../../../shared/pos-error';
import type { LedgerDb } from '../ledger/open-ledger';
import { toPublicSale, type SalesRepository } from '../ledger/sales-repository';
import type { RefundService } from '../refunds/refund-service';
import { timelineNote } from './timeline-notes';

/** Audited actions already on the timeline as state-machine events. */
const SHOWN_AS_EVENTS = new Set(['sale.charge', 'sale.cash', 'sale.manual_qr', 'sale.manual_confirmed', 'refund.create']);

export function saleDetail(db: LedgerDb, sales: SalesRepository, refunds: RefundService, saleId: string): SaleDetail {
  const sale = sales.get(saleId);
  if (!sale) throw new PosError('not_found', `No sale ${saleId}.`, 'saleId');
  const events: SaleTimelineEntry[] = sales.events(saleId).map((event) => ({
    at: event.at,
    // The sale's creation and a hand confirmation are a person's acts: show who, not the transport.
    source: event.kind === 'sale.created' ? sale.cashier ?? event.source : event.kind === 'manual_confirmed' && event.applied ? sale.confirmedBy ?? event.source : event.source,
    kind: event.kind,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    applied: event.applied,
    detail: event.detail,
    note: timelineNote(event.detail),
  }));
  const audited = (db.prepare('SELECT at, actor, action, detail FROM audit_log WHERE sale_id = ? ORDER BY id').all(saleId) as {
    at: number;
    actor: string | null;
    action: string;
    detail: string | null;
  }[])
    .filter((row) => !SHOWN_AS_EVENTS.has(row.action) && !row.action.startsWith('refund.'))
    .map((row): SaleTimelineEntry => ({
      at: row.at,
      source: row.actor ?? 'system',
      kind: row.action,
      fromStatus: null,
      toStatus: null,
      applied: true,
      detail: row.detail === null ? null : JSON.parse(row.detail),
      note: null,
    }));
  // Stable by time; at equal times the state-machine event comes first.
  const timeline = [...events, ...audited].sort((a, b) => a.at - b.at);
  // The ticket as sold, when the sale was rung up from items (receipts and the detail screen show it).
  const lines = sales.lines(saleId);
  return {
    sale: { ...toPublicSale(sale), ...(lines.length > 0 ? { lines } : {}) },
    timeline,
    refunds: refunds.forSale(saleId),
    refundable: refunds.refundable(saleId),
    confirmedBy: sale.confirmedBy ?? null,
  };
}
