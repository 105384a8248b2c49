// What the screens talk to: the shared PosTransport plus a connection signal, so a screen can say
// "Cannot reach the till service" and re-read its state after a reconnect.
import type { PosTransport } from '../../shared/pos-contract';
import type { PosErrorBody } from '../../shared/pos-error';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

export interface RendererTransport extends PosTransport {
  readonly kind: 'ipc' | 'http';
  /** Calls the listener now with the current state, then on every change. */
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}

/** An error made on this side of the transport: the till service could not be reached at all. */
export interface TransportErrorBody extends PosErrorBody {
  unreachable?: true;
}

export function unreachableError(detail: string): { ok: false; error: TransportErrorBody } {
  return { ok: false, error: { code: 'internal', message: `till service unreachable: ${detail}`, unreachable: true } };
}
