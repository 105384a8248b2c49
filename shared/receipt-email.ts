// The customer's address for Stripe's own emailed receipt (`receipt_email`): one schema for the till's
// Email receipt field, the PosApi and the REST API's create-payment body, so all three accept and refuse
// the same addresses. Stripe refuses an address without a dotted domain (stripe-sim copies that), and
// zod's email format already requires one, so a typo is caught here before Stripe is asked.
import { z } from 'zod';

export const RECEIPT_EMAIL_MAX = 200;

export const receiptEmailSchema = z
  .string({ error: 'receipt_email must be a string' })
  .trim()
  .min(1, 'type the customer’s email address')
  .max(RECEIPT_EMAIL_MAX, `an email address is at most ${RECEIPT_EMAIL_MAX} characters`)
  .pipe(z.email({ error: 'not an email address (e.g. somsri@example.co.th)' }));

/**
 * The address as the audit log keeps it: first letter and domain ("s•••@example.co.th"), enough for a
 * manager to tell two sends apart, never the whole address (refund entries keep no email at all).
 */
export function maskedEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '•••';
  return `${address.slice(0, 1)}•••${address.slice(at)}`;
}

/** What receipts.email did: Stripe holds the address on the PaymentIntent and emails its receipt. */
export interface ReceiptEmailResult {
  saleId: string;
  paymentIntentId: string;
  /** The address as shown back to the cashier (masked, like the audit log). */
  sentTo: string;
}
