// A small, real PosCore for shell tests: dispatch records what reached it and answers like the core
// (a PosResult, never a throw), subscribe/emit deliver events, close is observable and can be slow.
import { RECEIPT_SETTING_DEFAULTS } from '../../../../shared/receipt';
import { loadCoreConfig, type CoreConfig } from '../../../../electron/core/config/core-config';
import type { ManagerFacade } from '../../../../electron/core/manager/manager-side';
import type { CallContext, PaymentsFacade, PosCore } from '../../../../electron/core/pos-core-types';
import type { PaymentPathStatus, PosEvent } from '../../../../shared/pos-contract';
import type { PosResult } from '../../../../shared/pos-error';

export interface DispatchRecord {
  op: string;
  input: unknown;
  context: CallContext;
}

export class RecordingCore implements PosCore {
  readonly dispatched: DispatchRecord[] = [];
  readonly config: CoreConfig;
  readonly simulatorUrl = null;
  closeCalls = 0;
  closed = false;
  /** When set, close() waits for this before finishing (to prove callers await it). */
  closeGate: Promise<void> | null = null;
  private readonly listeners = new Set<(event: PosEvent) => void>();
  private closeCalled!: () => void;
  /** Resolves as soon as close() is first called (before closeGate opens). */
  readonly closeStarted = new Promise<void>((resolve) => (this.closeCalled = resolve));

  constructor(config?: CoreConfig) {
    this.config = config ?? loadCoreConfig({}, { dataDir: '/nonexistent/chamra-test' });
  }

  readonly payments: PaymentsFacade = {
    charge: () => Promise.reject(new Error('not used by the shell')),
    cancel: () => Promise.reject(new Error('not used by the shell')),
    renew: () => Promise.reject(new Error('not used by the shell')),
    find: () => null,
    metadataOf: () => ({}),
  };

  readonly webhooks = {
    configured: false,
    receive: () => ({ ok: false as const, reason: 'no_secret' as const, message: 'not used by the shell' }),
  };

  readonly manager: ManagerFacade = {
    settings: () => ({ shopName: 'Chamra POS', timeZone: 'Asia/Bangkok', qrTimeoutSeconds: 600, backupFolder: null, backupTime: null, dayStartHour: 0, promptPayId: null, ...RECEIPT_SETTING_DEFAULTS }),
    dailyReport: () => {
      throw new Error('not used by the shell');
    },
    periodReport: () => {
      throw new Error('not used by the shell');
    },
    writeReport: () => Promise.reject(new Error('not used by the shell')),
    exportFile: () => null,
    observeStripeRefund: () => null,
    audit: () => undefined,
  };

  /** No display is ever paired here (the shell serves no customer display off the till). */
  readonly displays = {
    isPaired: () => false,
    onUnpaired: () => () => undefined,
  };

  paymentPath(): PaymentPathStatus {
    return { live: 'polling', relay: 'off', webhook: 'off', lastPushAt: null, stripe: 'unknown', clockSkewSeconds: null };
  }

  async dispatch(op: string, input: unknown, context: CallContext): Promise<PosResult<unknown>> {
    this.dispatched.push({ op, input, context });
    return { ok: true, value: { echoedOp: op, echoedInput: input } };
  }

  subscribe(listener: (event: PosEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  emit(event: PosEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  async close(): Promise<void> {
    this.closeCalls += 1;
    this.closeCalled();
    if (this.closeGate) await this.closeGate;
    this.closed = true;
  }
}
