/** The Stripe objects the simulator stores and returns (API 2026-10-28.endive shapes). */

export const STRIPE_API_VERSION = '2026-10-28.endive';

export type PaymentIntentStatus =
  | 'canceled'
  | 'processing'
  | 'requires_action'
  | 'requires_capture'
  | 'requires_confirmation'
  | 'requires_payment_method'
  | 'succeeded';

export interface PromptPayDisplayQrCode {
  data: string;
  hosted_instructions_url: string;
  image_url_png: string;
  image_url_svg: string;
}

export interface PaymentIntentNextAction {
  type: 'promptpay_display_qr_code';
  promptpay_display_qr_code: PromptPayDisplayQrCode;
}

export interface BillingDetails {
  address: {
    city: string | null;
    country: string | null;
    line1: string | null;
    line2: string | null;
    postal_code: string | null;
    state: string | null;
  };
  email: string | null;
  name: string | null;
  phone: string | null;
  tax_id: string | null;
}

export interface PaymentMethod {
  id: string;
  object: 'payment_method';
  allow_redisplay: 'always' | 'limited' | 'unspecified';
  billing_details: BillingDetails;
  created: number;
  customer: string | null;
  livemode: false;
  metadata: Record<string, string>;
  promptpay: Record<string, never>;
  type: 'promptpay';
}

export interface LastPaymentError {
  type: 'card_error';
  code: 'payment_intent_payment_attempt_failed' | 'payment_intent_payment_attempt_expired';
  message: string;
  doc_url: string;
  payment_method?: PaymentMethod;
  payment_method_type: 'promptpay';
}

export interface PaymentIntent {
  id: string;
  object: 'payment_intent';
  allowed_payment_method_types: string[] | null;
  amount: number;
  amount_capturable: number;
  amount_details: { tip: Record<string, never> };
  amount_received: number;
  application: string | null;
  application_fee_amount: number | null;
  automatic_payment_methods: null;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: 'automatic';
  client_secret: string;
  confirmation_method: 'automatic';
  created: number;
  currency: string;
  customer: string | null;
  customer_account: string | null;
  description: string | null;
  excluded_payment_method_types: string[] | null;
  last_payment_error: LastPaymentError | null;
  latest_charge: string | null;
  livemode: false;
  managed_payments: null;
  metadata: Record<string, string>;
  next_action: PaymentIntentNextAction | null;
  on_behalf_of: string | null;
  payment_method: string | null;
  payment_method_configuration_details: null;
  payment_method_options: { promptpay?: { setup_future_usage?: 'none' } };
  payment_method_types: string[];
  payment_record: string | null;
  processing: null;
  receipt_email: string | null;
  review: string | null;
  setup_future_usage: 'off_session' | 'on_session' | null;
  shipping: null;
  statement_descriptor: string | null;
  statement_descriptor_suffix: string | null;
  status: PaymentIntentStatus;
  transfer_data: null;
  transfer_group: string | null;
}

export type PaymentIntentEventType =
  | 'payment_intent.created'
  | 'payment_intent.requires_action'
  | 'payment_intent.succeeded'
  | 'payment_intent.payment_failed'
  | 'payment_intent.canceled';

export interface StripeEvent {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

/** What caused a change: an API request (with its id and Idempotency-Key) or a background step. */
export interface RequestContext {
  requestId: string | null;
  idempotencyKey: string | null;
}

export const BACKGROUND_CONTEXT: RequestContext = { requestId: null, idempotencyKey: null };

export type RefundStatus = 'requires_action' | 'pending' | 'succeeded' | 'failed' | 'canceled';
export type RefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer';

export interface RefundNextAction {
  type: 'display_details';
  display_details: { email_sent: { email_sent_at: number; email_sent_to: string }; expires_at: number };
}

/** PromptPay money goes back by Thai bank transfer once the customer has given an account. */
export interface RefundDestinationDetails {
  type: 'th_bank_transfer';
  th_bank_transfer: { reference: string | null; reference_status: 'pending' | 'available' | 'unavailable' };
}

/** Optional fields Stripe's schema marks non-nullable are omitted rather than null. */
export interface Refund {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: string | null;
  charge: string;
  created: number;
  currency: string;
  destination_details: RefundDestinationDetails;
  failure_reason?: string;
  instructions_email?: string;
  metadata: Record<string, string>;
  next_action?: RefundNextAction;
  payment_intent: string;
  payment_method: string | null;
  pending_reason?: 'processing';
  reason: RefundReason | null;
  receipt_number: string | null;
  source_transfer_reversal: null;
  status: RefundStatus;
  transfer_reversal: null;
}

/** The slice of a Charge the simulator keeps: enough for refunds and charge.refunded events. */
export interface Charge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  balance_transaction: string | null;
  billing_details: BillingDetails | null;
  captured: boolean;
  created: number;
  currency: string;
  description: string | null;
  disputed: boolean;
  livemode: false;
  metadata: Record<string, string>;
  paid: boolean;
  payment_intent: string;
  payment_method: string | null;
  payment_method_details: { type: 'promptpay'; promptpay: { reference: string } };
  receipt_email: string | null;
  refunded: boolean;
  status: 'succeeded';
}

/** Stripe's processing fee on a balance transaction (the simulator only charges `stripe_fee`). */
export interface FeeDetail {
  amount: number;
  application: string | null;
  currency: string;
  description: string | null;
  type: 'stripe_fee';
}

/**
 * Money moving through the account's balance: one per paid charge (`type: 'charge'`, gross amount,
 * Stripe's fee, net) and one per succeeded refund (`type: 'refund'`, negative amount, no fee).
 * `status` is stored as created; responses derive it from `available_on` and the simulator's clock.
 */
export interface BalanceTransaction {
  id: string;
  object: 'balance_transaction';
  amount: number;
  available_on: number;
  balance_type: 'payments';
  created: number;
  currency: string;
  description: string | null;
  exchange_rate: null;
  fee: number;
  fee_details: FeeDetail[];
  net: number;
  reporting_category: 'charge' | 'refund';
  source: string;
  status: 'pending' | 'available';
  type: 'charge' | 'refund';
}
