/**
 * Balance transactions: what each paid PromptPay charge and each succeeded refund did to the
 * account's balance, with Stripe's fee. The till's reports read fees and net payout from here,
 * as they would from Stripe.
 */
import { DEFAULT_FEE_SCHEDULE, stripeFeeSatang, type FeeSchedule } from './fees';
import type { FormObject, FormValue } from './form-body';
import { newObjectId } from './ids';
import { createdFilter, pageNewestFirst, parseListLimit } from './list-pages';
import { assertKnownParams, parseStringArrayParam, parseStringParam } from './params';
import type { SimStore } from './sim-state';
import { invalidRequest, stripeErrors } from './stripe-errors';
import type { BalanceTransaction, Charge, Refund } from './stripe-objects';

const DAY_SECONDS = 24 * 60 * 60;
/** Days a charge's net stays pending (Stripe's `settlement_timing.delay_days`, set per account; a simulator choice). */
export const DEFAULT_SETTLEMENT_DELAY_DAYS = 7;
const FEE_DESCRIPTION = 'Stripe processing fees';
const LIST_PARAMS = ['created', 'currency', 'ending_before', 'expand', 'limit', 'payout', 'source', 'starting_after', 'type'];

export interface BalanceTransactionConfig {
  nowSeconds: () => number;
  settlementDelayDays: number;
}

export class BalanceTransactionService {
  constructor(
    private readonly store: SimStore,
    private readonly config: BalanceTransactionConfig,
  ) {}

  /** The schedule new charges are charged at (earlier balance transactions keep theirs, as at Stripe). */
  fees(): FeeSchedule {
    return { ...(this.store.data.fees ?? DEFAULT_FEE_SCHEDULE) };
  }

  setFees(schedule: FeeSchedule): FeeSchedule {
    this.store.data.fees = { ...schedule };
    this.store.commit();
    return this.fees();
  }

  /** The charge's gross, Stripe's fee and the net; pending until `available_on` (start of a UTC day, like Stripe's). */
  recordCharge(charge: Charge): BalanceTransaction {
    const fee = stripeFeeSatang(charge.amount, this.fees());
    const startOfDay = charge.created - (charge.created % DAY_SECONDS);
    return this.save({
      amount: charge.amount,
      available_on: startOfDay + this.config.settlementDelayDays * DAY_SECONDS,
      created: charge.created,
      currency: charge.currency,
      description: charge.description,
      fee,
      fee_details: fee === 0 ? [] : [{ amount: fee, application: null, currency: charge.currency, description: FEE_DESCRIPTION, type: 'stripe_fee' }],
      net: charge.amount - fee,
      source: charge.id,
      type: 'charge',
    });
  }

  /** The money sent back: a negative amount, no fee (Stripe charges none to refund and keeps the charge's fee). */
  recordRefund(refund: Refund): BalanceTransaction {
    const now = this.config.nowSeconds();
    return this.save({
      amount: -refund.amount,
      available_on: now, // taken from the balance at once
      created: now,
      currency: refund.currency,
      description: null,
      fee: 0,
      fee_details: [],
      net: -refund.amount,
      source: refund.id,
      type: 'refund',
    });
  }

  get(id: string): BalanceTransaction | null {
    return this.store.data.balanceTransactions[id] ?? null;
  }

  /** GET /v1/balance_transactions/:id */
  retrieve(id: string, query: FormObject = {}): Record<string, unknown> {
    assertKnownParams(query, ['expand']);
    const transaction = this.get(id);
    if (!transaction) throw stripeErrors.resourceMissing('balance_transaction', id, 'id');
    return this.render(transaction, expandPaths(query.expand));
  }

  /** GET /v1/balance_transactions: newest first; filters `created`, `type`, `source`, `currency`, `payout`. */
  list(query: FormObject): { object: 'list'; data: Record<string, unknown>[]; has_more: boolean; url: '/v1/balance_transactions' } {
    assertKnownParams(query, LIST_PARAMS);
    const limit = parseListLimit(query);
    const text = (key: string) => (query[key] === undefined ? undefined : parseStringParam(key, query[key]));
    const type = text('type');
    const source = text('source');
    const currency = text('currency')?.toLowerCase();
    const payout = text('payout');
    // The simulator pays nothing out, so no payout exists to filter by.
    if (payout !== undefined) throw stripeErrors.resourceMissing('payout', payout, 'payout');
    const created = createdFilter(query.created);
    const nested = expandPaths(query.expand).map((path) => {
      if (!path.startsWith('data.')) throw cannotExpand(path);
      return path.slice('data.'.length);
    });
    const newestFirst = Object.values(this.store.data.balanceTransactions)
      .reverse()
      .filter(
        (t) =>
          created(t.created) &&
          (type === undefined || t.type === type) &&
          (source === undefined || t.source === source) &&
          (currency === undefined || t.currency === currency),
      )
      .sort((a, b) => b.created - a.created); // stable: insertion order breaks ties
    const { page, hasMore } = pageNewestFirst(newestFirst, query, limit, (value, param) => this.cursor(value, param));
    return { object: 'list', data: page.map((t) => this.render(t, nested)), has_more: hasMore, url: '/v1/balance_transactions' };
  }

  /** A response copy: `status` follows the clock; `source` expands to the charge or refund. */
  render(transaction: BalanceTransaction, paths: string[] = []): Record<string, unknown> {
    const copy = structuredClone(transaction) as unknown as Record<string, unknown>;
    copy.status = this.config.nowSeconds() >= transaction.available_on ? 'available' : 'pending';
    for (const path of paths) {
      if (path !== 'source') throw cannotExpand(path);
      const { charges, refunds } = this.store.data;
      copy.source = structuredClone(charges[transaction.source] ?? refunds[transaction.source] ?? transaction.source);
    }
    return copy;
  }

  private save(fields: Omit<BalanceTransaction, 'id' | 'object' | 'balance_type' | 'exchange_rate' | 'reporting_category' | 'status'>): BalanceTransaction {
    const transaction: BalanceTransaction = {
      id: newObjectId('txn'),
      object: 'balance_transaction',
      ...fields,
      balance_type: 'payments',
      exchange_rate: null,
      reporting_category: fields.type,
      status: this.config.nowSeconds() >= fields.available_on ? 'available' : 'pending',
    };
    this.store.data.balanceTransactions[transaction.id] = transaction;
    return transaction; // the caller commits with the change that caused it
  }

  private cursor(value: FormValue, param: string): BalanceTransaction {
    const id = parseStringParam(param, value);
    const transaction = this.get(id);
    if (!transaction) throw stripeErrors.resourceMissing('balance_transaction', id, param);
    return transaction;
  }
}

/** `expand[]=…` as a list of paths (none when absent). */
export function expandPaths(expand: FormValue | undefined): string[] {
  return expand === undefined ? [] : parseStringArrayParam('expand', expand);
}

function cannotExpand(path: string) {
  return invalidRequest(undefined, `stripe-sim cannot expand ${path} on a balance transaction; only source can be expanded.`, 'expand');
}
