// Builds the Receipt of a paid sale from the ledger and the shop's settings. Only a paid sale has one:
// its number was given by the ledger in the transaction that made it paid (migration 011), so a receipt
// is never printed for money not taken, and never without its number.
import { PosError } from '../../../shared/pos-error';
import { formatReceiptNo } from '../../../shared/i18n/receipts-text';
import type { Receipt } from '../../../shared/receipt';
import type { LedgerDb } from '../ledger/open-ledger';
import type { SalesRepository } from '../ledger/sales-repository';
import type { SettingsStore } from '../settings/settings-store';
import { vatIncluded } from './receipt-vat';

export class ReceiptBuilder {
  private readonly paidAtStmt;
  private readonly refundedStmt;

  constructor(
    db: LedgerDb,
    private readonly repository: SalesRepository,
    private readonly settings: SettingsStore,
  ) {
    this.paidAtStmt = db.prepare('SELECT coalesce(paid_at, updated_at) AS at FROM sales WHERE id = ?');
    // Money handed back so far (refunds Stripe or the manager completed), printed on a later copy.
    this.refundedStmt = db.prepare("SELECT coalesce(sum(amount), 0) AS refunded FROM refunds WHERE sale_id = ? AND status = 'succeeded'");
  }

  build(saleId: string, copy: boolean): Receipt {
    const sale = this.repository.get(saleId);
    if (!sale) throw new PosError('not_found', 'There is no sale with that id.', 'saleId');
    if (sale.status !== 'succeeded' || sale.receiptNo === null) {
      throw new PosError('conflict', `Only a paid sale has a receipt; this one is ${sale.status}.`, 'saleId');
    }
    const shop = this.settings.get();
    const vatRegistered = shop.vatRegistered && shop.taxId !== null;
    const cash = sale.tender === 'cash' && sale.cashTendered !== null;
    return {
      saleId: sale.id,
      receiptNo: formatReceiptNo(sale.tillId, sale.receiptNo),
      kind: vatRegistered ? 'tax_invoice_abb' : 'receipt',
      copy,
      shop: { name: shop.shopName, address: shop.shopAddress, taxId: shop.taxId, branch: shop.branchCode, vatRegistered, logo: shop.shopLogo ?? null },
      tillId: sale.tillId,
      cashier: sale.cashier,
      lines: this.repository.lines(sale.id),
      description: sale.description,
      amount: sale.amount,
      vat: vatRegistered ? vatIncluded(sale.amount) : null,
      tender: sale.tender,
      cashTendered: cash ? sale.cashTendered : null,
      change: cash ? sale.cashTendered! - sale.amount : null,
      paymentIntentId: sale.tender === 'promptpay' ? sale.paymentIntentId : null,
      paidAt: (this.paidAtStmt.get(sale.id) as { at: number }).at,
      timeZone: shop.timeZone,
      refunded: (this.refundedStmt.get(sale.id) as { refunded: number }).refunded,
    };
  }
}
