// Stripe's emailed receipt of a paid sale: the till (or History) types the customer's address and the
// core sets it as the PaymentIntent's receipt_email through the official SDK; Stripe emails its receipt
// of a succeeded payment when receipt_email is set (live mode; test mode sends nothing). Only a
// PromptPay sale paid through Stripe has a Stripe payment to send a receipt of: cash and hand-confirmed
// sales are refused with the reason.
//
// The address is personal data: it goes to Stripe and nowhere else. The ledger keeps no copy, the
// Idempotency-Key carries a hash of it, the audit entry a masked form (refund entries keep none), and
// no error message repeats it (Stripe's own words may quote it, so they are not passed on).
import { createHash } from 'node:crypto';
import { PosError } from '../../../shared/pos-error';
import { maskedEmail, type ReceiptEmailResult } from '../../../shared/receipt-email';
import type { PosHandlers } from '../api/pos-dispatch';
import type { AuditLog } from '../ledger/audit-log';
import type { SalesRepository } from '../ledger/sales-repository';
import type { CallContext } from '../pos-core-types';
import { GatewayError, type StripeGateway } from '../stripe/stripe-gateway';

export interface ReceiptEmailOptions {
  repository: SalesRepository;
  gateway: StripeGateway;
  audit: AuditLog;
}

/** One key per sale and address: pressing Send twice (or a retry) is one request to Stripe. */
export function receiptEmailIdempotencyKey(saleId: string, email: string): string {
  const digest = createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 24);
  return `receipt-email:${saleId}:${digest}`;
}

function refusal(error: unknown): PosError {
  const gateway = error instanceof GatewayError ? error : new GatewayError('unreachable', 'Stripe could not be reached.');
  if (gateway.kind === 'unreachable' || gateway.kind === 'rate_limited') {
    return new PosError('stripe_unreachable', 'Stripe could not be reached, so no receipt was emailed. Try again in a moment.');
  }
  if (gateway.stripeCode === 'email_invalid' || gateway.param === 'receipt_email') {
    return new PosError('invalid_input', 'Stripe refused this email address. Check it for a typo.', 'email');
  }
  if (gateway.kind === 'not_found') return new PosError('not_found', 'Stripe does not know this sale’s payment, so no receipt was emailed.', 'saleId');
  return new PosError('stripe_error', `Stripe refused to email the receipt (${gateway.stripeCode ?? gateway.kind}).`);
}

export function createReceiptEmailHandler(options: ReceiptEmailOptions): PosHandlers['receipts.email'] {
  const { repository, gateway, audit } = options;
  return async (input, context: CallContext): Promise<ReceiptEmailResult> => {
    const sale = repository.get(input.saleId);
    if (!sale) throw new PosError('not_found', `No sale ${input.saleId}.`, 'saleId');
    if (sale.tender === 'cash') {
      throw new PosError('conflict', 'A cash sale has no Stripe payment, so Stripe cannot email a receipt of it. Print the receipt instead.', 'saleId');
    }
    if (sale.tender === 'promptpay_manual') {
      throw new PosError('conflict', 'This sale was confirmed by hand, not paid through Stripe, so Stripe cannot email a receipt of it. Print the receipt instead.', 'saleId');
    }
    if (sale.status !== 'succeeded' || !sale.paymentIntentId) {
      throw new PosError('conflict', 'Only a paid sale has a receipt to email.', 'saleId');
    }
    const email = input.email;
    let saved: { receiptEmail: string | null };
    try {
      saved = await gateway.setReceiptEmail({ paymentIntentId: sale.paymentIntentId, email, idempotencyKey: receiptEmailIdempotencyKey(sale.id, email) });
    } catch (error) {
      throw refusal(error);
    }
    if (saved.receiptEmail?.toLowerCase() !== email.toLowerCase()) {
      throw new PosError('stripe_error', 'Stripe did not keep the address, so no receipt was emailed. Try again.');
    }
    const sentTo = maskedEmail(email);
    audit.record({ actor: context.cashier ?? null, action: 'receipt.emailed', saleId: sale.id, detail: { paymentIntentId: sale.paymentIntentId, to: sentTo } });
    return { saleId: sale.id, paymentIntentId: sale.paymentIntentId, sentTo };
  };
}
