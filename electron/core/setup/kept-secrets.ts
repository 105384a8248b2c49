// What setup keeps with the host's SecretKeeper, under the names the desktop shell already uses, and
// the keeper browser mode uses (this run only: it has no keychain to lean on).
import type { KeptSettings } from '../config/core-config';
import type { SecretKeeper } from './setup-ports';

/** The names secrets are kept under (the desktop's `stripe_secret_key` predates setup in the app). */
export const KEPT_NAMES = {
  stripeSecretKey: 'stripe_secret_key',
  webhookSecret: 'stripe_webhook_secret',
  // Not a secret, but it belongs with its token: a restored ledger from another till never brings its relay.
  relayUrl: 'relay_url',
  relayToken: 'relay_token',
} as const satisfies Record<keyof KeptSettings, string>;

/** Everything kept; a value that cannot be read (the keychain changed) counts as not kept. */
export function readKeptSettings(keeper: SecretKeeper, log: (message: string) => void = () => undefined): KeptSettings {
  const read = (name: string): string | null => {
    try {
      return keeper.read(name);
    } catch (error) {
      log(`The kept setting "${name}" could not be read (${error instanceof Error ? error.message : String(error)}); set it again in Settings.`);
      return null;
    }
  };
  return {
    stripeSecretKey: read(KEPT_NAMES.stripeSecretKey),
    webhookSecret: read(KEPT_NAMES.webhookSecret),
    relayUrl: read(KEPT_NAMES.relayUrl),
    relayToken: read(KEPT_NAMES.relayToken),
  };
}

/** Browser mode's keeper: in memory, so a restart of the core keeps what was saved, a new process does not. */
export function createMemoryKeeper(): SecretKeeper {
  const values = new Map<string, string>();
  return {
    persistent: () => false,
    read: (name) => values.get(name) ?? null,
    write: (name, value) => void values.set(name, value),
    delete: (name) => values.delete(name),
  };
}
