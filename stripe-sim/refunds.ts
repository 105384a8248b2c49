import { expandPaths, type BalanceTransactionService } from './balance-transactions';
import { ensureCharge, type ChargeService } from './charges';
import { createdFilter, pageNewestFirst, parseListLimit } from './list-pages';
import type { EventLog } from './events';
import type { FormObject, FormValue } from './form-body';
import { newObjectId, randomAlphanumeric } from './ids';
import { assertKnownParams, parseIntegerParam, parseMetadataParam, parseStringParam } from './params';
import type { SimStore } from './sim-state';
import { invalidRequest, StripeApiError, stripeErrors } from './stripe-errors';
import {
  BACKGROUND_CONTEXT,
  type Charge,
  type PaymentIntent,
  type Refund,
  type RefundReason,
  type RefundStatus,
  type RequestContext,
} from './stripe-objects';

/** Top-level params of POST /v1/refunds (complete, per Stripe's spec). */
const CREATE_PARAMS = [
  'amount', 'charge', 'currency', 'customer', 'expand', 'instructions_email', 'metadata', 'origin', 'payment_intent',
  'reason', 'refund_application_fee', 'reverse_transfer',
] as const;
/** Customer-balance and Connect refunds: accepted by Stripe, not modelled here. */
const UNSUPPORTED_CREATE_PARAMS = new Set(['customer', 'origin', 'refund_application_fee', 'reverse_transfer']);
const REASONS: RefundReason[] = ['duplicate', 'fraudulent', 'requested_by_customer'];
const EXPANDABLE = ['balance_transaction', 'charge', 'charge.balance_transaction', 'payment_intent'];
/** How long the customer's bank-details link stays valid (a simulator choice; Stripe shows expires_at). */
export const REFUND_INSTRUCTIONS_LIFETIME_SECONDS = 45 * 24 * 60 * 60;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** ฿1,234.50 from satang, as Stripe words amounts in messages. */
export function formatBaht(satang: number): string {
  const sign = satang < 0 ? '-' : '';
  const abs = Math.abs(satang);
  const baht = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}฿${baht}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * PromptPay refunds. PromptPay has nothing to push money back to, so Stripe emails the customer
 * for bank details: a refund starts in requires_action (next_action.display_details.email_sent),
 * then pending once the customer answered, then succeeded or failed; until the customer answers
 * the merchant can cancel it. Pending and requires_action refunds count as refunded on the charge.
 */
export class RefundService {
  constructor(
    private readonly store: SimStore,
    private readonly events: EventLog,
    private readonly nowSeconds: () => number,
    private readonly balance: BalanceTransactionService,
    private readonly charges: ChargeService,
  ) {}

  get(id: string): Refund | null {
    return this.store.data.refunds[id] ?? null;
  }

  retrieve(id: string, query: FormObject = {}): Record<string, unknown> {
    assertKnownParams(query, ['expand']);
    return this.render(this.require(id), query.expand);
  }

  /** POST /v1/refunds */
  create(params: FormObject, context: RequestContext): Record<string, unknown> {
    assertKnownParams(params, CREATE_PARAMS);
    for (const key of Object.keys(params)) {
      if (UNSUPPORTED_CREATE_PARAMS.has(key)) throw invalidRequest(undefined, `stripe-sim does not support the parameter ${key}.`, key);
    }
    const { intent, charge } = this.resolveTarget(params);
    const reason = params.reason === undefined || params.reason === '' ? null : parseReason(params.reason);
    const metadata = params.metadata === undefined ? {} : parseMetadataParam('metadata', params.metadata);
    const instructionsEmail =
      params.instructions_email === undefined ? undefined : parseEmail('instructions_email', params.instructions_email);
    if (params.currency !== undefined) {
      const currency = parseStringParam('currency', params.currency).toLowerCase();
      if (currency !== charge.currency)
        throw invalidRequest(undefined, `The refund currency (${currency}) must match the charge's currency (${charge.currency}).`, 'currency');
    }

    const remaining = charge.amount - charge.amount_refunded;
    if (remaining <= 0)
      throw invalidRequest('charge_already_refunded', `Charge ${charge.id} has already been refunded.`, 'charge');
    let amount = remaining;
    if (params.amount !== undefined) {
      amount = parseIntegerParam('amount', params.amount);
      if (amount < 1) throw invalidRequest('parameter_invalid_integer', 'Invalid positive integer', 'amount');
      if (amount > remaining)
        throw invalidRequest(
          'amount_too_large',
          `Refund amount (${formatBaht(amount)}) is greater than unrefunded amount on charge (${formatBaht(remaining)})`,
          'amount',
        );
    }
    const email = instructionsEmail ?? charge.billing_details?.email ?? intent.receipt_email;
    if (!email)
      throw invalidRequest(
        'parameter_missing',
        'PromptPay refunds are completed by emailing the customer for bank details; pass instructions_email.',
        'instructions_email',
      );

    const now = this.nowSeconds();
    const refund: Refund = {
      id: newObjectId('re'),
      object: 'refund',
      amount,
      balance_transaction: null,
      charge: charge.id,
      created: now,
      currency: charge.currency,
      destination_details: { type: 'th_bank_transfer', th_bank_transfer: { reference: null, reference_status: 'pending' } },
      ...(instructionsEmail ? { instructions_email: instructionsEmail } : {}),
      metadata,
      next_action: {
        type: 'display_details',
        display_details: {
          email_sent: { email_sent_at: now, email_sent_to: email },
          expires_at: now + REFUND_INSTRUCTIONS_LIFETIME_SECONDS,
        },
      },
      payment_intent: intent.id,
      payment_method: charge.payment_method,
      reason,
      receipt_number: null,
      source_transfer_reversal: null,
      status: 'requires_action',
      transfer_reversal: null,
    };
    this.store.data.refunds[refund.id] = refund;
    const previousRefunded = charge.amount_refunded;
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded >= charge.amount;
    this.events.record('refund.created', refund, context);
    this.events.record('charge.refunded', charge, context, { amount_refunded: previousRefunded, refunded: false });
    this.store.commit();
    return this.render(refund, params.expand);
  }

  /** POST /v1/refunds/:id/cancel — only while the customer has not given bank details. */
  cancel(id: string, params: FormObject, context: RequestContext): Record<string, unknown> {
    assertKnownParams(params, ['expand']);
    const refund = this.require(id);
    if (refund.status !== 'requires_action')
      throw invalidRequest(
        undefined,
        `You can only cancel a refund with a status of requires_action; refund ${refund.id} has a status of ${refund.status}.`,
        'refund',
      );
    this.finishUnsuccessfully(refund, 'canceled', 'merchant_request', context);
    return this.render(refund, params.expand);
  }

  /** GET /v1/refunds: newest first, by payment_intent, charge or created (ranges too), cursor pagination. */
  list(query: FormObject): { object: 'list'; data: Record<string, unknown>[]; has_more: boolean; url: '/v1/refunds' } {
    assertKnownParams(query, ['charge', 'created', 'ending_before', 'expand', 'limit', 'payment_intent', 'starting_after']);
    const limit = parseListLimit(query);
    const text = (key: string) => (query[key] === undefined ? undefined : parseStringParam(key, query[key]));
    const paymentIntent = text('payment_intent');
    const chargeId = text('charge');
    const created = createdFilter(query.created);
    const newestFirst = Object.values(this.store.data.refunds)
      .reverse()
      .filter(
        (r) =>
          (paymentIntent === undefined || r.payment_intent === paymentIntent) &&
          (chargeId === undefined || r.charge === chargeId) &&
          created(r.created),
      )
      .sort((a, b) => b.created - a.created);
    const { page, hasMore } = pageNewestFirst(newestFirst, query, limit, (value, param) => this.require(parseStringParam(param, value), param));
    return { object: 'list', data: page.map((r) => this.render(r, query.expand)), has_more: hasMore, url: '/v1/refunds' };
  }

  /** Test control: the customer sent bank details through Stripe's email link. */
  submitBankDetails(id: string): Refund {
    const refund = this.requireStatus(id, ['requires_action'], 'mark bank details submitted for');
    const previous = { status: refund.status, next_action: refund.next_action };
    refund.status = 'pending';
    refund.pending_reason = 'processing';
    delete refund.next_action;
    this.events.record('refund.updated', refund, BACKGROUND_CONTEXT, previous);
    this.store.commit();
    return refund;
  }

  /** Test control: the money reached the customer's bank account. */
  succeed(id: string): Refund {
    const refund = this.requireStatus(id, ['requires_action', 'pending'], 'succeed');
    const previous = { status: refund.status, balance_transaction: refund.balance_transaction };
    refund.status = 'succeeded';
    delete refund.next_action;
    delete refund.pending_reason;
    refund.destination_details = {
      type: 'th_bank_transfer',
      th_bank_transfer: { reference: randomAlphanumeric(12).toUpperCase(), reference_status: 'available' },
    };
    // Only now has money left the balance (a refund still waiting on the customer can be canceled or fail).
    refund.balance_transaction = this.balance.recordRefund(refund).id;
    this.events.record('refund.updated', refund, BACKGROUND_CONTEXT, previous);
    this.store.commit();
    return refund;
  }

  /** Test control: the bank transfer bounced (or the customer never answered): the money is back with the shop. */
  fail(id: string, failureReason = 'declined'): Refund {
    const refund = this.requireStatus(id, ['requires_action', 'pending'], 'fail');
    if (typeof failureReason !== 'string' || !/^[a-z_]{1,100}$/.test(failureReason))
      throw invalidRequest(undefined, 'failure_reason must be a lowercase code such as declined or unknown.', 'failure_reason');
    this.finishUnsuccessfully(refund, 'failed', failureReason, BACKGROUND_CONTEXT);
    return refund;
  }

  private finishUnsuccessfully(refund: Refund, status: 'failed' | 'canceled', failureReason: string, context: RequestContext): void {
    const previous = { status: refund.status };
    refund.status = status;
    refund.failure_reason = failureReason;
    delete refund.next_action;
    delete refund.pending_reason;
    refund.destination_details = { type: 'th_bank_transfer', th_bank_transfer: { reference: null, reference_status: 'unavailable' } };
    const charge = this.store.data.charges[refund.charge];
    if (charge) {
      charge.amount_refunded = Math.max(0, charge.amount_refunded - refund.amount);
      charge.refunded = charge.amount_refunded >= charge.amount;
    }
    this.events.record('refund.updated', refund, context, previous);
    if (status === 'failed') this.events.record('refund.failed', refund, context, previous);
    this.store.commit();
  }

  private resolveTarget(params: FormObject): { intent: PaymentIntent; charge: Charge } {
    if (params.payment_intent === undefined && params.charge === undefined) throw stripeErrors.parameterMissing('charge');
    let intent: PaymentIntent | undefined;
    if (params.payment_intent !== undefined) {
      const id = parseStringParam('payment_intent', params.payment_intent);
      intent = this.store.data.paymentIntents[id];
      if (!intent) throw stripeErrors.resourceMissing('payment_intent', id, 'payment_intent');
    }
    if (params.charge !== undefined) {
      const id = parseStringParam('charge', params.charge);
      const owner = Object.values(this.store.data.paymentIntents).find((pi) => pi.latest_charge === id);
      if (!owner) throw stripeErrors.resourceMissing('charge', id, 'charge');
      if (intent && intent.id !== owner.id)
        throw invalidRequest(undefined, `The charge ${id} does not belong to the PaymentIntent ${intent.id}.`, 'charge');
      intent = owner;
    }
    const charge = intent ? ensureCharge(this.store, intent, intent.created) : null;
    if (!intent || !charge)
      throw invalidRequest(
        'payment_intent_unexpected_state',
        'This PaymentIntent does not have a successful charge to refund.',
        params.payment_intent !== undefined ? 'payment_intent' : 'charge',
      );
    return { intent, charge };
  }

  private require(id: string, param = 'refund'): Refund {
    const refund = this.get(id);
    if (!refund) throw stripeErrors.resourceMissing('refund', id, param);
    return refund;
  }

  private requireStatus(id: string, allowed: RefundStatus[], action: string): Refund {
    const refund = this.require(id);
    if (!allowed.includes(refund.status))
      throw new StripeApiError(409, {
        type: 'invalid_request_error',
        code: 'refund_unexpected_state',
        message: `stripe-sim cannot ${action} refund ${id}: its status is ${refund.status}; allowed from ${allowed.join(' or ')}.`,
        param: 'refund',
      });
    return refund;
  }

  private render(refund: Refund, expand: FormValue | undefined): Record<string, unknown> {
    const copy = structuredClone(refund) as unknown as Record<string, unknown>;
    const paths = expandPaths(expand);
    for (const path of paths) {
      if (!EXPANDABLE.includes(path))
        throw invalidRequest(undefined, `stripe-sim cannot expand ${path}; only ${EXPANDABLE.join(', ')} can be expanded.`, 'expand');
    }
    const charge = this.store.data.charges[refund.charge];
    if (paths.includes('charge') || paths.includes('charge.balance_transaction'))
      copy.charge = charge ? this.charges.render(charge, paths.includes('charge.balance_transaction') ? ['balance_transaction'] : []) : refund.charge;
    if (paths.includes('payment_intent'))
      copy.payment_intent = structuredClone(this.store.data.paymentIntents[refund.payment_intent] ?? refund.payment_intent);
    const transaction = refund.balance_transaction ? this.balance.get(refund.balance_transaction) : null;
    if (paths.includes('balance_transaction') && transaction) copy.balance_transaction = this.balance.render(transaction);
    return copy;
  }
}

function parseReason(value: FormValue): RefundReason {
  const reason = parseStringParam('reason', value);
  if (!REASONS.includes(reason as RefundReason))
    throw stripeErrors.invalidString('reason', `Invalid reason: must be one of ${REASONS.join(', ')}`);
  return reason as RefundReason;
}

function parseEmail(param: string, value: FormValue): string {
  const email = parseStringParam(param, value, 800);
  if (!EMAIL_PATTERN.test(email)) throw invalidRequest('email_invalid', `Invalid email address: ${email}`, param);
  return email;
}
