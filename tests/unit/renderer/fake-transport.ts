// A scripted RendererTransport for store tests: answers calls from handlers, records them, and lets
// the test push events and connection changes.
import { DEFAULT_SOUND } from '../../../shared/receipt';
import type { AppInfo, PosEvent, PosInput, PosOperation, PosOutputs } from '../../../shared/pos-contract';
import type { PosResult } from '../../../shared/pos-error';
import type { Sale } from '../../../shared/sale';
import type { ConnectionState, RendererTransport } from '../../../renderer/transport/renderer-transport';

type Handler = (input: unknown) => PosResult<unknown> | Promise<PosResult<unknown>>;

export interface FakeTransport extends RendererTransport {
  calls: { op: string; input: unknown }[];
  handle<K extends PosOperation>(op: K, handler: (input: PosInput<K>) => PosResult<PosOutputs[K]> | Promise<PosResult<PosOutputs[K]>>): void;
  emit(event: PosEvent): void;
  setConnection(state: ConnectionState): void;
  callsOf(op: PosOperation): unknown[];
}

export function createFakeTransport(): FakeTransport {
  const handlers = new Map<string, Handler>();
  const listeners = new Set<(event: PosEvent) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let connection: ConnectionState = 'connecting';
  const calls: { op: string; input: unknown }[] = [];
  return {
    kind: 'http',
    calls,
    async call<K extends PosOperation>(op: K, input: PosInput<K>): Promise<PosResult<PosOutputs[K]>> {
      calls.push({ op, input });
      const handler = handlers.get(op);
      if (!handler) return { ok: false, error: { code: 'internal', message: `no fake for ${op}` } };
      return (await handler(input)) as PosResult<PosOutputs[K]>;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      listener(connection);
      return () => connectionListeners.delete(listener);
    },
    handle(op, handler) {
      handlers.set(op, handler as Handler);
    },
    emit(event) {
      for (const listener of listeners) listener(event);
    },
    setConnection(state) {
      connection = state;
      for (const listener of connectionListeners) listener(state);
    },
    callsOf(op) {
      return calls.filter((call) => call.op === op).map((call) => call.input);
    },
  };
}

/** app.info of a demo till (the embedded simulator, no Stripe account). */
export const demoInfo: AppInfo = {
  demo: true,
  promptPayReady: true,
  sound: DEFAULT_SOUND,
  autoPrintReceipt: 'ask',
  dayStartHour: 0,
  shopName: 'Baan Kafe',
  tillId: 'till-1',
  qrTimeoutSeconds: 600,
  timeZone: 'Asia/Bangkok',
  version: '0.1.0',
  mode: 'demo',
  stripe: { mode: 'demo', account: null, accountName: null, pendingChange: null, missingPermissions: [] },
};

let counter = 0;
export function makeSale(overrides: Partial<Sale> = {}): Sale {
  counter += 1;
  const createdAt = overrides.createdAt ?? 1_700_000_000_000 + counter * 1000;
  return {
    id: `sale_TEST${String(counter).padStart(8, '0')}`,
    amount: 12_345,
    currency: 'thb',
    description: null,
    orderRef: null,
    tender: 'promptpay',
    cashTendered: null,
    status: 'awaiting_payment',
    paymentIntentId: `pi_test${counter}`,
    paymentIntentStatus: 'requires_action',
    qrData: '00020101021230...',
    qrImageUrl: null,
    qrExpiresAt: createdAt + 600_000,
    failureCode: null,
    flagged: false,
    flagReason: null,
    source: 'till',
    receiptNo: null,
    tillId: 'till-1',
    cashier: null,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

/** Lets pending promise callbacks run. */
export const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
