// The Electron transport. The preload exposes one named function per operation, derived from the op
// names ('sales.charge' → window.pos.sales.charge); this builds the generic call() over that object.
import type { PosEvent, PosInput, PosOperation, PosOutputs } from '../../shared/pos-contract';
import type { PosResult } from '../../shared/pos-error';
import { POS_OPERATION_NAMES } from '../../shared/pos-operation-names';
import type { ConnectionState, RendererTransport } from './renderer-transport';

type BridgeFunction = (input: unknown) => Promise<PosResult<unknown>>;

/** The preload's object as the renderer sees it; checked at run time, never trusted blindly. */
export interface PosBridge {
  onEvent(listener: (event: PosEvent) => void): () => void;
  readonly [group: string]: unknown;
}

/** Finds `bridge.a.b` for the operation 'a.b', or null when the preload does not offer it. */
export function bridgeFunctionFor(bridge: PosBridge, op: string): BridgeFunction | null {
  const [group, method] = op.split('.');
  if (!group || !method) return null;
  const holder: unknown = bridge[group];
  if (holder === null || typeof holder !== 'object') return null;
  const fn: unknown = (holder as Record<string, unknown>)[method];
  return typeof fn === 'function' ? (fn as BridgeFunction) : null;
}

export function isPosBridge(value: unknown): value is PosBridge {
  return value !== null && typeof value === 'object' && typeof (value as { onEvent?: unknown }).onEvent === 'function';
}

export function createIpcTransport(bridge: PosBridge): RendererTransport {
  const functions = new Map<string, BridgeFunction>();
  for (const op of POS_OPERATION_NAMES) {
    const fn = bridgeFunctionFor(bridge, op);
    if (fn) functions.set(op, fn);
  }

  async function call<K extends PosOperation>(op: K, input: PosInput<K>): Promise<PosResult<PosOutputs[K]>> {
    const fn = functions.get(op);
    if (!fn) return { ok: false, error: { code: 'internal', message: `the app does not offer ${op}` } };
    try {
      return (await fn(input)) as PosResult<PosOutputs[K]>;
    } catch (error) {
      return { ok: false, error: { code: 'internal', message: error instanceof Error ? error.message : String(error) } };
    }
  }

  return {
    kind: 'ipc',
    call,
    subscribe: (listener) => bridge.onEvent(listener),
    // IPC lives as long as the window does: always connected.
    onConnectionChange(listener: (state: ConnectionState) => void) {
      listener('connected');
      return () => {};
    },
  };
}
