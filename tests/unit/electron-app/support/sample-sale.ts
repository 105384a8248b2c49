import type { Sale } from '../../../../shared/sale';

export function sampleSale(overrides: Partial<Sale> = {}): Sale {
  return {
    id: 'sale_TEST00000001',
    amount: 12_500,
    currency: 'thb',
    description: null,
    orderRef: null,
    tender: 'promptpay',
    cashTendered: null,
    status: 'awaiting_payment',
    paymentIntentId: 'pi_test_1',
    paymentIntentStatus: 'requires_action',
    qrData: 'https://qr.example/pi_test_1',
    qrImageUrl: null,
    qrExpiresAt: 1_800_000_000_000,
    failureCode: null,
    flagged: false,
    flagReason: null,
    source: 'till',
    receiptNo: null,
    tillId: 'till-1',
    cashier: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...overrides,
  };
}
