// The shop's own PromptPay QR (EMVCo Thai QR, "AnyID" tag 29) with the sale's amount, for sales the
// cashier confirms by hand. Built by promptparse (CRC-16 included); nothing here talks to Stripe.
import { anyId } from 'promptparse/generate';

type ProxyType = 'MSISDN' | 'NATID' | 'EWALLETID';

/** Which kind of PromptPay ID it is, by its digits (the settings schema has already checked them). */
function proxyTypeOf(promptPayId: string): ProxyType {
  if (/^0\d{9}$/.test(promptPayId)) return 'MSISDN';
  if (/^\d{13}$/.test(promptPayId)) return 'NATID';
  if (/^\d{15}$/.test(promptPayId)) return 'EWALLETID';
  throw new Error('a PromptPay ID is a 10-digit phone number, a 13-digit national or tax ID, or a 15-digit e-wallet ID');
}

/** The QR payload for paying `satang` to `promptPayId`: a dynamic (one-sale) QR with the amount in baht. */
export function promptPayQrPayload(promptPayId: string, satang: number): string {
  if (!Number.isSafeInteger(satang) || satang < 1) throw new Error('a QR amount is a positive whole number of satang');
  // promptparse writes the amount with toFixed(2): satang / 100 is exact to the satang at these sizes.
  return anyId({ type: proxyTypeOf(promptPayId), target: promptPayId, amount: satang / 100 });
}
