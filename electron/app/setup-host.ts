// The desktop's side of setup in the app: secrets are kept with the OS keychain (safeStorage, through
// the SecretStore the Stripe key already used), and the configuration is the environment the app was
// launched with (IT's scripted install wins) over what Settings kept. The environment's secrets stay
// in this process's memory only (they are scrubbed from its environment block), so a restart of the
// core in this process still has them; a relaunch would not.
import { loadCoreConfig, type CoreConfig } from '../core/config/core-config';
import { readKeptSettings } from '../core/setup/kept-secrets';
import type { SecretKeeper, SetupHostPort } from '../core/setup/setup-side';
import type { SecretStore } from './secret-store';

/** The SecretStore as setup's keeper: without OS encryption it refuses to keep anything (no plain text). */
export function keeperOver(store: SecretStore): SecretKeeper {
  return {
    persistent: () => store.isEncryptionAvailable(),
    read: (name) => store.readSecret(name),
    write: (name, value) => store.writeSecret(name, value),
    delete: (name) => store.deleteSecret(name),
  };
}

export interface DesktopSetupHostOptions {
  store: SecretStore;
  /** A copy of the environment taken at launch, before any secret was scrubbed from it. */
  launchEnvironment: NodeJS.ProcessEnv;
  /** Closes the core and its server and starts them again in this process (the windows reload). */
  restart: () => Promise<void>;
  log?: (message: string) => void;
}

export interface DesktopSetupHost extends SetupHostPort {
  /** The core's configuration now: the launch environment first, then what Settings kept. */
  config(overrides: Partial<CoreConfig>): CoreConfig;
}

export function createDesktopSetupHost(options: DesktopSetupHostOptions): DesktopSetupHost {
  const secrets = keeperOver(options.store);
  return {
    secrets,
    environment: () => options.launchEnvironment,
    restart: () => options.restart(),
    config: (overrides) => loadCoreConfig(options.launchEnvironment, overrides, readKeptSettings(secrets, options.log)),
  };
}
