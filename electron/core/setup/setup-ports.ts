// What a host (the desktop shell, browser mode's server) lends the setup side: where secrets are kept,
// the environment that wins over them, and a restart.
/** Where the host keeps secrets (desktop: safeStorage; browser mode: this run only). */
export interface SecretKeeper {
  /** Whether secrets survive a restart of the app here. */
  persistent(): boolean;
  read(name: string): string | null;
  /** Throws when it cannot keep the secret safely (no OS keychain): nothing is kept then. */
  write(name: string, value: string): void;
  delete(name: string): boolean;
}

/** What the host (desktop shell or browser-mode server) offers the setup side. */
export interface SetupHostPort {
  secrets: SecretKeeper;
  /**
   * The environment the host reads again at a restart (IT's scripted install): a setting it sets wins
   * over what is kept. Default: none.
   */
  environment?: () => NodeJS.ProcessEnv;
  /** Stops the core and starts it again with what is kept now (the host re-reads its configuration). */
  restart(): Promise<void> | void;
}
