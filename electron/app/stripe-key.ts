// Where the Stripe secret key comes from at start-up: the environment (IT's scripted install; imported
// into secure storage, and it wins over a key saved in Settings), else the key kept in secure storage
// (imported earlier, or saved by a manager in the app's setup under the same name).
// `--forget-stripe-key` removes the stored key (demo mode until a new one is imported). The key is
// never accepted as a command-line argument, because other users of the PC can read process lists.
import type { SecretStore } from './secret-store';

export const STRIPE_SECRET_NAME = 'stripe_secret_key';
export const FORGET_STRIPE_KEY_FLAG = '--forget-stripe-key';
const KEY_SHAPE = /^(sk|rk)_[A-Za-z0-9_]+$/;

export interface StripeKeyResolution {
  key: string | null;
  source: 'secure-storage' | 'environment' | 'none';
  /** The key from the environment was saved to secure storage on this run. */
  saved?: boolean;
  /** Human-readable, for the log. Never contains the key. */
  notices: string[];
}

/** A stored key that can no longer be decrypted is simply replaced by the new one. */
function readOrNull(store: SecretStore): string | null {
  try {
    return store.readSecret(STRIPE_SECRET_NAME);
  } catch {
    return null;
  }
}

export function resolveStripeSecretKey(store: SecretStore, env: NodeJS.ProcessEnv, argv: readonly string[]): StripeKeyResolution {
  const notices: string[] = [];
  if (argv.includes(FORGET_STRIPE_KEY_FLAG) && store.deleteSecret(STRIPE_SECRET_NAME)) {
    notices.push('The stored Stripe secret key was removed.');
  }
  const fromEnv = env.STRIPE_SECRET_KEY?.trim();
  // Scrub it from our environment so nothing started later inherits it.
  delete env.STRIPE_SECRET_KEY;
  if (fromEnv) {
    if (!KEY_SHAPE.test(fromEnv)) throw new Error('STRIPE_SECRET_KEY does not look like a Stripe secret key (it should start with sk_ or rk_).');
    if (!store.isEncryptionAvailable()) {
      notices.push('Secure storage is unavailable, so STRIPE_SECRET_KEY is used for this run only and was not saved.');
      return { key: fromEnv, source: 'environment', notices };
    }
    if (readOrNull(store) !== fromEnv) {
      store.writeSecret(STRIPE_SECRET_NAME, fromEnv);
      notices.push('STRIPE_SECRET_KEY was saved to secure storage; it no longer needs to be set in the environment.');
    }
    return { key: fromEnv, source: 'environment', notices, saved: true };
  }
  if (store.hasSecret(STRIPE_SECRET_NAME)) {
    return { key: store.readSecret(STRIPE_SECRET_NAME), source: 'secure-storage', notices };
  }
  notices.push('No Stripe secret key is configured: running in DEMO mode against the built-in simulator.');
  return { key: null, source: 'none', notices };
}
