// Stripe's API, through the official SDK (only electron/core/stripe/ imports it). Everything else sees
// snapshots and GatewayError, so the rest of the core never depends on Stripe's shapes or error classes.
import Stripe from 'stripe';
import { toSnapshot, type PaymentIntentSnapshot } from './payment-intent-snapshot';
import { toStripeEventView, type StripeEventView } from './stripe-event-view';
import { toRefundSnapshot, type RefundSnapshot } from './refund-snapshot';

export type { PaymentIntentSnapshot } from './payment-intent-snapshot';
export { toRefundSnapshot, type RefundSnapshot } from './refund-snapshot';

export const STRIPE_API_VERSION = '2026-10-28.endive';

/** Expanded on every PaymentIntent read: the charge's balance transaction holds Stripe's fee. */
export const FEE_EXPANSION = 'latest_charge.balance_transaction';

export type GatewayErrorKind =
  /** Stripe answered and definitely did not do it (bad parameters, amount limits, …). */
  | 'rejected'
  /** The PaymentIntent is not in a state that allows this (e.g. cancel after it succeeded). */
  | 'unexpected_state'
  /** Stripe could not be reached or failed; the outcome is unknown and the request may be retried. */
  | 'unreachable'
  /** Stripe answered 429: it is there, but this account is over its rate limit. Back off; not "offline". */
  | 'rate_limited'
  /** The API key was refused. */
  | 'auth'
  | 'not_found';

/** A Stripe failure in our terms. The message never contains the API key. */
export class GatewayError extends Error {
  constructor(
    readonly kind: GatewayErrorKind,
    message: string,
    readonly stripeCode: string | null = null,
    readonly param: string | null = null,
    /** Stripe's `Stripe-Should-Retry` header: false means the same request would get the same answer. */
    readonly shouldRetry: boolean | null = null,
    /** Stripe replayed a stored answer for this Idempotency-Key (`Idempotent-Replayed: true`). */
    readonly replayed: boolean = false,
    /** Stripe's 403: a restricted key lacks a permission (kind 'auth'). */
    readonly permissionDenied: boolean = false,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

export interface CreatePromptPayIntent {
  /** Our sale id: the Idempotency-Key, so a retried create never makes a second PaymentIntent. */
  saleId: string;
  amount: number;
  email: string;
  description: string | null;
  metadata: Record<string, string>;
  /** The customer's address for Stripe's own emailed receipt (`receipt_email`); null when none was given. */
  receiptEmail?: string | null;
}

export interface ConfirmPromptPayIntent {
  paymentIntentId: string;
  email: string;
  /** Sale id + QR attempt number: a retried confirm never starts a third attempt. */
  idempotencyKey: string;
}

export interface CreateRefund {
  /** Our refund id: the Idempotency-Key, so a retried create never refunds twice. */
  refundId: string;
  saleId: string;
  paymentIntentId: string;
  amount: number;
  /** PromptPay refunds: Stripe emails this address to collect the customer's bank details. */
  instructionsEmail: string | null;
  reason: 'requested_by_customer' | 'duplicate' | 'fraudulent' | null;
}

/** One page of Stripe's event log (`GET /v1/events`), newest first as Stripe lists it. */
export interface EventLogPage {
  events: StripeEventView[];
  hasMore: boolean;
}

export interface StripeGateway {
  createPromptPayIntent(request: CreatePromptPayIntent): Promise<PaymentIntentSnapshot>;
  /**
   * Stripe's event log since `createdGte` (unix seconds), newest first as Stripe lists it, paged with
   * `startingAfter`. One request stream for all sales, rather than one request per sale.
   */
  listEvents(query: { createdGte: number; types: readonly string[]; startingAfter?: string; limit?: number }): Promise<EventLogPage>;
  retrievePaymentIntent(id: string): Promise<PaymentIntentSnapshot>;
  /** Confirms an existing PaymentIntent again (a new QR for an expired or failed attempt). */
  confirmPromptPayIntent(request: ConfirmPromptPayIntent): Promise<PaymentIntentSnapshot>;
  cancelPaymentIntent(id: string, reason: 'abandoned' | 'requested_by_customer'): Promise<PaymentIntentSnapshot>;
  /** Sets the PaymentIntent's receipt_email: Stripe emails its receipt of a succeeded payment to it. */
  setReceiptEmail(request: { paymentIntentId: string; email: string; idempotencyKey: string }): Promise<{ receiptEmail: string | null }>;
  createRefund(request: CreateRefund): Promise<RefundSnapshot>;
  retrieveRefund(id: string): Promise<RefundSnapshot>;
  /** The PaymentIntent's refund made for our refund id (metadata.refund_id), or null when Stripe has none. */
  findRefund(paymentIntentId: string, refundId: string): Promise<RefundSnapshot | null>;
  cancelRefund(id: string): Promise<RefundSnapshot>;
}

/** What each Stripe call tells about the link: could Stripe be reached, and what time its clock said. */
export interface StripeLinkObservation {
  reachable: boolean;
  /** Stripe's `Date` response header, when it answered. */
  serverDate: string | null;
}

export interface StripeGatewayOptions {
  secretKey: string;
  /** e.g. http://127.0.0.1:12111 to use a Stripe-compatible server; null = api.stripe.com. */
  apiBase: string | null;
  timeoutMs?: number;
  maxNetworkRetries?: number;
  /** Called after every request: feeds the "offline" and "clock is wrong" warnings. */
  onLink?: (observation: StripeLinkObservation) => void;
  /** Metadata naming this shop and till, put on every PaymentIntent and refund it creates (a relay routes by it). */
  tillMetadata?: Record<string, string>;
}

/** Builds the SDK's constructor options; exported so tests can check what production uses. */
export function stripeClientConfig(options: StripeGatewayOptions): ConstructorParameters<typeof Stripe>[1] {
  const config: ConstructorParameters<typeof Stripe>[1] = {
    apiVersion: STRIPE_API_VERSION,
    // The SDK retries network failures and 409/5xx with the same Idempotency-Key.
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 15_000,
    telemetry: false,
    appInfo: { name: 'Chamra POS' },
  };
  if (options.apiBase) {
    const url = new URL(options.apiBase);
    config.host = url.hostname;
    config.protocol = url.protocol === 'http:' ? 'http' : 'https';
    config.port = url.port ? Number(url.port) : url.protocol === 'http:' ? 80 : 443;
  }
  return config;
}

export function createStripeGateway(options: StripeGatewayOptions): StripeGateway {
  const stripe = new Stripe(options.secretKey, stripeClientConfig(options));
  /** False once Stripe refused the fee expansion to this key (it lacks rak_charge_read or rak_balance_read). */
  let feesReadable = true;
  const call = <T extends object, R>(run: () => Promise<T>, map: (value: T) => R) => observed(run, map, options.onLink);

  return {
    async createPromptPayIntent(request) {
      const params: Stripe.PaymentIntentCreateParams = {
        amount: request.amount,
        currency: 'thb',
        allowed_payment_method_types: ['promptpay'],
        payment_method_data: { type: 'promptpay', billing_details: { email: request.email } },
        confirm: true,
        metadata: { ...request.metadata, ...options.tillMetadata },
      };
      if (request.description) params.description = request.description;
      if (request.receiptEmail) params.receipt_email = request.receiptEmail;
      return call(() => stripe.paymentIntents.create(params, { idempotencyKey: request.saleId }), toSnapshot);
    },
    async retrievePaymentIntent(id) {
      // The read-back that confirms a payment brings Stripe's fee with it (no extra request per sale).
      if (feesReadable) {
        try {
          return await call(() => stripe.paymentIntents.retrieve(id, { expand: [FEE_EXPANSION] }), toSnapshot);
        } catch (error) {
          if (!(error instanceof GatewayError && error.permissionDenied)) throw error;
          // A restricted key without Charges: Read and Balance: Read may still read the PaymentIntent:
          // the payment is confirmed without its fee (reports count it as unknown), and later reads
          // stop asking, so the shared rate limit pays for the refusal once.
          feesReadable = false;
        }
      }
      return call(() => stripe.paymentIntents.retrieve(id), toSnapshot);
    },
    async confirmPromptPayIntent(request) {
      const params: Stripe.PaymentIntentConfirmParams = {
        payment_method_data: { type: 'promptpay', billing_details: { email: request.email } },
      };
      return call(() => stripe.paymentIntents.confirm(request.paymentIntentId, params, { idempotencyKey: request.idempotencyKey }), toSnapshot);
    },
    async listEvents(query) {
      // No SDK retries: the watcher reads again on its next tick (with backoff), so a retry here would
      // only spend more of the account's rate limit.
      const list = () => stripe.events.list({
        created: { gte: query.createdGte },
        types: [...query.types],
        limit: query.limit ?? 100,
        ...(query.startingAfter ? { starting_after: query.startingAfter } : {}),
      }, { maxNetworkRetries: 0 });
      return call(list, (page) => ({ events: page.data.map(toStripeEventView), hasMore: page.has_more }));
    },
    async cancelPaymentIntent(id, reason) {
      return call(() => stripe.paymentIntents.cancel(id, { cancellation_reason: reason }), toSnapshot);
    },
    async setReceiptEmail(request) {
      const update = () => stripe.paymentIntents.update(request.paymentIntentId, { receipt_email: request.email }, { idempotencyKey: request.idempotencyKey });
      return call(update, (intent) => ({ receiptEmail: intent.receipt_email }));
    },
    async createRefund(request) {
      const params: Stripe.RefundCreateParams = {
        payment_intent: request.paymentIntentId,
        amount: request.amount,
        metadata: { refund_id: request.refundId, sale_id: request.saleId, ...options.tillMetadata },
      };
      if (request.instructionsEmail) params.instructions_email = request.instructionsEmail;
      if (request.reason) params.reason = request.reason;
      return call(() => stripe.refunds.create(params, { idempotencyKey: request.refundId }), toRefundSnapshot);
    },
    async retrieveRefund(id) {
      return call(() => stripe.refunds.retrieve(id), toRefundSnapshot);
    },
    async findRefund(paymentIntentId, refundId) {
      const list = () => stripe.refunds.list({ payment_intent: paymentIntentId, limit: 100 }).autoPagingToArray({ limit: 1_000 });
      return call(list, (refunds) => {
        const ours = refunds.find((refund) => refund.metadata?.refund_id === refundId);
        return ours ? toRefundSnapshot(ours) : null;
      });
    },
    async cancelRefund(id) {
      return call(() => stripe.refunds.cancel(id), toRefundSnapshot);
    },
  };
}

/** Runs one Stripe request: maps its answer, turns failures into GatewayError, reports the link. */
async function observed<T extends object, R>(run: () => Promise<T>, map: (value: T) => R, onLink?: (observation: StripeLinkObservation) => void): Promise<R> {
  let value: T;
  try {
    value = await run();
  } catch (error) {
    const gatewayError = toGatewayError(error);
    const headers = error instanceof Stripe.errors.StripeError ? (error.headers as Record<string, string> | undefined) : undefined;
    // A 429 is Stripe answering: the link is fine, this account is just busy.
    onLink?.({ reachable: gatewayError.kind !== 'unreachable', serverDate: headers?.date ?? null });
    throw gatewayError;
  }
  const headers = (value as { lastResponse?: { headers?: Record<string, string> } }).lastResponse?.headers;
  onLink?.({ reachable: true, serverDate: headers?.date ?? null });
  return map(value);
}

function toGatewayError(error: unknown): GatewayError {
  if (!(error instanceof Stripe.errors.StripeError)) {
    return new GatewayError('unreachable', 'Stripe could not be reached.');
  }
  // Stripe's messages can quote the API key ("Invalid API Key provided: sk_test_…"): never pass them on raw.
  const message = redactKeys(error.message);
  const code = error.code ?? null;
  const param = error.param ?? null;
  const headers = error.headers as Record<string, string> | undefined;
  const retryHeader = headers?.['stripe-should-retry'];
  const replayed = headers?.['idempotent-replayed'] === 'true';
  const shouldRetry = retryHeader === 'true' ? true : retryHeader === 'false' ? false : null;
  if (error instanceof Stripe.errors.StripeRateLimitError || error.statusCode === 429) {
    return new GatewayError('rate_limited', 'Stripe is busy (rate limit); the till slows down and retries.', code, param, shouldRetry);
  }
  if (error instanceof Stripe.errors.StripeAuthenticationError || error instanceof Stripe.errors.StripePermissionError) {
    const denied = error instanceof Stripe.errors.StripePermissionError;
    return new GatewayError('auth', 'Stripe refused the API key. Check the key in Settings.', code, param, null, false, denied);
  }
  if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError) {
    return new GatewayError('unreachable', `Stripe could not be reached: ${message}`, code, param, shouldRetry, replayed);
  }
  if (code === 'resource_missing' || error.statusCode === 404) return new GatewayError('not_found', message, code, param);
  if (code === 'payment_intent_unexpected_state') return new GatewayError('unexpected_state', message, code, param);
  if ((error.statusCode ?? 500) >= 500) return new GatewayError('unreachable', message, code, param, shouldRetry, replayed);
  return new GatewayError('rejected', message, code, param);
}

/**
 * Stripe stored a 5xx for this Idempotency-Key and will answer the same forever (it says so with
 * `Stripe-Should-Retry: false` or `Idempotent-Replayed: true`). Retrying that key is pointless, and a
 * new key could charge twice; the caller ends the attempt instead.
 */
export function isStoredServerError(error: GatewayError): boolean {
  return error.kind === 'unreachable' && (error.shouldRetry === false || error.replayed);
}

export function redactKeys(text: string): string {
  return text.replace(/\b(sk|rk|pk)_(test|live)_[A-Za-z0-9*]+/g, '$1_$2_****');
}
