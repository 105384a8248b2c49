// Cash sales and cash refunds written into a real ledger as the till's cash path leaves them (tender
// 'cash', the shift open then, paid or refunded at once), for shift and Z report tests that need many
// of them at chosen times. The sale goes through SalesRepository.insert; its status is set directly.
import path from 'node:path';
import { openLedger, type LedgerDb } from '../../../electron/core/ledger/open-ledger';
import { SalesRepository } from '../../../electron/core/ledger/sales-repository';
import { newSaleId } from '../../../electron/core/payments/sale-ids';
import { newRefundId } from '../../../electron/core/refunds/refund-ids';
import type { PosCore } from '../../../electron/core/pos-core-types';
import type { RefundStatus } from '../../../shared/manager-types';
import type { SaleStatus } from '../../../shared/sale-status';
import type { Tender } from '../../../shared/tender';

/** A second connection to a running core's ledger file (WAL: both see each other's commits). */
export function ledgerOf(pos: PosCore): LedgerDb {
  return openLedger(path.join(pos.config.dataDir, 'ledger.sqlite3'));
}

export interface CashSaleSeed {
  amount: number;
  shiftId: string | null;
  createdAt: number;
  tillId?: string;
  status?: SaleStatus;
  tender?: Tender;
}

export function recordCashSale(db: LedgerDb, seed: CashSaleSeed): string {
  const id = newSaleId(seed.createdAt);
  const tender = seed.tender ?? 'cash';
  new SalesRepository(db).insert({
    id, amount: seed.amount, description: null, orderRef: null, email: 'customer@example.com', metadata: {}, source: 'till',
    tillId: seed.tillId ?? 'till-1', cashier: 'Cashier Nok', tender, cashTendered: tender === 'cash' ? seed.amount : null, shiftId: seed.shiftId,
    createdAt: seed.createdAt,
  });
  const status = seed.status ?? 'succeeded';
  db.prepare('UPDATE sales SET status = ?, paid_at = ?, updated_at = ? WHERE id = ?').run(status, status === 'succeeded' ? seed.createdAt : null, seed.createdAt, id);
  return id;
}

export interface CashRefundSeed {
  saleId: string;
  amount: number;
  shiftId: string | null;
  createdAt: number;
  tillId?: string;
  status?: RefundStatus;
  tender?: Tender;
}

export function recordCashRefund(db: LedgerDb, seed: CashRefundSeed): string {
  const id = newRefundId(seed.createdAt);
  db.prepare(`INSERT INTO refunds (id, sale_id, stripe_refund_id, amount, status, email, till_id, created_at, updated_at, tender, shift_id)
    VALUES (?, ?, NULL, ?, ?, NULL, ?, ?, ?, ?, ?)`)
    .run(id, seed.saleId, seed.amount, seed.status ?? 'succeeded', seed.tillId ?? 'till-1', seed.createdAt, seed.createdAt, seed.tender ?? 'cash', seed.shiftId);
  return id;
}
