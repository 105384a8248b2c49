// A VAT-registered café's cash sale of two lines, the receipt every receipt test starts from.
import type { Receipt } from '../../../shared/receipt';

export const PAID_AT = Date.parse('2026-01-15T14:05:00+07:00');

export function sampleReceipt(overrides: Partial<Receipt> = {}): Receipt {
  return {
    saleId: 'sale_test12345678',
    receiptNo: 'till-1-000042',
    kind: 'tax_invoice_abb',
    copy: false,
    shop: { name: 'ร้านกาแฟ Chamra', address: '12 ถนนสุขุมวิท\nกรุงเทพฯ 10110', taxId: '0105558123451', branch: '00000', vatRegistered: true },
    tillId: 'till-1',
    cashier: 'Nok',
    lines: [
      { itemId: null, name: 'Latte', unitPrice: 6_500, quantity: 2, amount: 13_000 },
      { itemId: null, name: 'ครัวซองต์', unitPrice: 5_500, quantity: 1, amount: 5_500 },
    ],
    description: null,
    amount: 18_500,
    vat: { ratePercent: 7, vatAmount: 1_210, netAmount: 17_290 },
    tender: 'cash',
    cashTendered: 20_000,
    change: 1_500,
    paymentIntentId: null,
    paidAt: PAID_AT,
    timeZone: 'Asia/Bangkok',
    refunded: 0,
    ...overrides,
  };
}
