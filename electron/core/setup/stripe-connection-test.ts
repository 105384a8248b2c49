// "Test connection": asks Stripe, with the pasted key and the official SDK, which account the key
// belongs to (its name, country and PromptPay capability) and whether a restricted key may do what
// the till needs. Every refusal names its problem; nothing here ever holds on to the key or quotes it.
import { PosError } from '../../../shared/pos-error';
import type { StripeConnectionTest } from '../../../shared/setup';
import { isStripeApiBase } from '../config/core-config';
import { createStripeAccountProbe, StripeProbeError } from '../stripe/stripe-account';
import { redactKeys } from '../stripe/stripe-gateway';
import { checkStripeKeyShape, keyProblem } from './stripe-key-shape';

export interface StripeConnectionTestOptions {
  /** STRIPE_API_BASE when IT set one (a test server); null is Stripe itself. */
  apiBase: string | null;
  /** Per request to Stripe (the SDK's timeout). */
  timeoutMs?: number;
}

function unreachable(detail: string): PosError {
  return new PosError(
    'stripe_unreachable',
    `Stripe could not be reached to test the key (${detail}): check the internet connection, firewall or proxy, then test again. Nothing was saved.`,
    'secretKey',
    { setupProblem: 'stripe_unreachable' },
  );
}

/** Where a key of this mode may be sent: a live key only ever to Stripe itself. */
export function apiBaseFor(mode: 'test' | 'live', apiBase: string | null): string | null {
  if (mode === 'live' && apiBase && !isStripeApiBase(apiBase)) {
    throw new PosError(
      'conflict',
      'This till is set up (STRIPE_API_BASE) to talk to a Stripe test server, and a live key is only ever sent to Stripe itself: use a test key here, or ask IT to unset STRIPE_API_BASE. Nothing was sent.',
      'secretKey',
      { setupProblem: 'live_key_test_server' },
    );
  }
  return apiBase;
}

export async function testStripeConnection(input: { secretKey: string; mode: 'test' | 'live' }, options: StripeConnectionTestOptions): Promise<StripeConnectionTest> {
  const checked = checkStripeKeyShape(input.secretKey, input.mode);
  const probe = createStripeAccountProbe({
    secretKey: checked.key,
    apiBase: apiBaseFor(checked.mode, options.apiBase),
    timeoutMs: options.timeoutMs ?? 10_000,
    maxNetworkRetries: 1,
  });
  try {
    const identity = await probe.identify();
    const permissions = await probe.permissions();
    const missing = permissions.filter((row) => !row.ok && !row.optional).map((row) => row.label);
    if (missing.length > 0) {
      throw new PosError(
        'invalid_input',
        `This restricted key lacks ${missing.join(', ')}: give it these permissions in Stripe's dashboard (Developers → API keys → edit the key), then test again.`,
        'secretKey',
        { setupProblem: 'missing_permissions', missingPermissions: missing },
      );
    }
    return {
      mode: checked.mode,
      keyKind: checked.kind,
      account: identity.account,
      accountName: identity.accountName,
      country: identity.country,
      permissions,
      promptPay: identity.promptPay,
    };
  } catch (error) {
    if (error instanceof PosError) throw error;
    if (error instanceof StripeProbeError && error.kind === 'rejected') {
      throw keyProblem('key_rejected', 'Stripe does not accept this key: it may be mistyped, rolled or deleted. Copy it again from Stripe\'s Developers → API keys.');
    }
    if (error instanceof StripeProbeError) throw unreachable(redactKeys(error.message).slice(0, 200));
    throw new PosError('stripe_error', `Stripe answered the test unexpectedly: ${redactKeys(error instanceof Error ? error.message : String(error)).slice(0, 300)}`, 'secretKey');
  }
}
