// How a sale was paid. Only 'promptpay' (through Stripe) is confirmed by Stripe; cash and the shop's
// own PromptPay QR confirmed by hand are the cashier's word, and every screen and report says so.

export const TENDERS = ['promptpay', 'cash', 'promptpay_manual'] as const;
export type Tender = (typeof TENDERS)[number];

/** Stripe creates, confirms and refunds this tender's sales; the till only records the others. */
export function isStripeTender(tender: Tender): boolean {
  return tender === 'promptpay';
}

/** Paid on the cashier's word (looking at the bank's notification), not confirmed by Stripe. */
export function isUnverifiedTender(tender: Tender): boolean {
  return tender === 'promptpay_manual';
}
