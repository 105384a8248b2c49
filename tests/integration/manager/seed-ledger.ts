// Writes sales and refunds straight into a real ledger (as the payment path would have left them), so
// report, export and backup tests can build thousands of rows quickly.
import type { LedgerDb } from '../../../electron/core/ledger/open-ledger';
import type { RefundStatus } from '../../../shared/manager-types';
import type { SaleStatus } from '../../../shared/sale-status';
import type { Tender } from '../../../shared/tender';

export interface SeedSale {
  id: string;
  amount: number;
  status: SaleStatus;
  createdAt: number;
  tillId?: string;
  cashierId?: string | null;
  cashier?: string | null;
  description?: string | null;
  orderRef?: string | null;
  /** Default: the ledger's binding, as a real sale is stamped. */
  mode?: 'demo' | 'test' | 'live' | null;
  account?: string | null;
  /** Default 'promptpay' (through Stripe). */
  tender?: Tender;
  /** Stripe's fee (satang) of a paid PromptPay sale; default null (not known). */
  stripeFee?: number | null;
  cashTendered?: number | null;
}

export interface SeedRefund {
  id: string;
  saleId: string;
  amount: number;
  status: RefundStatus;
  createdAt: number;
  tillId?: string;
  /** Default 'promptpay'. */
  tender?: Tender;
}

export function seedSales(db: LedgerDb, sales: readonly SeedSale[]): void {
  const insert = db.prepare(`INSERT INTO sales (id, amount, currency, description, order_ref, email, metadata, status, payment_intent_id,
      payment_intent_status, source, till_id, cashier, cashier_id, created_at, updated_at, paid_at, tender, stripe_fee, cash_tendered, mode, account)
    VALUES (@id, @amount, 'thb', @description, @orderRef, 'customer@example.com', '{}', @status, @paymentIntentId, @piStatus,
      @source, @tillId, @cashier, @cashierId, @createdAt, @createdAt, @paidAt, @tender, @stripeFee, @cashTendered,
      CASE WHEN @ownScope THEN @mode ELSE (SELECT mode FROM stripe_binding WHERE id = 1) END,
      CASE WHEN @ownScope THEN @account ELSE (SELECT account FROM stripe_binding WHERE id = 1) END)`);
  db.transaction(() => {
    for (const sale of sales) {
      insert.run({
        id: sale.id,
        amount: sale.amount,
        description: sale.description ?? null,
        orderRef: sale.orderRef ?? null,
        status: sale.status,
        paymentIntentId: sale.status === 'created' || (sale.tender ?? 'promptpay') !== 'promptpay' ? null : `pi_${sale.id.slice(5)}`,
        piStatus: sale.status === 'succeeded' && (sale.tender ?? 'promptpay') === 'promptpay' ? 'succeeded' : null,
        source: sale.cashierId === null ? 'api' : 'till',
        tillId: sale.tillId ?? 'till-1',
        cashier: sale.cashier ?? null,
        cashierId: sale.cashierId ?? null,
        createdAt: sale.createdAt,
        paidAt: sale.status === 'succeeded' ? sale.createdAt + 30_000 : null,
        ownScope: sale.mode !== undefined ? 1 : 0,
        mode: sale.mode ?? null,
        account: sale.account ?? null,
        tender: sale.tender ?? 'promptpay',
        stripeFee: sale.stripeFee ?? null,
        cashTendered: sale.cashTendered ?? null,
      });
    }
  })();
}

export function seedRefunds(db: LedgerDb, refunds: readonly SeedRefund[]): void {
  const insert = db.prepare(`INSERT INTO refunds (id, sale_id, stripe_refund_id, amount, status, email, till_id, tender, created_at, updated_at)
    VALUES (@id, @saleId, @stripeId, @amount, @status, 'customer@example.com', @tillId, @tender, @createdAt, @createdAt)`);
  db.transaction(() => {
    for (const refund of refunds) {
      const tender = refund.tender ?? 'promptpay';
      insert.run({ ...refund, stripeId: tender === 'promptpay' ? `re_${refund.id.slice(4)}` : null, tillId: refund.tillId ?? 'till-1', tender });
    }
  })();
}

/** A sale id the contract accepts (sale_ + 8..40 alphanumerics). */
export const seedSaleId = (n: number) => `sale_seed${String(n).padStart(10, '0')}`;
export const seedRefundId = (n: number) => `rfd_seed${String(n).padStart(10, '0')}`;
