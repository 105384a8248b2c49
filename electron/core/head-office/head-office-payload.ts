// What a till tells head office about one sale: its current state, never its customer. The relay's
// schema (relay/head-office/wire-schema.ts) is the authority on this shape; the relay imports nothing
// of ours and we import nothing of the relay's, so tests/integration/head-office checks at compile time
// that this type satisfies that schema, and every integration test posts real payloads through it.
//
// Deliberately absent: the billing email, the description and order reference (free text a cashier
// may fill with a customer's name or phone), metadata, the QR and Stripe's PaymentIntent id. Only the
// money, who rang it up, the tender and what happened to it.
import type { SaleStatus } from '../../../shared/sale-status';
import type { Tender } from '../../../shared/tender';
import type { LedgerDb } from '../ledger/open-ledger';
import { businessDateOf } from '../reports/business-day';

export type RefundStatusSent = 'pending' | 'requires_action' | 'succeeded' | 'failed' | 'canceled';

export interface HeadOfficeRefund {
  id: string;
  amount: number;
  status: RefundStatusSent;
  /** A refund is counted under its own tender (cash comes out of the drawer whatever paid the sale). */
  tender: Tender;
  createdAt: number;
  /** The business day the refund counts on (its own creation day, as in the till's reports). */
  businessDate: string;
}

export interface HeadOfficeSale {
  id: string;
  shopId: string;
  tillId: string;
  /** The outbox's version of this sale on this till: the relay keeps the highest it has seen. */
  version: number;
  cashierId: string | null;
  cashier: string | null;
  amount: number;
  currency: string;
  tender: Tender;
  status: SaleStatus;
  /** The Stripe mode the sale was taken in: head office never adds demo or test money to live. */
  mode: 'demo' | 'test' | 'live' | null;
  account: string | null;
  createdAt: number;
  paidAt: number | null;
  updatedAt: number;
  /** The business day the sale counts on, in the shop's zone from its day start hour (the till's reports' rule). */
  businessDate: string;
  timeZone: string;
  dayStartHour: number;
  refunds: HeadOfficeRefund[];
}

export interface ShopDay {
  timeZone: string;
  dayStartHour: number;
}

interface SaleRow {
  id: string;
  till_id: string;
  cashier_id: string | null;
  cashier: string | null;
  amount: number;
  currency: string;
  tender: Tender;
  status: SaleStatus;
  mode: 'demo' | 'test' | 'live' | null;
  account: string | null;
  created_at: number;
  paid_at: number | null;
  updated_at: number;
}

interface RefundRow {
  id: string;
  sale_id: string;
  amount: number;
  status: RefundStatusSent;
  tender: Tender;
  created_at: number;
}

/**
 * The current state of `queued` sales (id → outbox version), read in one snapshot. A sale no longer in
 * the ledger (a restore from an older backup) is left out; the caller drops its outbox row.
 */
export function readHeadOfficeSales(db: LedgerDb, queued: readonly { saleId: string; version: number }[], shopId: string, day: ShopDay): HeadOfficeSale[] {
  if (queued.length === 0) return [];
  const ids = JSON.stringify(queued.map((entry) => entry.saleId));
  return db.transaction(() => {
    const sales = db
      .prepare(`SELECT id, till_id, cashier_id, cashier, amount, currency, tender, status, mode, account, created_at, paid_at, updated_at
                FROM sales WHERE id IN (SELECT value FROM json_each(?))`)
      .all(ids) as SaleRow[];
    const refunds = db
      .prepare(`SELECT id, sale_id, amount, status, tender, created_at FROM refunds WHERE sale_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, id`)
      .all(ids) as RefundRow[];
    const refundsBySale = new Map<string, HeadOfficeRefund[]>();
    for (const refund of refunds) {
      const list = refundsBySale.get(refund.sale_id) ?? [];
      list.push({
        id: refund.id,
        amount: refund.amount,
        status: refund.status,
        tender: refund.tender,
        createdAt: refund.created_at,
        businessDate: businessDateOf(refund.created_at, day.timeZone, day.dayStartHour),
      });
      refundsBySale.set(refund.sale_id, list);
    }
    const versions = new Map(queued.map((entry) => [entry.saleId, entry.version]));
    return sales.map((sale) => ({
      id: sale.id,
      shopId,
      tillId: sale.till_id,
      version: versions.get(sale.id)!,
      cashierId: sale.cashier_id,
      cashier: sale.cashier,
      amount: sale.amount,
      currency: sale.currency,
      tender: sale.tender,
      status: sale.status,
      mode: sale.mode,
      account: sale.account,
      createdAt: sale.created_at,
      paidAt: sale.paid_at,
      updatedAt: sale.updated_at,
      businessDate: businessDateOf(sale.created_at, day.timeZone, day.dayStartHour),
      timeZone: day.timeZone,
      dayStartHour: day.dayStartHour,
      refunds: refundsBySale.get(sale.id) ?? [],
    }));
  })();
}
