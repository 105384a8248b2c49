/**
 * API keys of the simulated account: any `sk_test_…` secret key works (the simulator is one test
 * account), and restricted `rk_test_…` keys work once registered with their permissions, like
 * keys made in Stripe's Dashboard. A restricted key without the permission an endpoint needs gets
 * Stripe's 403. Registered keys live in memory only (register them again at each start).
 */
import { z } from 'zod';
import { randomAlphanumeric } from './ids';
import { invalidRequest, maskApiKey, stripeErrors, type StripeApiError } from './stripe-errors';

export const RESTRICTED_RESOURCES = ['payment_intents', 'refunds', 'events', 'charges', 'balance'] as const;
export type RestrictedResource = (typeof RESTRICTED_RESOURCES)[number];
export type PermissionLevel = 'none' | 'read' | 'write';

export interface RestrictedKeyConfig {
  /** `rk_test_…`; generated when omitted. */
  key?: string;
  /** Per resource: none (default), read, or write (which includes read). */
  permissions: Partial<Record<RestrictedResource, PermissionLevel>>;
}

export interface RestrictedKeyInfo {
  key: string;
  permissions: Record<RestrictedResource, PermissionLevel>;
}

const LEVEL = z.enum(['none', 'read', 'write']);
/** The one schema for a restricted key, in code or through POST /_sim/restricted_keys. */
export const restrictedKeySchema = z
  .object({
    key: z.string().regex(/^rk_test_[A-Za-z0-9_]{8,200}$/, 'key must look like rk_test_ followed by at least 8 letters, digits or _').optional(),
    permissions: z
      .object({
        payment_intents: LEVEL.optional(),
        refunds: LEVEL.optional(),
        events: LEVEL.optional(),
        charges: LEVEL.optional(),
        balance: LEVEL.optional(),
      })
      .strict(),
  })
  .strict();

/** The permission each Stripe endpoint needs from a restricted key (the others need none). */
const ENDPOINT_NEEDS: Record<string, [RestrictedResource, 'read' | 'write']> = {
  'POST /v1/payment_intents': ['payment_intents', 'write'],
  'GET /v1/payment_intents/:intent': ['payment_intents', 'read'],
  'POST /v1/payment_intents/:intent': ['payment_intents', 'write'],
  'POST /v1/payment_intents/:intent/confirm': ['payment_intents', 'write'],
  'POST /v1/payment_intents/:intent/cancel': ['payment_intents', 'write'],
  'POST /v1/refunds': ['refunds', 'write'],
  'GET /v1/refunds': ['refunds', 'read'],
  'GET /v1/refunds/:refund': ['refunds', 'read'],
  'POST /v1/refunds/:refund/cancel': ['refunds', 'write'],
  'GET /v1/events': ['events', 'read'],
  'GET /v1/events/:id': ['events', 'read'],
  'GET /v1/charges/:charge': ['charges', 'read'],
  'GET /v1/balance_transactions': ['balance', 'read'],
  'GET /v1/balance_transactions/:id': ['balance', 'read'],
};

/** Expanding an object needs read permission on its resource too, or a key could read fees through a PaymentIntent. */
const EXPANSION_NEEDS: Record<string, RestrictedResource> = {
  latest_charge: 'charges',
  charge: 'charges',
  balance_transaction: 'balance',
  payment_intent: 'payment_intents',
};

/** Stripe's permission names, as its 403 message quotes them. */
const RAK_NAME: Record<RestrictedResource, string> = {
  payment_intents: 'payment_intent',
  refunds: 'refund',
  events: 'event',
  charges: 'charge',
  balance: 'balance',
};

/** Stripe accepts `Bearer <key>` or HTTP Basic with the key as the user name. */
function apiKeyFrom(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const [scheme, value = ''] = authorization.split(/\s+/, 2);
  if (/^bearer$/i.test(scheme)) return value;
  if (/^basic$/i.test(scheme)) return Buffer.from(value, 'base64').toString('utf8').split(':')[0];
  return '';
}

export class ApiKeys {
  private readonly restricted = new Map<string, RestrictedKeyInfo>();

  constructor(private readonly accountId: string) {}

  addRestricted(config: unknown): RestrictedKeyInfo {
    const parsed = restrictedKeySchema.safeParse(config);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalidRequest(undefined, `Invalid restricted key: ${issue.path.join('.') || 'body'}: ${issue.message}`, issue.path.join('.') || undefined);
    }
    const key = parsed.data.key ?? `rk_test_${randomAlphanumeric(32)}`;
    const permissions = Object.fromEntries(
      RESTRICTED_RESOURCES.map((r) => [r, parsed.data.permissions[r] ?? 'none']),
    ) as RestrictedKeyInfo['permissions'];
    const info = { key, permissions };
    this.restricted.set(key, info);
    return structuredClone(info);
  }

  removeRestricted(key: string): boolean {
    return this.restricted.delete(key);
  }

  listRestricted(): RestrictedKeyInfo[] {
    return [...this.restricted.values()].map((k) => structuredClone(k));
  }

  /**
   * Throws Stripe's 401 (no or unknown key) or 403 (restricted key without the permission `endpoint`
   * needs, or without read permission on an object named in `expand`, e.g. `latest_charge.balance_transaction`).
   */
  authorize(authorization: string | undefined, endpoint: string, expand: string[] = []): void {
    const key = apiKeyFrom(authorization);
    if (key === null || key === '') throw stripeErrors.missingApiKey();
    if (/^sk_test_[A-Za-z0-9_]+$/.test(key)) return;
    const restricted = this.restricted.get(key);
    if (!restricted) throw stripeErrors.invalidApiKey(maskApiKey(key));
    const needs: [RestrictedResource, 'read' | 'write'][] = ENDPOINT_NEEDS[endpoint] ? [ENDPOINT_NEEDS[endpoint]] : [];
    for (const segment of expand.flatMap((path) => path.split('.'))) {
      if (EXPANSION_NEEDS[segment]) needs.push([EXPANSION_NEEDS[segment], 'read']);
    }
    for (const [resource, level] of needs) {
      const has = restricted.permissions[resource];
      if (has !== 'write' && has !== level) throw this.missingPermission(key, `rak_${RAK_NAME[resource]}_${level}`);
    }
  }

  private missingPermission(key: string, permission: string): StripeApiError {
    return invalidRequest(
      undefined,
      `The provided key '${maskApiKey(key)}' does not have the required permissions for this endpoint on account '${this.accountId}'. Having the '${permission}' permission would allow this request to continue.`,
      undefined,
      403,
    );
  }
}
