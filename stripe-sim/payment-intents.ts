import { expandPaths } from './balance-transactions';
import type { ChargeService } from './charges';
import { buildPromptPayPayload } from './emv-qr';
import type { EventLog } from './events';
import type { FormObject } from './form-body';
import { z } from 'zod';
import { newClientSecret, newObjectId } from './ids';
import {
  assertKnownParams,
  parseBooleanParam,
  parseIntegerParam,
  parseMetadataParam,
  parseObjectParam,
  parseStringArrayParam,
  parseStringParam,
} from './params';
import type { SimStore } from './sim-state';
import { invalidRequest, StripeApiError, stripeErrors } from './stripe-errors';
import {
  BACKGROUND_CONTEXT,
  type BillingDetails,
  type LastPaymentError,
  type PaymentIntent,
  type PaymentIntentNextAction,
  type PaymentIntentStatus,
  type PaymentMethod,
  type RequestContext,
} from './stripe-objects';

// Stripe's limits for THB, in satang.
export const THB_MIN_AMOUNT = 1000;
export const THB_MAX_AMOUNT = 99_999_999;

/** Top-level params of POST /v1/payment_intents in 2026-10-28.endive (no payment_method_types). */
const CREATE_PARAMS = [
  'allowed_payment_method_types', 'amount', 'amount_details', 'application_fee_amount', 'automatic_payment_methods',
  'capture_method', 'confirm', 'confirmation_method', 'confirmation_token', 'currency', 'customer', 'customer_account',
  'description', 'error_on_requires_action', 'excluded_payment_method_types', 'expand', 'hooks', 'mandate',
  'mandate_data', 'metadata', 'off_session', 'on_behalf_of', 'payment_details', 'payment_method',
  'payment_method_configuration', 'payment_method_data', 'payment_method_options', 'radar_options', 'receipt_email',
  'return_url', 'setup_future_usage', 'shipping', 'statement_descriptor', 'statement_descriptor_suffix',
  'transfer_data', 'transfer_group', 'use_stripe_sdk',
] as const;

/** Params the simulator accepts but cannot model (Connect, customers, mandates…): refused clearly. */
const UNSUPPORTED_CREATE_PARAMS = new Set([
  'application_fee_amount', 'automatic_payment_methods', 'confirmation_token', 'customer', 'customer_account',
  'hooks', 'mandate', 'mandate_data', 'off_session', 'on_behalf_of', 'payment_method', 'payment_method_configuration',
  'setup_future_usage', 'shipping', 'transfer_data',
]);

/** Params of POST /v1/payment_intents/:id/confirm (the unsupported ones are refused like on create). */
const CONFIRM_PARAMS = [
  'capture_method', 'client_secret', 'confirmation_token', 'error_on_requires_action', 'excluded_payment_method_types',
  'expand', 'hooks', 'mandate', 'mandate_data', 'off_session', 'payment_details', 'payment_method', 'payment_method_data',
  'payment_method_options', 'radar_options', 'receipt_email', 'return_url', 'setup_future_usage', 'shipping',
  'use_stripe_sdk',
] as const;

/** Stripe confirms only these; a PaymentIntent whose QR attempt expired or failed is back in requires_payment_method. */
// requires_action too: a PromptPay QR still showing can be replaced by confirming again (a new attempt;
// the old QR stops working). Stripe's API reference does not forbid it and Stripe.js confirms from it.
const CONFIRMABLE: PaymentIntentStatus[] = ['requires_confirmation', 'requires_payment_method', 'requires_action'];

const CANCELABLE: PaymentIntentStatus[] = [
  'requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing',
];
const CANCELLATION_REASONS = ['abandoned', 'duplicate', 'fraudulent', 'requested_by_customer'];

export interface PaymentIntentConfig {
  baseUrl: () => string;
  qrFormat: 'url' | 'emv';
  nowSeconds: () => number;
}

export class PaymentIntentService {
  constructor(
    private readonly store: SimStore,
    private readonly events: EventLog,
    private readonly config: PaymentIntentConfig,
    private readonly charges: ChargeService,
  ) {}

  get(id: string): PaymentIntent | null {
    return this.store.data.paymentIntents[id] ?? null;
  }

  retrieve(id: string, query: FormObject = {}): Record<string, unknown> {
    assertKnownParams(query, ['client_secret', 'expand']);
    return this.render(this.require(id), query.expand);
  }

  /** POST /v1/payment_intents — validates like Stripe, then creates (and optionally confirms). */
  create(params: FormObject, context: RequestContext): Record<string, unknown> {
    // Stripe removed payment_method_types from the create params in the endive API versions.
    assertKnownParams(params, CREATE_PARAMS);
    for (const key of Object.keys(params)) {
      if (UNSUPPORTED_CREATE_PARAMS.has(key))
        throw invalidRequest(undefined, `stripe-sim does not support the parameter ${key}.`, key);
    }
    if (params.amount === undefined) throw stripeErrors.parameterMissing('amount');
    if (params.currency === undefined) throw stripeErrors.parameterMissing('currency');
    const amount = parseIntegerParam('amount', params.amount);
    const currency = parseStringParam('currency', params.currency).toLowerCase();
    if (!/^[a-z]{3}$/.test(currency)) throw stripeErrors.invalidString('currency', `Invalid currency: ${currency}`);

    const confirm = params.confirm === undefined ? false : parseBooleanParam('confirm', params.confirm);
    const description =
      params.description === undefined || params.description === '' ? null : parseStringParam('description', params.description, 1000);
    const metadata = params.metadata === undefined ? {} : parseMetadataParam('metadata', params.metadata);
    const receiptEmail = params.receipt_email === undefined ? null : parseStringParam('receipt_email', params.receipt_email);
    const allowedTypes =
      params.allowed_payment_method_types === undefined
        ? null
        : parseStringArrayParam('allowed_payment_method_types', params.allowed_payment_method_types);
    const excludedTypes =
      params.excluded_payment_method_types === undefined
        ? null
        : parseStringArrayParam('excluded_payment_method_types', params.excluded_payment_method_types);
    for (const enumParam of ['capture_method', 'confirmation_method'] as const) {
      if (params[enumParam] !== undefined && params[enumParam] !== 'automatic')
        throw invalidRequest(undefined, `stripe-sim only supports ${enumParam}=automatic.`, enumParam);
    }
    const paymentMethodOptions = this.parsePaymentMethodOptions(params.payment_method_options);
    const stringOrNull = (key: 'statement_descriptor' | 'statement_descriptor_suffix' | 'transfer_group', max: number) =>
      params[key] === undefined ? null : parseStringParam(key, params[key], max);
    const statementDescriptor = stringOrNull('statement_descriptor', 22);
    const statementDescriptorSuffix = stringOrNull('statement_descriptor_suffix', 22);
    const transferGroup = stringOrNull('transfer_group', 5000);
    const paymentMethodData =
      params.payment_method_data === undefined ? null : parsePaymentMethodData(params.payment_method_data);

    // Stripe silently drops allowed types that cannot be used (here: all but PromptPay).
    const paymentMethodTypes = (allowedTypes ?? ['promptpay']).filter((t) => t === 'promptpay');
    if (paymentMethodTypes.length === 0)
      throw invalidRequest(
        'payment_intent_invalid_parameter',
        `None of the allowed_payment_method_types (${allowedTypes?.join(', ')}) can be used: stripe-sim only simulates promptpay.`,
        'allowed_payment_method_types',
      );
    if (currency !== 'thb')
      throw invalidRequest(
        'payment_intent_invalid_parameter',
        `The currency provided (${currency}) is invalid. Payments with promptpay support the following currencies: thb.`,
        'currency',
      );
    if (amount < THB_MIN_AMOUNT)
      throw invalidRequest('amount_too_small', 'Amount must be at least ฿10.00 thb', 'amount');
    if (amount > THB_MAX_AMOUNT)
      throw invalidRequest('amount_too_large', 'Amount must be no more than ฿999,999.99 thb', 'amount');
    if (confirm && !paymentMethodData) throw missingPaymentMethod();
    if (confirm) requireBillingEmail(paymentMethodData?.billingDetails ?? null);

    const now = this.config.nowSeconds();
    const id = newObjectId('pi');
    const paymentMethod = paymentMethodData ? this.savePaymentMethod(paymentMethodData) : null;
    const intent: PaymentIntent = {
      id,
      object: 'payment_intent',
      allowed_payment_method_types: allowedTypes,
      amount,
      amount_capturable: 0,
      amount_details: { tip: {} },
      amount_received: 0,
      application: null,
      application_fee_amount: null,
      automatic_payment_methods: null,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: 'automatic',
      client_secret: newClientSecret(id),
      confirmation_method: 'automatic',
      created: now,
      currency,
      customer: null,
      customer_account: null,
      description,
      excluded_payment_method_types: excludedTypes,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      managed_payments: null,
      metadata,
      next_action: null,
      on_behalf_of: null,
      payment_method: paymentMethod?.id ?? null,
      payment_method_configuration_details: null,
      payment_method_options: paymentMethodOptions,
      payment_method_types: paymentMethodTypes,
      payment_record: null,
      processing: null,
      receipt_email: receiptEmail,
      review: null,
      setup_future_usage: null,
      shipping: null,
      statement_descriptor: statementDescriptor,
      statement_descriptor_suffix: statementDescriptorSuffix,
      status: paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
      transfer_data: null,
      transfer_group: transferGroup,
    };
    if (confirm) {
      intent.status = 'requires_action';
      intent.next_action = this.nextAction(intent);
    }
    this.store.data.paymentIntents[id] = intent;
    this.events.record('payment_intent.created', intent, context);
    if (intent.status === 'requires_action') this.events.record('payment_intent.requires_action', intent, context);
    this.store.commit();
    return this.render(intent, params.expand);
  }

  /**
   * POST /v1/payment_intents/:id/confirm — a new PromptPay attempt on the same PaymentIntent (same
   * amount, same id): a new payment method, a new QR, requires_action again.
   */
  confirm(id: string, params: FormObject, context: RequestContext): Record<string, unknown> {
    assertKnownParams(params, CONFIRM_PARAMS);
    for (const key of Object.keys(params)) {
      if (UNSUPPORTED_CREATE_PARAMS.has(key))
        throw invalidRequest(undefined, `stripe-sim does not support the parameter ${key}.`, key);
    }
    if (params.capture_method !== undefined && params.capture_method !== 'automatic')
      throw invalidRequest(undefined, 'stripe-sim only supports capture_method=automatic.', 'capture_method');
    const receiptEmail = params.receipt_email === undefined ? undefined : parseStringParam('receipt_email', params.receipt_email);
    const paymentMethodOptions =
      params.payment_method_options === undefined ? undefined : this.parsePaymentMethodOptions(params.payment_method_options);
    const paymentMethodData =
      params.payment_method_data === undefined ? null : parsePaymentMethodData(params.payment_method_data);
    const intent = this.require(id);
    if (!CONFIRMABLE.includes(intent.status)) {
      throw unexpectedState(intent, 'confirm', 'confirmed', CONFIRMABLE, 'intent');
    }
    if (!paymentMethodData && !intent.payment_method) throw missingPaymentMethod();
    requireBillingEmail(
      paymentMethodData?.billingDetails ?? this.store.data.paymentMethods[intent.payment_method!]?.billing_details ?? null,
    );

    const wasAttempted = (intent.status === 'requires_payment_method' && intent.last_payment_error !== null) || intent.status === 'requires_action';
    if (paymentMethodData) intent.payment_method = this.savePaymentMethod(paymentMethodData).id;
    if (receiptEmail !== undefined) intent.receipt_email = receiptEmail;
    if (paymentMethodOptions) intent.payment_method_options = paymentMethodOptions;
    if (wasAttempted) this.store.data.qrAttempts[intent.id] = this.attemptOf(intent) + 1;
    intent.status = 'requires_action';
    intent.last_payment_error = null;
    intent.next_action = this.nextAction(intent);
    this.events.record('payment_intent.requires_action', intent, context);
    this.store.commit();
    return this.render(intent, params.expand);
  }

  /**
   * POST /v1/payment_intents/:id — the slice of an update the till uses: receipt_email (Stripe emails its
   * receipt of a succeeded payment to it; '' unsets it) and description. Allowed in any status, as
   * Stripe allows both after a payment succeeded; the succeeded payment's Charge gets the
   * address too. Every other update param is refused as unsupported by the simulator.
   */
  update(id: string, params: FormObject): Record<string, unknown> {
    const supported = ['description', 'expand', 'receipt_email'];
    for (const key of Object.keys(params)) {
      if (!supported.includes(key)) throw invalidRequest(undefined, `stripe-sim does not support updating ${key}.`, key);
    }
    let receiptEmail: string | null | undefined;
    if (params.receipt_email !== undefined) {
      receiptEmail = params.receipt_email === '' ? null : parseStringParam('receipt_email', params.receipt_email, 800);
      if (receiptEmail !== null && !EMAIL.safeParse(receiptEmail).success)
        throw invalidRequest('email_invalid', `Invalid email address: ${receiptEmail}`, 'receipt_email');
    }
    const description =
      params.description === undefined ? undefined : params.description === '' ? null : parseStringParam('description', params.description, 1000);
    const intent = this.require(id);
    if (receiptEmail !== undefined) {
      intent.receipt_email = receiptEmail;
      const charge = intent.latest_charge ? this.store.data.charges[intent.latest_charge] : undefined;
      if (charge) charge.receipt_email = receiptEmail;
    }
    if (description !== undefined) intent.description = description;
    this.store.commit();
    return this.render(intent, params.expand);
  }

  /** POST /v1/payment_intents/:id/cancel */
  cancel(id: string, params: FormObject, context: RequestContext): Record<string, unknown> {
    assertKnownParams(params, ['cancellation_reason', 'expand']);
    const reason = params.cancellation_reason === undefined ? null : parseStringParam('cancellation_reason', params.cancellation_reason);
    if (reason !== null && !CANCELLATION_REASONS.includes(reason))
      throw stripeErrors.invalidString(
        'cancellation_reason',
        `Invalid cancellation_reason: must be one of ${CANCELLATION_REASONS.join(', ')}`,
      );
    const intent = this.require(id);
    if (!CANCELABLE.includes(intent.status)) {
      throw unexpectedState(intent, 'cancel', 'canceled', CANCELABLE);
    }
    intent.status = 'canceled';
    intent.canceled_at = this.config.nowSeconds();
    intent.cancellation_reason = reason;
    intent.next_action = null;
    this.events.record('payment_intent.canceled', intent, context);
    this.store.commit();
    return this.render(intent, params.expand);
  }

  /** The customer paid (test control): succeeded, money received, a charge id. */
  succeed(id: string): PaymentIntent {
    const intent = this.requireAwaitingCustomer(id, 'succeed');
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.amount_capturable = 0;
    intent.latest_charge = newObjectId('py'); // PromptPay charges are py_…, not ch_…
    intent.next_action = null;
    intent.last_payment_error = null;
    this.charges.recordPayment(intent, this.config.nowSeconds());
    this.events.record('payment_intent.succeeded', intent, BACKGROUND_CONTEXT);
    this.store.commit();
    return intent;
  }

  /** The bank declined (test control). */
  fail(id: string): PaymentIntent {
    return this.failAttempt(
      this.requireAwaitingCustomer(id, 'fail'),
      'payment_intent_payment_attempt_failed',
      'The payment failed. The customer’s bank declined the PromptPay payment.',
    );
  }

  /** The QR timed out unpaid (test control), as Stripe reports an expired PromptPay attempt. */
  expire(id: string): PaymentIntent {
    return this.failAttempt(
      this.requireAwaitingCustomer(id, 'expire'),
      'payment_intent_payment_attempt_expired',
      'The payment attempt expired: the customer did not complete the PromptPay payment in time.',
    );
  }

  /** After a restart on another address, re-point pending QR links at the current base URL. */
  rebaseQrLinks(): void {
    const baseUrl = this.config.baseUrl();
    if (this.store.data.baseUrl === baseUrl) return;
    for (const intent of Object.values(this.store.data.paymentIntents)) {
      if (intent.status === 'requires_action') intent.next_action = this.nextAction(intent);
    }
    this.store.data.baseUrl = baseUrl;
    this.store.commit();
  }

  /** The current attempt's QR payload: every attempt after the first gets different data. */
  qrData(intent: PaymentIntent): string {
    const attempt = this.attemptOf(intent);
    if (this.config.qrFormat === 'emv') {
      const reference = attempt === 1 ? intent.id : `${intent.id.slice(0, 20)}-${attempt}`;
      return buildPromptPayPayload({ amountSatang: intent.amount, reference });
    }
    const page = `${this.config.baseUrl()}/_sim/pay/${intent.id}`;
    return attempt === 1 ? page : `${page}?attempt=${attempt}`;
  }

  private attemptOf(intent: PaymentIntent): number {
    return this.store.data.qrAttempts[intent.id] ?? 1;
  }

  private savePaymentMethod(data: ParsedPaymentMethodData): PaymentMethod {
    const paymentMethod: PaymentMethod = {
      id: newObjectId('pm'),
      object: 'payment_method',
      allow_redisplay: 'unspecified',
      billing_details: data.billingDetails,
      created: this.config.nowSeconds(),
      customer: null,
      livemode: false,
      metadata: data.metadata,
      promptpay: {},
      type: 'promptpay',
    };
    this.store.data.paymentMethods[paymentMethod.id] = paymentMethod;
    return paymentMethod;
  }

  private failAttempt(intent: PaymentIntent, code: LastPaymentError['code'], message: string): PaymentIntent {
    const paymentMethod = intent.payment_method ? this.store.data.paymentMethods[intent.payment_method] : undefined;
    intent.status = 'requires_payment_method';
    intent.next_action = null;
    intent.payment_method = null; // Stripe detaches the failed payment method
    intent.last_payment_error = {
      type: 'card_error',
      code,
      message,
      doc_url: `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`,
      ...(paymentMethod ? { payment_method: structuredClone(paymentMethod) } : {}),
      payment_method_type: 'promptpay',
    };
    this.events.record('payment_intent.payment_failed', intent, BACKGROUND_CONTEXT);
    this.store.commit();
    return intent;
  }

  private nextAction(intent: PaymentIntent): PaymentIntentNextAction {
    const base = this.config.baseUrl();
    return {
      type: 'promptpay_display_qr_code',
      promptpay_display_qr_code: {
        data: this.qrData(intent),
        hosted_instructions_url: `${base}/_sim/instructions/${intent.id}`,
        image_url_png: `${base}/_sim/qr/${intent.id}.png`,
        image_url_svg: `${base}/_sim/qr/${intent.id}.svg`,
      },
    };
  }

  private parsePaymentMethodOptions(value: FormObject[string] | undefined): PaymentIntent['payment_method_options'] {
    if (value === undefined) return { promptpay: {} };
    const options = parseObjectParam('payment_method_options', value);
    assertKnownParams(options, ['promptpay'], 'payment_method_options');
    if (options.promptpay === undefined || options.promptpay === '') return { promptpay: {} };
    const promptpay = parseObjectParam('payment_method_options[promptpay]', options.promptpay);
    assertKnownParams(promptpay, ['setup_future_usage'], 'payment_method_options[promptpay]');
    if (promptpay.setup_future_usage !== undefined && promptpay.setup_future_usage !== 'none')
      throw stripeErrors.invalidString(
        'payment_method_options[promptpay][setup_future_usage]',
        'Invalid payment_method_options[promptpay][setup_future_usage]: must be none',
      );
    return { promptpay: promptpay.setup_future_usage === 'none' ? { setup_future_usage: 'none' } : {} };
  }

  private require(id: string): PaymentIntent {
    const intent = this.get(id);
    if (!intent) throw stripeErrors.resourceMissing('payment_intent', id, 'intent');
    return intent;
  }

  private requireAwaitingCustomer(id: string, action: string): PaymentIntent {
    const intent = this.require(id);
    if (intent.status !== 'requires_action') {
      throw new StripeApiError(409, {
        type: 'invalid_request_error',
        code: 'payment_intent_unexpected_state',
        message: `stripe-sim cannot ${action} PaymentIntent ${id}: its status is ${intent.status}, and only a PaymentIntent in requires_action (QR shown, waiting for the customer) can be ${action === 'succeed' ? 'paid' : action === 'fail' ? 'failed' : 'expired'}.`,
        param: 'intent',
      });
    }
    return intent;
  }

  /**
   * A response copy with `expand[]`: `payment_method`, `latest_charge` and
   * `latest_charge.balance_transaction` (Stripe's fee and net for the sale).
   */
  private render(intent: PaymentIntent, expand: FormObject[string] | undefined): Record<string, unknown> {
    const copy = structuredClone(intent) as unknown as Record<string, unknown>;
    const chargePaths: string[] = [];
    let expandCharge = false;
    for (const path of expandPaths(expand)) {
      const [head, ...rest] = path.split('.');
      if (head === 'payment_method' && rest.length === 0) {
        if (intent.payment_method) copy.payment_method = structuredClone(this.store.data.paymentMethods[intent.payment_method]);
      } else if (head === 'latest_charge') {
        expandCharge = true;
        if (rest.length > 0) chargePaths.push(rest.join('.'));
      } else {
        throw invalidRequest(
          undefined,
          `stripe-sim cannot expand ${path}; only payment_method, latest_charge and latest_charge.balance_transaction can be expanded.`,
          'expand',
        );
      }
    }
    const charge = expandCharge && intent.latest_charge ? this.store.data.charges[intent.latest_charge] : undefined;
    if (charge) copy.latest_charge = this.charges.render(charge, chargePaths);
    return copy;
  }
}

function missingPaymentMethod(): StripeApiError {
  return invalidRequest(
    'payment_intent_unexpected_state',
    'You cannot confirm this PaymentIntent because it’s missing a payment method. To confirm the PaymentIntent with promptpay, pass payment_method_data[type]=promptpay.',
    'payment_method_data',
  );
}

interface ParsedPaymentMethodData {
  billingDetails: BillingDetails;
  metadata: Record<string, string>;
}

const EMAIL_PARAM = 'payment_method_data[billing_details][email]';
const EMAIL = z.email();

/**
 * PromptPay refunds are sent by email, so Stripe needs one to confirm a PromptPay payment (a create
 * without confirm may leave it out). Stripe names the param by its payment method path.
 */
function requireBillingEmail(billingDetails: BillingDetails | null): void {
  if (billingDetails?.email) return;
  throw invalidRequest('parameter_missing', 'Missing required param: billing_details[email].', EMAIL_PARAM);
}

function parsePaymentMethodData(value: FormObject[string]): ParsedPaymentMethodData {
  const data = parseObjectParam('payment_method_data', value);
  assertKnownParams(data, ['allow_redisplay', 'billing_details', 'metadata', 'promptpay', 'radar_options', 'type'], 'payment_method_data');
  if (data.type === undefined) throw stripeErrors.parameterMissing('payment_method_data[type]');
  if (data.type !== 'promptpay')
    throw invalidRequest(
      'payment_intent_invalid_parameter',
      `stripe-sim only simulates promptpay; payment_method_data[type]=${String(data.type)} is not supported.`,
      'payment_method_data[type]',
    );
  if (data.promptpay !== undefined) {
    const promptpay = parseObjectParam('payment_method_data[promptpay]', data.promptpay === '' ? {} : data.promptpay);
    assertKnownParams(promptpay, [], 'payment_method_data[promptpay]');
  }
  const billing = data.billing_details === undefined ? {} : parseObjectParam('payment_method_data[billing_details]', data.billing_details);
  assertKnownParams(billing, ['address', 'email', 'name', 'phone', 'tax_id'], 'payment_method_data[billing_details]');
  const email = billing.email === undefined || billing.email === '' ? null : parseStringParam(EMAIL_PARAM, billing.email, 800);
  // Stripe refuses addresses without a real-looking domain ("test@test", "otameshi@com"); zod's check
  // is as strict. Reserved TLDs such as .invalid pass: nothing shows that Stripe refuses them.
  if (email !== null && !EMAIL.safeParse(email).success)
    throw invalidRequest('email_invalid', `Invalid email address: ${email}`, EMAIL_PARAM);
  const optional = (key: 'name' | 'phone' | 'tax_id') =>
    billing[key] === undefined || billing[key] === '' ? null : parseStringParam(`payment_method_data[billing_details][${key}]`, billing[key]);
  const addressParam = billing.address === undefined || billing.address === '' ? {} : parseObjectParam('payment_method_data[billing_details][address]', billing.address);
  const addressKeys = ['city', 'country', 'line1', 'line2', 'postal_code', 'state'] as const;
  assertKnownParams(addressParam, addressKeys, 'payment_method_data[billing_details][address]');
  const address = Object.fromEntries(
    addressKeys.map((k) => [k, addressParam[k] === undefined ? null : parseStringParam(`payment_method_data[billing_details][address][${k}]`, addressParam[k])]),
  ) as BillingDetails['address'];
  return {
    billingDetails: { address, email, name: optional('name'), phone: optional('phone'), tax_id: optional('tax_id') },
    metadata: data.metadata === undefined ? {} : parseMetadataParam('payment_method_data[metadata]', data.metadata),
  };
}

/** Stripe's answer to an action the PaymentIntent's status does not allow; it carries the PaymentIntent so a
 * client can see who won the race. */
function unexpectedState(intent: PaymentIntent, verb: string, done: string, allowed: readonly PaymentIntentStatus[], param?: string): StripeApiError {
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    code: 'payment_intent_unexpected_state',
    doc_url: 'https://stripe.com/docs/error-codes/payment-intent-unexpected-state',
    message: `You cannot ${verb} this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be ${done}: ${allowed.join(', ')}.`,
    ...(param === undefined ? {} : { param }),
    payment_intent: structuredClone(intent),
  });
}
