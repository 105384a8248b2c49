// Which Stripe account a key belongs to, and whether a restricted key may do what the till needs.
// Asked once at start, with the till's own key: `GET /v1/account` for the account, and for a
// restricted key (rk_…) three cheap calls that Stripe answers 403 when a permission is missing.
import Stripe from 'stripe';
import { redactKeys, stripeClientConfig } from './stripe-gateway';

/** What the till needs of a restricted key, as Stripe's dashboard names it, with Stripe's permission id. */
export const REQUIRED_PERMISSIONS = [
  { label: 'PaymentIntents: Write', id: 'rak_payment_intent_write' },
  { label: 'Refunds: Write', id: 'rak_refund_write' },
  { label: 'Events: Read', id: 'rak_event_read' },
] as const;
export type RequiredPermission = (typeof REQUIRED_PERMISSIONS)[number]['label'];
export const PAYMENT_INTENTS_WRITE: RequiredPermission = 'PaymentIntents: Write';

export interface StripeAccountIdentity {
  /** acct_…; null when the key may not read its account (a restricted key without that permission). */
  account: string | null;
  accountName: string | null;
}

export interface StripeAccountProbe {
  /** The key's account; rejects when Stripe cannot be reached or refuses the key itself. */
  identify(): Promise<StripeAccountIdentity>;
  /** The required permissions a restricted key lacks (none for a secret key), in Stripe's dashboard names. */
  missingPermissions(): Promise<RequiredPermission[]>;
}

export function isRestrictedKey(secretKey: string): boolean {
  return secretKey.startsWith('rk_');
}

/** An id no object has: a call on it reaches the permission check and then answers 404, changing nothing. */
const PROBE_ID_SUFFIX = 'chamraPermissionProbe';

export function createStripeAccountProbe(options: { secretKey: string; apiBase: string | null; timeoutMs?: number }): StripeAccountProbe {
  const stripe = new Stripe(options.secretKey, { ...stripeClientConfig({ secretKey: options.secretKey, apiBase: options.apiBase, timeoutMs: options.timeoutMs ?? 10_000 }), maxNetworkRetries: 1 });
  /** Runs a call; true when Stripe refused it for want of a permission (403), false when it got past that. */
  const lacksPermission = async (run: () => Promise<unknown>): Promise<boolean> => {
    try {
      await run();
      return false;
    } catch (error) {
      if (error instanceof Stripe.errors.StripePermissionError) return true;
      // 404 for the made-up id, or any other answer: the permission check was passed.
      if (error instanceof Stripe.errors.StripeError && error.statusCode !== undefined && error.statusCode < 500) {
        // No `cause`: the SDK's error can quote the key; only its redacted message goes on.
        // oxlint-disable-next-line preserve-caught-error
        if (error instanceof Stripe.errors.StripeAuthenticationError) throw new Error(redactKeys(error.message));
        return false;
      }
      // oxlint-disable-next-line preserve-caught-error
      throw new Error(`Stripe could not be asked about the key's permissions: ${redactKeys(error instanceof Error ? error.message : String(error))}`);
    }
  };
  return {
    async identify() {
      try {
        const account = await stripe.accounts.retrieveCurrent();
        const name = account.settings?.dashboard?.display_name ?? account.business_profile?.name ?? null;
        return { account: account.id, accountName: name || null };
      } catch (error) {
        // A restricted key may lack the account permission (403), or a Stripe-compatible server may not
        // offer the account (404): the key's fingerprint identifies it instead.
        if (error instanceof Stripe.errors.StripePermissionError || (error instanceof Stripe.errors.StripeError && error.statusCode === 404)) {
          return { account: null, accountName: null };
        }
        // oxlint-disable-next-line preserve-caught-error -- no cause: the SDK's error can quote the key
        throw new Error(redactKeys(error instanceof Error ? error.message : String(error)));
      }
    },
    async missingPermissions() {
      if (!isRestrictedKey(options.secretKey)) return [];
      const checks: Record<RequiredPermission, () => Promise<unknown>> = {
        'PaymentIntents: Write': () => stripe.paymentIntents.cancel(`pi_${PROBE_ID_SUFFIX}`),
        'Refunds: Write': () => stripe.refunds.cancel(`re_${PROBE_ID_SUFFIX}`),
        'Events: Read': () => stripe.events.list({ limit: 1 }),
      };
      const missing: RequiredPermission[] = [];
      for (const { label } of REQUIRED_PERMISSIONS) if (await lacksPermission(checks[label])) missing.push(label);
      return missing;
    },
  };
}
