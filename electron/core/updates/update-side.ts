// The app's own updates as the till sees them: the desktop shell downloads them (electron-updater);
// the core says "ready" to the screens and lets a manager install one only between sales.
import type { PosHandlers } from '../api/pos-dispatch';
import { PosError } from '../../../shared/pos-error';
import type { UpdateStatus } from '../../../shared/setup';
import type { PosEvent } from '../../../shared/pos-contract';
import type { AuditLog } from '../ledger/audit-log';

/** What the desktop shell offers the core (electron/app implements it; tests pass their own). */
export interface UpdatesPort {
  status(): UpdateStatus;
  /** Quits and installs the downloaded update (the shell closes the core cleanly first). */
  install(): void;
  onChange(listener: (status: UpdateStatus) => void): () => void;
  /**
   * The core is closing (the app quits): whether a sale still waits for payment. A downloaded update
   * then does not install on this quit; between sales it does, as a shop expects of a quit.
   */
  coreClosing?(saleInProgress: boolean): void;
}

export function noUpdates(version: string): UpdateStatus {
  return { available: false, state: 'idle', currentVersion: version, readyVersion: null, percent: null, error: null, lastCheckedAt: null };
}

export function createUpdateSide(options: {
  port?: UpdatesPort;
  version: string;
  /** A sale waiting for payment (or being created): an update never restarts the till under it. */
  saleInProgress: () => boolean;
  emit: (event: PosEvent) => void;
  audit: AuditLog;
}) {
  const { port } = options;
  const unsubscribe = port?.onChange((status) => options.emit({ type: 'updates.updated', data: status })) ?? (() => undefined);
  const handlers: Pick<PosHandlers, 'updates.status' | 'updates.install'> = {
    'updates.status': () => port?.status() ?? noUpdates(options.version),
    'updates.install': (_input, context) => {
      const status = port?.status();
      if (!port || !status || status.state !== 'ready') throw new PosError('conflict', 'No update is ready to install.', 'update');
      if (options.saleInProgress()) {
        throw new PosError('conflict', 'A sale is waiting for payment: the update installs once it is finished.', 'sale', { setupProblem: 'sale_in_progress' });
      }
      // Written before the shell quits: who restarted the till into which version stays on record.
      options.audit.record({ actor: context.cashier ?? null, action: 'updates.install', detail: { from: options.version, to: status.readyVersion } });
      port.install();
      return port.status();
    },
  };
  const close = () => {
    let inProgress = true; // unknown counts as in progress: never install under a sale
    try {
      inProgress = options.saleInProgress();
    } catch {
      // the ledger could not say; stay on the safe side
    }
    port?.coreClosing?.(inProgress);
    unsubscribe();
  };
  return { handlers, close };
}
