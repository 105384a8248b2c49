import type { FaultKind } from './faults';
import { DEFAULT_SIM_ACCOUNT_ID, type SimAccountConfig } from './account';
import type { RestrictedKeyConfig, RestrictedKeyInfo } from './api-keys';
import { rateLimitFromEnv, checkRateLimit, type RateLimitSnapshot } from './rate-limit';
import { allowedHostsFromEnv } from './request-guards';
import { DEFAULT_SETTLEMENT_DELAY_DAYS } from './balance-transactions';
import { checkFeeSchedule, feeScheduleFromEnv, type FeeSchedule } from './fees';
import { buildSimServer } from './sim-server';
import { DEFAULT_WEBHOOK_RETRY_DELAYS_MS, DEFAULT_WEBHOOK_TIMEOUT_MS, type WebhookDeliveryRecord } from './webhook-delivery';
import type { WebhookEndpointConfig, WebhookEndpointInfo } from './webhook-endpoints';
import type { WebhookFaultSettings, WebhookFaultSnapshot } from './webhook-faults';
import type { Refund } from './stripe-objects';

export type { FaultKind } from './faults';
export type { BalanceTransaction, Charge, FeeDetail, PaymentIntent, Refund, RefundStatus, StripeEvent } from './stripe-objects';
export { DEFAULT_FEE_SCHEDULE, stripeFeeSatang, type FeeSchedule } from './fees';
export { DEFAULT_SETTLEMENT_DELAY_DAYS } from './balance-transactions';
export { STRIPE_API_VERSION } from './stripe-objects';
export { STRIPE_TEST_MODE_RATE_LIMIT, type RateLimitSnapshot } from './rate-limit';
export { DEFAULT_SIM_ACCOUNT_ID, type SimAccountConfig } from './account';
export type { PermissionLevel, RestrictedKeyConfig, RestrictedKeyInfo, RestrictedResource } from './api-keys';
export type { WebhookDeliveryRecord } from './webhook-delivery';
export type { EventPayloadStyle, WebhookEndpointConfig, WebhookEndpointInfo } from './webhook-endpoints';
export type { WebhookFaultChance, WebhookFaultSettings, WebhookFaultSnapshot } from './webhook-faults';
export { DEFAULT_WEBHOOK_RETRY_DELAYS_MS, WEBHOOK_USER_AGENT } from './webhook-delivery';
export { stripeSignatureHeader } from './webhook-endpoints';
export { buildPromptPayPayload, crc16CcittFalse, FAKE_PROMPTPAY_PROXY_ID, PROMPTPAY_AID } from './emv-qr';

export const DEFAULT_SIM_PORT = 12111;
export const DEFAULT_SIM_HOST = '127.0.0.1';

export interface StripeSimOptions {
  host?: string;
  port?: number; // 0 = random
  stateFile?: string | null; // JSON file for PIs, events and idempotency records; null = memory only
  qrFormat?: 'url' | 'emv'; // default: env SIM_QR_FORMAT, else 'url'
  publicBaseUrl?: string; // base of the QR / pay-page / image URLs; default http://<host>:<port>
  logger?: boolean;
  /** Test clock in epoch milliseconds (for `created` filters); default Date.now. */
  now?: () => number;
  /** Webhook endpoints registered at start (more via sim.webhooks.add or POST /_sim/webhook_endpoints). */
  webhooks?: WebhookEndpointConfig[];
  /** Waits between delivery attempts; default env SIM_WEBHOOK_RETRY_MS (comma list), else [1000, 5000, 30000, 120000, 600000]. */
  webhookRetryDelaysMs?: number[];
  /** How long an endpoint may take to answer before the attempt counts as a timeout; default 10000. */
  webhookTimeoutMs?: number;
  /**
   * Stripe's per-account rate limit in requests per second, shared by every key and till using this
   * simulator (0 = off). Default: env SIM_RATE_LIMIT, else 0 in-process (`npm run sim` defaults to 25,
   * Stripe's test-mode limit). Change it later with sim.rateLimit.set(n) or POST /_sim/rate_limit.
   */
  rateLimit?: number;
  /**
   * Host names (besides loopback, the bind address and publicBaseUrl's host) the simulator answers to;
   * default env SIM_ALLOWED_HOSTS (comma list). Other Host headers get 403 (DNS rebinding).
   */
  allowedHosts?: string[];
  /** The account GET /v1/account describes (and 403 messages name). */
  account?: SimAccountConfig;
  /** Restricted keys (`rk_test_…`) and their permissions; more via sim.restrictedKeys.add or POST /_sim/restricted_keys. */
  restrictedKeys?: RestrictedKeyConfig[];
  /**
   * Stripe's fee on each paid charge (its balance transaction's `fee`). Default: env SIM_FEE_PERCENT
   * (e.g. 1.65) / SIM_FEE_FIXED_SATANG, else what the state file holds, else 1.65 % + ฿0.
   * Change it live with sim.fees.set or POST /_sim/fees; earlier transactions keep their fee.
   */
  fees?: FeeSchedule;
  /** Days a charge's net stays `pending` before `available_on` (default 7, a simulator choice). */
  settlementDelayDays?: number;
}

/** Test controls for PromptPay refunds (the customer's side, which the API cannot drive). */
export interface StripeSimRefunds {
  /** requires_action → pending: the customer gave bank details through Stripe's email. */
  submitBankDetails(refundId: string): Promise<void>;
  /** requires_action | pending → succeeded. */
  succeed(refundId: string): Promise<void>;
  /** requires_action | pending → failed with failure_reason (default 'declined'); the amount is unrefunded again. */
  fail(refundId: string, failureReason?: string): Promise<void>;
  get(refundId: string): Refund | null;
}

export interface StripeSimWebhooks {
  add(config: WebhookEndpointConfig): WebhookEndpointInfo;
  remove(id: string): boolean;
  list(): WebhookEndpointInfo[];
  update(id: string, changes: { url?: string; enabledEvents?: string[]; disabled?: boolean }): WebhookEndpointInfo;
  /** New secret now; the old one keeps signing (a second v1=) for expiresInSeconds (default 24 h; 0 = stop now). */
  rollSecret(id: string, options?: { expiresInSeconds?: number }): WebhookEndpointInfo;
  /** Delivery attempts so far, oldest first. */
  deliveries(filter?: { eventId?: string; endpointId?: string }): WebhookDeliveryRecord[];
  /** Resolves once no delivery attempt is running or scheduled (held reorder batches excluded). */
  idle(): Promise<void>;
  faults: {
    set(settings: WebhookFaultSettings): WebhookFaultSnapshot;
    get(): WebhookFaultSnapshot;
    /** Releases events held by the reorder fault now (newest first); returns how many. */
    flush(): number;
    clear(): WebhookFaultSnapshot;
  };
}

export interface StripeSim {
  url: string;
  port: number;
  succeed(paymentIntentId: string): Promise<void>;
  fail(paymentIntentId: string): Promise<void>;
  expire(paymentIntentId: string): Promise<void>;
  getPaymentIntent(id: string): unknown | null;
  refunds: StripeSimRefunds;
  /** Requests per endpoint, their total, and how many were answered 429 (throttled). */
  stats(): { requests: Record<string, number>; total: number; throttled: number };
  resetStats(): void;
  rateLimit: { get(): RateLimitSnapshot; set(requestsPerSecond: number): RateLimitSnapshot };
  restrictedKeys: { add(config: RestrictedKeyConfig): RestrictedKeyInfo; remove(key: string): boolean; list(): RestrictedKeyInfo[] };
  /** Stripe's fee schedule for charges paid from now on (persisted with the state). */
  fees: { get(): FeeSchedule; set(schedule: FeeSchedule): FeeSchedule };
  faults: { failNext(count: number, kind: FaultKind): void; clear(): void };
  webhooks: StripeSimWebhooks;
  close(): Promise<void>;
}

function qrFormatFrom(option: StripeSimOptions['qrFormat']): 'url' | 'emv' {
  const value = option ?? (process.env.SIM_QR_FORMAT || undefined) ?? 'url'; // empty = unset
  if (value !== 'url' && value !== 'emv') throw new Error(`stripe-sim: qrFormat must be 'url' or 'emv', got '${value}'`);
  return value;
}

/** `SIM_WEBHOOK_RETRY_MS=100,200,400` → [100, 200, 400]; `none` means no retries. */
export function parseRetryDelays(value: string): number[] {
  if (value.trim() === '' || value.trim() === 'none') return [];
  return value.split(',').map((part) => {
    const ms = Number(part.trim());
    if (!Number.isInteger(ms) || ms < 0) throw new Error(`stripe-sim: SIM_WEBHOOK_RETRY_MS must be a comma list of milliseconds, got '${value}'`);
    return ms;
  });
}

function retryDelaysFrom(option: number[] | undefined): number[] {
  if (option) {
    if (!option.every((ms) => Number.isInteger(ms) && ms >= 0))
      throw new Error(`stripe-sim: webhookRetryDelaysMs must be non-negative integers, got ${JSON.stringify(option)}`);
    return [...option];
  }
  const env = process.env.SIM_WEBHOOK_RETRY_MS;
  return env === undefined || env.trim() === '' ? [...DEFAULT_WEBHOOK_RETRY_DELAYS_MS] : parseRetryDelays(env); // empty = unset
}

function settlementDelayFrom(days: number | undefined): number {
  if (days === undefined) return DEFAULT_SETTLEMENT_DELAY_DAYS;
  if (!Number.isInteger(days) || days < 0 || days > 365) throw new Error(`stripe-sim: settlementDelayDays must be a whole number of days (0–365), got ${days}`);
  return days;
}

/** Starts the simulator in this process and resolves once it is listening. */
export async function startStripeSim(options: StripeSimOptions = {}): Promise<StripeSim> {
  const host = options.host ?? DEFAULT_SIM_HOST;
  const server = buildSimServer({
    stateFile: options.stateFile ?? null,
    qrFormat: qrFormatFrom(options.qrFormat),
    logger: options.logger ?? false,
    nowMs: options.now ?? Date.now,
    webhooks: options.webhooks ?? [],
    webhookRetryDelaysMs: retryDelaysFrom(options.webhookRetryDelaysMs),
    webhookTimeoutMs: options.webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
    account: {
      id: options.account?.id ?? DEFAULT_SIM_ACCOUNT_ID,
      displayName: options.account?.displayName ?? 'Chamra POS (stripe-sim)',
      country: options.account?.country ?? 'TH',
      promptPay: options.account?.promptPay ?? 'active',
    },
    restrictedKeys: options.restrictedKeys ?? [],
    fees: options.fees ? checkFeeSchedule(options.fees, 'fees') : feeScheduleFromEnv(process.env),
    settlementDelayDays: settlementDelayFrom(options.settlementDelayDays),
    // A wildcard bind address is not a name anyone reaches the simulator by.
    allowedHosts: [
      ...(['0.0.0.0', '::'].includes(host) ? [] : [host.includes(':') ? `[${host}]` : host]),
      ...(options.allowedHosts ?? allowedHostsFromEnv(process.env.SIM_ALLOWED_HOSTS)),
    ],
    rateLimit: options.rateLimit === undefined ? rateLimitFromEnv(process.env.SIM_RATE_LIMIT, 0) : checkRateLimit(options.rateLimit, 'rateLimit'),
  });
  await server.app.listen({ host, port: options.port ?? DEFAULT_SIM_PORT });
  const address = server.app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? DEFAULT_SIM_PORT);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;
  server.setBaseUrl(options.publicBaseUrl ?? url);

  const { paymentIntents, refunds, webhookEndpoints, webhookFaults, webhookDispatcher } = server;
  return {
    url,
    port,
    succeed: async (id) => void paymentIntents.succeed(id),
    fail: async (id) => void paymentIntents.fail(id),
    expire: async (id) => void paymentIntents.expire(id),
    getPaymentIntent: (id) => {
      const intent = paymentIntents.get(id);
      return intent ? structuredClone(intent) : null;
    },
    refunds: {
      submitBankDetails: async (id) => void refunds.submitBankDetails(id),
      succeed: async (id) => void refunds.succeed(id),
      fail: async (id, failureReason) => void refunds.fail(id, failureReason),
      get: (id) => {
        const refund = refunds.get(id);
        return refund ? structuredClone(refund) : null;
      },
    },
    stats: () => server.statsSnapshot(),
    resetStats: () => server.resetStats(),
    rateLimit: {
      get: () => server.rateLimiter.snapshot(),
      set: (requestsPerSecond) => {
        server.rateLimiter.setLimit(requestsPerSecond);
        return server.rateLimiter.snapshot();
      },
    },
    faults: {
      failNext: (count, kind) => server.faults.failNext(count, kind),
      clear: () => server.faults.clear(),
    },
    fees: {
      get: () => server.balanceTransactions.fees(),
      set: (schedule) => server.balanceTransactions.setFees(checkFeeSchedule(schedule, 'fees')),
    },
    restrictedKeys: {
      add: (config) => server.apiKeys.addRestricted(config),
      remove: (key) => server.apiKeys.removeRestricted(key),
      list: () => server.apiKeys.listRestricted(),
    },
    webhooks: {
      add: (config) => webhookEndpoints.add(config),
      remove: (id) => webhookEndpoints.remove(id),
      list: () => webhookEndpoints.list(),
      update: (id, changes) => webhookEndpoints.update(id, changes),
      rollSecret: (id, rollOptions) => webhookEndpoints.rollSecret(id, rollOptions?.expiresInSeconds),
      deliveries: (filter) => webhookDispatcher.deliveries(filter),
      idle: () => webhookDispatcher.idle(),
      faults: {
        set: (settings) => webhookFaults.set(settings),
        get: () => webhookFaults.snapshot(),
        flush: () => webhookFaults.flush(),
        clear: () => webhookFaults.clear(),
      },
    },
    close: () => server.close(),
  };
}
