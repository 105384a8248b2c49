// What a device off the till (a tablet customer display on the LAN) may see: the sale on screen as
// the customer display shows it, and nothing else. Fields only the cashier or the back office use
// (cashier, order reference, flags, Stripe ids, failure codes) are blanked, so a LAN device cannot
// read who works the till, the shop's order numbers, refunds (with customer emails) or exports.
import type { PosEvent } from '../../../shared/pos-contract';
import type { Sale } from '../../../shared/sale';

/**
 * The sale as the customer display uses it (renderer/customer, renderer/state/customer-store.ts):
 * id, amount, currency, description, status, the QR and its countdown, and the times that order
 * updates. The rest keeps the Sale shape with empty values, so the display's code is unchanged.
 */
export function customerViewOfSale(sale: Sale): Sale {
  return {
    id: sale.id,
    amount: sale.amount,
    currency: sale.currency,
    description: sale.description,
    orderRef: null,
    // The customer sees how they pay, and a cash sale's change.
    tender: sale.tender,
    cashTendered: sale.cashTendered,
    // The customer sees the ticket they are paying for; the receipt number is the till's business.
    receiptNo: null,
    ...(sale.lines === undefined ? {} : { lines: sale.lines }),
    status: sale.status,
    paymentIntentId: null,
    paymentIntentStatus: null,
    qrData: sale.status === 'awaiting_payment' ? sale.qrData : null,
    qrImageUrl: null,
    qrExpiresAt: sale.qrExpiresAt,
    // Tells a later QR attempt from a stale update of an earlier one (New QR).
    ...(sale.qrAttempt === undefined ? {} : { qrAttempt: sale.qrAttempt }),
    failureCode: null,
    flagged: false,
    flagReason: null,
    source: sale.source,
    tillId: sale.tillId,
    cashier: null,
    createdAt: sale.createdAt,
    updatedAt: sale.updatedAt,
  };
}

/**
 * The event as a customer display off the till receives it, or null when it is not for it: only
 * sale.updated goes out (refund.updated, export.progress, payments.path … stay on the till).
 */
export function customerViewOfEvent(event: PosEvent): PosEvent | null {
  if (event.type !== 'sale.updated') return null;
  return { type: 'sale.updated', data: customerViewOfSale(event.data) };
}
