// Which Stripe account a key belongs to, and whether a restricted key may do what the till needs.
// Asked at start with the till's own key, and by "Test connection" in setup with a pasted one:
// `GET /v1/account` for the account (its country and PromptPay capability too), and for a restricted
// key (rk_…) a few cheap calls that Stripe answers 403 when a permission is missing.
import Stripe from 'stripe';
import type { StripePermissionCheck } from '../../../shared/setup';
import { redactKeys, stripeClientConfig } from './stripe-gateway';

/** What the till needs of a restricted key, as Stripe's dashboard names it, with Stripe's permission id. */
export const REQUIRED_PERMISSIONS = [
  { label: 'PaymentIntents: Write', id: 'rak_payment_intent_write' },
  { label: 'Refunds: Write', id: 'rak_refund_write' },
  { label: 'Events: Read', id: 'rak_event_read' },
] as const;
export type RequiredPermission = (typeof REQUIRED_PERMISSIONS)[number]['label'];
export const PAYMENT_INTENTS_WRITE: RequiredPermission = 'PaymentIntents: Write';

/**
 * What the till uses when a key may, and does without when it may not: Stripe's fee on each sale is
 * read by expanding the charge's balance transaction (reports then show fees and net payout).
 */
export const OPTIONAL_PERMISSIONS = [
  { label: 'Charges: Read', id: 'rak_charge_read' },
  { label: 'Balance: Read', id: 'rak_balance_read' },
] as const;
export type OptionalPermission = (typeof OPTIONAL_PERMISSIONS)[number]['label'];

export interface StripeAccountIdentity {
  /** acct_…; null when the key may not read its account (a restricted key without that permission). */
  account: string | null;
  accountName: string | null;
  /** ISO country of the account ('TH'); null when not readable. */
  country: string | null;
  /** Stripe's `capabilities.promptpay_payments`; 'unknown' when the account could not be read. */
  promptPay: 'active' | 'inactive' | 'unknown';
}

/** Why Stripe could not say anything about a key: it refused the key (401), or could not be reached. */
export class StripeProbeError extends Error {
  constructor(
    readonly kind: 'rejected' | 'unreachable',
    message: string,
  ) {
    super(message);
    this.name = 'StripeProbeError';
  }
}

export interface StripeAccountProbe {
  /** The key's account; rejects (StripeProbeError) when Stripe cannot be reached or refuses the key itself. */
  identify(): Promise<StripeAccountIdentity>;
  /** The required permissions a restricted key lacks (none for a secret key), in Stripe's dashboard names. */
  missingPermissions(): Promise<RequiredPermission[]>;
  /** Every permission the till needs or uses, checked (all ok for a secret key); optional ones are marked. */
  permissions(): Promise<StripePermissionCheck[]>;
}

export function isRestrictedKey(secretKey: string): boolean {
  return secretKey.startsWith('rk_');
}

/** An id no object has: a call on it reaches the permission check and then answers 404, changing nothing. */
const PROBE_ID_SUFFIX = 'chamraPermissionProbe';

export function createStripeAccountProbe(options: { secretKey: string; apiBase: string | null; timeoutMs?: number; maxNetworkRetries?: number }): StripeAccountProbe {
  const stripe = new Stripe(options.secretKey, {
    ...stripeClientConfig({ secretKey: options.secretKey, apiBase: options.apiBase, timeoutMs: options.timeoutMs ?? 10_000 }),
    maxNetworkRetries: options.maxNetworkRetries ?? 1,
  });
  /** The SDK's error as one of ours: never with a `cause`, since the SDK's error can quote the key. */
  const probeError = (error: unknown, prefix = ''): Error => {
    const message = `${prefix}${redactKeys(error instanceof Error ? error.message : String(error))}`;
    if (error instanceof Stripe.errors.StripeAuthenticationError) return new StripeProbeError('rejected', message);
    // No answer, or Stripe's own failure (5xx): nothing is known about the key yet.
    if (error instanceof Stripe.errors.StripeConnectionError || !(error instanceof Stripe.errors.StripeError) || (error.statusCode ?? 500) >= 500) {
      return new StripeProbeError('unreachable', message);
    }
    return new Error(message);
  };
  /** Runs a call; true when Stripe refused it for want of a permission (403), false when it got past that. */
  const lacksPermission = async (run: () => Promise<unknown>): Promise<boolean> => {
    try {
      await run();
      return false;
    } catch (error) {
      if (error instanceof Stripe.errors.StripePermissionError) return true;
      // 404 for the made-up id, or any other answer: the permission check was passed.
      if (error instanceof Stripe.errors.StripeError && error.statusCode !== undefined && error.statusCode < 500 && !(error instanceof Stripe.errors.StripeAuthenticationError)) {
        return false;
      }
      throw probeError(error, "Stripe could not be asked about the key's permissions: ");
    }
  };
  const checks: Record<RequiredPermission | OptionalPermission, () => Promise<unknown>> = {
    'PaymentIntents: Write': () => stripe.paymentIntents.cancel(`pi_${PROBE_ID_SUFFIX}`),
    'Refunds: Write': () => stripe.refunds.cancel(`re_${PROBE_ID_SUFFIX}`),
    'Events: Read': () => stripe.events.list({ limit: 1 }),
    'Charges: Read': () => stripe.charges.retrieve(`ch_${PROBE_ID_SUFFIX}`),
    'Balance: Read': () => stripe.balanceTransactions.retrieve(`txn_${PROBE_ID_SUFFIX}`),
  };
  async function missingPermissions(): Promise<RequiredPermission[]> {
    if (!isRestrictedKey(options.secretKey)) return [];
    const missing: RequiredPermission[] = [];
    for (const { label } of REQUIRED_PERMISSIONS) if (await lacksPermission(checks[label])) missing.push(label);
    return missing;
  }
  return {
    async identify() {
      try {
        const account = await stripe.accounts.retrieveCurrent();
        const name = account.settings?.dashboard?.display_name ?? account.business_profile?.name ?? null;
        const capability = account.capabilities?.promptpay_payments;
        return {
          account: account.id,
          accountName: name || null,
          country: account.country ?? null,
          // 'pending' cannot take a payment yet either; no capability at all is an account without PromptPay.
          promptPay: capability === 'active' ? 'active' : 'inactive',
        };
      } catch (error) {
        // A restricted key may lack the account permission (403), or a Stripe-compatible server may not
        // offer the account (404): the key's fingerprint identifies it instead.
        if (error instanceof Stripe.errors.StripePermissionError || (error instanceof Stripe.errors.StripeError && error.statusCode === 404)) {
          return { account: null, accountName: null, country: null, promptPay: 'unknown' };
        }
        throw probeError(error);
      }
    },
    missingPermissions,
    async permissions() {
      const restricted = isRestrictedKey(options.secretKey);
      const rows: StripePermissionCheck[] = [];
      for (const { label } of REQUIRED_PERMISSIONS) rows.push({ label, ok: !restricted || !(await lacksPermission(checks[label])) });
      for (const { label } of OPTIONAL_PERMISSIONS) rows.push({ label, ok: !restricted || !(await lacksPermission(checks[label])), optional: true });
      return rows;
    },
  };
}
