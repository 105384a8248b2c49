// Setting the till up in the app: Stripe key (tested with Stripe before it is kept), webhook secret and
// relay, kept by the host's secret keeper; the wizard's progress. Stub: the setup issue fills it in.
import type { PosHandlers } from '../api/pos-dispatch';
import { PosError } from '../../../shared/pos-error';
import type { PosEvent } from '../../../shared/pos-contract';

/** Where the host keeps secrets (desktop: safeStorage; browser mode: this run only). */
export interface SecretKeeper {
  /** Whether secrets survive a restart here. */
  persistent(): boolean;
  read(name: string): string | null;
  write(name: string, value: string): void;
  delete(name: string): boolean;
}

/** What the host (desktop shell or browser-mode server) offers the setup side. */
export interface SetupHostPort {
  secrets: SecretKeeper;
  /** Stops the core and starts it again with what is kept now (the host re-reads its configuration). */
  restart(): Promise<void> | void;
}

type SetupOps = 'setup.status' | 'setup.testStripe' | 'setup.saveStripe' | 'setup.forgetStripe' | 'setup.savePush' | 'setup.complete' | 'setup.restart';

export function createSetupSide(_options: { host?: SetupHostPort; emit: (event: PosEvent) => void }) {
  const notYet = (): never => {
    throw new PosError('internal', 'Setup in the app is not built yet.');
  };
  const handlers: Pick<PosHandlers, SetupOps> = {
    'setup.status': notYet,
    'setup.testStripe': notYet,
    'setup.saveStripe': notYet,
    'setup.forgetStripe': notYet,
    'setup.savePush': notYet,
    'setup.complete': notYet,
    'setup.restart': notYet,
  };
  return { handlers, close: () => undefined };
}
