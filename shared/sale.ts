import type { PaymentIntentStatus, SaleStatus } from './sale-status';
import type { SaleLine } from './catalog';
import type { Tender } from './tender';

/** A sale as both screens and the transports see it. Amounts are integer satang. */
export interface Sale {
  id: string;
  amount: number;
  currency: 'thb';
  description: string | null;
  orderRef: string | null;
  /**
   * How it is paid: 'promptpay' through Stripe (Stripe confirms it), 'cash', or 'promptpay_manual' (the
   * shop's own PromptPay QR, confirmed by the cashier from the bank's notification: unverified).
   */
  tender: Tender;
  /** Cash handed over by the customer (satang), for a cash sale; the change is this minus `amount`. */
  cashTendered: number | null;
  status: SaleStatus;
  /** Stripe's PaymentIntent id, once Stripe has accepted the sale. */
  paymentIntentId: string | null;
  /** The PaymentIntent status last seen from Stripe. */
  paymentIntentStatus: PaymentIntentStatus | null;
  /** `next_action.promptpay_display_qr_code.data`, present while payment is awaited. */
  qrData: string | null;
  /** Stripe's hosted PNG of the same QR (not needed to render it; kept for the REST API). */
  qrImageUrl: string | null;
  /** When the app gives up on the QR and cancels (epoch ms). Stripe's QR has no expiry of its own. */
  qrExpiresAt: number | null;
  /**
   * The sale's QR attempt: 1 for the first QR, +1 for each New QR. A screen holding a higher attempt
   * knows an update carrying a lower one is stale. Sent by the payment service (sale.updated,
   * sales.get/current/list, REST); absent where a view leaves it out.
   */
  qrAttempt?: number;
  /** Why a sale failed, in Stripe's words (e.g. payment_intent_payment_attempt_expired). */
  failureCode: string | null;
  /** True when something surprising happened, e.g. the customer paid after the cashier canceled. */
  flagged: boolean;
  flagReason: string | null;
  source: 'till' | 'api';
  /**
   * The till's receipt number (gapless per till), given in the same transaction that makes the sale paid;
   * null until then.
   */
  receiptNo: number | null;
  /** The ticket's lines when the sale was rung up from items; absent or empty for an amount keyed in. */
  lines?: SaleLine[];
  tillId: string;
  cashier: string | null;
  createdAt: number;
  updatedAt: number;
}
